import {
  createSession,
  createUser,
  setMemberRole,
  type DialectName,
  type ProjectRole,
  type UserRecord,
} from '@zonewise/store';
import { openTestDatabase, type TestDatabase } from '@zonewise/store/testing';
import { createApp, type ZonewiseApp } from '../app';
import { fastTestPasswords } from '../auth/passwords';
import { DEFAULT_SETTINGS, type ServerDeps, type ServerSettings } from '../env';

/** A logged-in test user and a `fetch`-like helper that sends their cookie and CSRF token. */
export interface TestClient {
  readonly user: UserRecord;
  readonly password: string;
  readonly cookie: string;
  readonly csrfToken: string;
  /** Calls the app as this user; `body` is sent as JSON. Pass `csrf: false` to leave the CSRF header out. */
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: { readonly csrf?: boolean; readonly headers?: Record<string, string> },
  ): Promise<Response>;
}

/** An app on a fresh database of one dialect, with helpers to create users in roles. */
export interface TestServer {
  readonly app: ZonewiseApp;
  readonly deps: ServerDeps;
  readonly database: TestDatabase;
  /** Creates a user (optionally an administrator) with a live session. */
  login(username: string, options?: { readonly isAdmin?: boolean }): Promise<TestClient>;
  /** Makes `client` a member of the project in `role`. */
  grant(projectId: string, client: TestClient, role: ProjectRole): Promise<void>;
  /** Calls the app with no credentials. */
  anonymous(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

const SYSTEM_ACTOR = { id: 'test-setup', name: 'Test setup' };

/** Builds a `TestServer`: the real app and store on SQLite in memory or a throwaway PostgreSQL database. */
export const createTestServer = async (
  dialect: DialectName,
  settings: Partial<ServerSettings> = {},
): Promise<TestServer> => {
  const database = await openTestDatabase(dialect);
  const deps: ServerDeps = {
    connection: database.connection,
    store: database.context,
    passwords: fastTestPasswords,
    settings: { ...DEFAULT_SETTINGS, ...settings },
  };
  const app = createApp(deps);
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    await app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    app,
    deps,
    database,
    async login(username, options = {}) {
      const password = `${username}-correct-horse-battery`;
      const user = await createUser(
        deps.store,
        {
          username,
          displayName: `${username[0]?.toUpperCase() ?? ''}${username.slice(1)} Tester`,
          passwordHash: await deps.passwords.hash(password),
          isAdmin: options.isAdmin === true,
        },
        SYSTEM_ACTOR,
      );
      const session = await createSession(deps.store, user.id, deps.settings.sessionLifetimeSeconds);
      const cookie = `zw_session=${session.token}`;
      return {
        user,
        password,
        cookie,
        csrfToken: session.csrfToken,
        request: (method, path, body, requestOptions = {}) =>
          call(method, path, body, {
            cookie,
            ...(requestOptions.csrf === false ? {} : { 'x-csrf-token': session.csrfToken }),
            ...requestOptions.headers,
          }),
      };
    },
    grant: (projectId, client, role) =>
      setMemberRole(deps.store, projectId, client.user.id, role, SYSTEM_ACTOR),
    anonymous: (method, path, body, headers = {}) => call(method, path, body, headers),
    close: () => database.close(),
  };
};
