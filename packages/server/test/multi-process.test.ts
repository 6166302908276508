import { aSystem } from '@zonewise/core/testing';
import {
  createStoreContext,
  createUser,
  openDatabase,
  projectChainId,
  verifyAuditChain,
  type DatabaseConnection,
} from '@zonewise/store';
import { createThrowawayPostgres, TEST_DIALECTS } from '@zonewise/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApp,
  DEFAULT_SETTINGS,
  fastTestPasswords,
  type ServerDeps,
  type ZonewiseApp,
} from '@zonewise/server';

/**
 * Issue 3: "Several server processes on one PostgreSQL behave correctly together (no in-process state that breaks
 * this: sessions, locks and counters live in the database)". Two apps, each with its own connection pool, stand in
 * for two server processes behind a load balancer; requests of one user alternate between them.
 */

interface Session {
  readonly cookie: string;
  readonly csrfToken: string;
}

const call = async (
  app: ZonewiseApp,
  method: string,
  path: string,
  options: {
    readonly session?: Session;
    readonly body?: unknown;
    readonly headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.session !== undefined) {
    headers['cookie'] = options.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = options.session.csrfToken;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.request(path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  };
};

const errorCode = (body: Record<string, unknown>): unknown =>
  (body['error'] as { code?: unknown } | undefined)?.code;

const hasPostgres = TEST_DIALECTS.includes('postgres');

describe.skipIf(!hasPostgres)('two server instances on one PostgreSQL database', { timeout: 60_000 }, () => {
  let drop: () => Promise<void>;
  const connections: DatabaseConnection[] = [];
  let one: ZonewiseApp;
  let two: ZonewiseApp;
  let deps: ServerDeps;

  const login = async (app: ZonewiseApp, username: string): Promise<Session> => {
    const response = await call(app, 'POST', '/api/auth/login', {
      body: { username, password: `${username}-password-long-enough` },
    });
    expect(response.status).toBe(200);
    const cookie = /zw_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
    if (cookie === undefined) throw new Error('the login set no session cookie');
    return { cookie, csrfToken: response.body['csrfToken'] as string };
  };

  beforeAll(async () => {
    const throwaway = await createThrowawayPostgres();
    drop = throwaway.drop;
    const apps: ZonewiseApp[] = [];
    for (let index = 0; index < 2; index += 1) {
      const connection = await openDatabase({ dialect: 'postgres', url: throwaway.url, poolSize: 4 });
      connections.push(connection);
      deps = {
        connection,
        store: createStoreContext(connection.db, 'postgres'),
        passwords: fastTestPasswords,
        settings: DEFAULT_SETTINGS,
      };
      apps.push(createApp(deps));
    }
    [one, two] = apps as [ZonewiseApp, ZonewiseApp];
    for (const username of ['alice', 'bob', 'carol'])
      await createUser(
        deps.store,
        {
          username,
          displayName: username,
          passwordHash: await fastTestPasswords.hash(`${username}-password-long-enough`),
        },
        { id: 'test-setup', name: 'Test setup' },
      );
  });

  afterAll(async () => {
    for (const connection of connections) await connection.close();
    await drop();
  });

  it('a session started on one instance works on the other, and a logout on either ends it on both', async () => {
    const session = await login(one, 'alice');
    const seen = await call(two, 'GET', '/api/auth/session', { session });
    expect(seen.status).toBe(200);
    expect(seen.body['user']).toMatchObject({ username: 'alice' });
    const created = await call(two, 'POST', '/api/projects', { session, body: { name: 'Made on two' } });
    expect(created.status).toBe(201);
    const noCsrf = await call(two, 'POST', '/api/projects', {
      body: { name: 'x' },
      headers: { cookie: session.cookie },
    });
    expect([noCsrf.status, errorCode(noCsrf.body)]).toEqual([403, 'csrf-token-missing']);

    expect((await call(two, 'POST', '/api/auth/logout', { session })).status).toBeLessThan(300);
    const afterLogout = await call(one, 'GET', '/api/auth/session', { session });
    expect(afterLogout.status).toBe(401);
  });

  it('an API token made through one instance authenticates on the other until revoked there', async () => {
    const session = await login(two, 'carol');
    const made = await call(two, 'POST', '/api/tokens', { session, body: { name: 'ci' } });
    expect(made.status).toBe(201);
    const secret = made.body['secret'] as string;
    const tokenId = (made.body['token'] as { id: string }).id;
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await call(one, 'GET', '/api/projects', { headers: bearer })).status).toBe(200);
    expect((await call(one, 'DELETE', `/api/tokens/${tokenId}`, { session })).status).toBeLessThan(300);
    const revoked = await call(two, 'GET', '/api/projects', { headers: bearer });
    expect([revoked.status, errorCode(revoked.body)]).toEqual([401, 'unauthenticated']);
  });

  describe('concurrent edits through both instances', () => {
    let session: Session;
    let projectId: string;
    let importedRevision: number;

    beforeAll(async () => {
      session = await login(one, 'alice');
      const project = await call(one, 'POST', '/api/projects', { session, body: { name: 'Shared plant' } });
      projectId = project.body['id'] as string;
      const assets = Array.from({ length: 12 }, (_, index) => ({
        id: `plc-${index}`,
        name: `PLC ${index}`,
        kind: 'plc',
        zone: 'control',
      }));
      const imported = await call(two, 'POST', `/api/projects/${projectId}/import`, {
        session,
        body: { format: 'json', text: JSON.stringify(aSystem({ assets, dataFlows: [] })) },
      });
      expect(imported.status).toBe(200);
      importedRevision = imported.body['projectRevision'] as number;
    });

    /**
     * Appends `tag` to an asset's description with read-modify-write through `app`: GET, PUT with If-Match, and on
     * 409 start again from the current version. Returns how many 409s it met.
     */
    const append = async (app: ZonewiseApp, assetId: string, tag: string): Promise<number> => {
      const path = `/api/projects/${projectId}/entities/assets/${assetId}`;
      for (let conflicts = 0; conflicts < 200; conflicts += 1) {
        const read = await call(app, 'GET', path, { session });
        expect(read.status).toBe(200);
        const body = read.body['body'] as { description?: string };
        const put = await call(app, 'PUT', path, {
          session,
          body: { ...body, description: `${body.description ?? ''}|${tag}` },
          headers: { 'if-match': `"${read.body['revision'] as number}"` },
        });
        if (put.status === 200) return conflicts;
        expect([put.status, errorCode(put.body)]).toEqual([409, 'revision-conflict']);
      }
      throw new Error(`${tag} never got its edit in`);
    };

    it('loses no update when both instances edit the same entity at once', async () => {
      const writers = 6;
      const editsEach = 4;
      const conflicts = await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          let met = 0;
          for (let edit = 0; edit < editsEach; edit += 1)
            met += await append(writer % 2 === 0 ? one : two, 'plc-0', `w${writer}.${edit}`);
          return met;
        }),
      );
      const final = await call(one, 'GET', `/api/projects/${projectId}/entities/assets/plc-0`, { session });
      const tags = ((final.body['body'] as { description: string }).description ?? '')
        .split('|')
        .filter(Boolean);
      expect(tags).toHaveLength(writers * editsEach);
      expect(new Set(tags).size).toBe(writers * editsEach);
      expect(final.body['revision']).toBe(1 + writers * editsEach);
      // Six writers on one entity must have collided; every collision was a 409, never an overwrite.
      expect(conflicts.reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0);
    });

    it('never conflicts on different entities, and each instance serves the other one’s latest revision', async () => {
      const before = await call(two, 'GET', `/api/projects/${projectId}`, { session });
      const conflicts = await Promise.all(
        Array.from({ length: 10 }, (_, writer) =>
          append(writer % 2 === 0 ? one : two, `plc-${writer + 1}`, `solo-${writer}`),
        ),
      );
      expect(conflicts).toEqual(Array.from({ length: 10 }, () => 0));
      const revision = (before.body['revision'] as number) + 10;
      for (const app of [one, two]) {
        expect((await call(app, 'GET', `/api/projects/${projectId}`, { session })).body['revision']).toBe(
          revision,
        );
        const assessment = await call(app, 'GET', `/api/projects/${projectId}/assessment`, { session });
        expect(assessment.body).toMatchObject({ status: 'assessed', revision });
      }
      const audit = await verifyAuditChain(deps.store.db, projectChainId(projectId));
      expect(audit.isValid).toBe(true);
      const updates = await deps.store.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('chain_id', '=', projectChainId(projectId))
        .where('action', '=', 'entity.update')
        .executeTakeFirstOrThrow();
      expect(Number(updates.n)).toBe(revision - importedRevision);
    });
  });

  // Last: the failures also count against the (absent) client address, which every test here shares.
  it('counts failed logins across instances: the limit holds however requests are spread', async () => {
    const attempts = DEFAULT_SETTINGS.loginAttemptsPerWindow;
    const statuses: number[] = [];
    for (let index = 0; index < attempts; index += 1)
      statuses.push(
        (
          await call(index % 2 === 0 ? one : two, 'POST', '/api/auth/login', {
            body: { username: 'bob', password: 'wrong-password-guess' },
          })
        ).status,
      );
    expect(statuses).toEqual(Array.from({ length: attempts }, () => 401));
    for (const app of [one, two]) {
      const limited = await call(app, 'POST', '/api/auth/login', {
        body: { username: 'bob', password: 'bob-password-long-enough' },
      });
      expect([limited.status, errorCode(limited.body)]).toEqual([429, 'rate-limited']);
    }
  });
});
