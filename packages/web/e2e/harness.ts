import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastTestPasswords, startServer, type RunningServer } from '@zonewise/server';
import { createUser, setMemberRole, type ProjectRole, type UserRecord } from '@zonewise/store';

/** A user the end-to-end tests log in as. */
export interface E2eUser {
  readonly username: string;
  readonly password: string;
  readonly record: UserRecord;
}

/** The workbench under test: a real server on a throwaway SQLite folder and a free port, serving `web/dist`. */
export interface E2eServer {
  readonly url: string;
  readonly server: RunningServer;
  /** Creates a user with a known password. */
  addUser(username: string, options?: { readonly isAdmin?: boolean }): Promise<E2eUser>;
  /** Makes a user a member of a project in a role. */
  grant(projectId: string, user: E2eUser, role: ProjectRole): Promise<void>;
  close(): Promise<void>;
}

const SETUP_ACTOR = { id: 'e2e-setup', name: 'End-to-end setup' };

/**
 * Starts `startServer` exactly as `zonewise serve` does, on a temporary data folder and port 0 (a free port), with
 * cheap password hashing so logins are fast. Users are created through the store, as an administrator would.
 */
export const startE2eServer = async (options: { readonly loadDemo?: boolean } = {}): Promise<E2eServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zonewise-e2e-'));
  const server = await startServer({
    port: 0,
    dataDir,
    loadDemo: options.loadDemo ?? false,
    handleSignals: false,
    passwords: fastTestPasswords,
    log: () => undefined,
  });
  const { deps } = server;
  return {
    url: server.url,
    server,
    async addUser(username, userOptions = {}) {
      const password = `${username}-e2e-password-1`;
      const record = await createUser(
        deps.store,
        {
          username,
          displayName: `${username[0]?.toUpperCase() ?? ''}${username.slice(1)} (e2e)`,
          passwordHash: await deps.passwords.hash(password),
          isAdmin: userOptions.isAdmin === true,
        },
        SETUP_ACTOR,
      );
      return { username, password, record };
    },
    grant: (projectId, user, role) => setMemberRole(deps.store, projectId, user.record.id, role, SETUP_ACTOR),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
