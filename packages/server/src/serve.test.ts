import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreContext, listEntities, openDatabase, type DatabaseConnection } from '@zonewise/store';
import { TEST_DIALECTS, createThrowawayPostgres, openTestDatabase } from '@zonewise/store/testing';
import { DEFAULT_SETTINGS, type ServerDeps } from './env';
import { fastTestPasswords } from './auth/passwords';
import { loadDemoProject, serverOptionsFromEnv, startServer, type RunningServer } from './serve';

describe('startServer', () => {
  let dataDir: string;
  let webDir: string;
  let running: RunningServer;
  const lines: string[] = [];
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zonewise-serve-'));
    webDir = join(dataDir, 'no-web-build');
    running = await startServer({
      port: 0,
      dataDir,
      webDistDir: webDir,
      passwords: fastTestPasswords,
      adminPassword: 'first-start-admin-password',
      handleSignals: false,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on a free port, answers the health check and prints the address', async () => {
    const response = await fetch(`${running.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'sqlite' });
    expect(running.connection.location).toBe(join(dataDir, 'zonewise.sqlite'));
    expect(lines.some((line) => line.includes(running.url))).toBe(true);
  });

  it('creates the administrator, who logs in and finds the pharma demo project as its assessor', async () => {
    const login = await fetch(`${running.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'first-start-admin-password' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const listed = (await (await fetch(`${running.url}/api/projects`, { headers: { cookie } })).json()) as {
      items: { id: string; role: string; revision: number }[];
    };
    expect(listed.items.map((project) => [project.role, project.revision])).toEqual([['assessor', 1]]);
    const projects = await running.deps.store.db.selectFrom('projects').selectAll().execute();
    expect(projects).toHaveLength(1);
    const zones = await listEntities(running.deps.store.db, projects[0]?.id ?? '', 'zones', { limit: 5 });
    expect(zones.total).toBeGreaterThan(3);
    const second = await startServer({
      port: 0,
      dataDir: join(dataDir, 'second'),
      loadDemo: false,
      handleSignals: false,
      log: () => undefined,
    });
    try {
      expect(await second.deps.store.db.selectFrom('projects').selectAll().execute()).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('shows a plain page linking the API docs when the web UI is not built', async () => {
    const response = await fetch(`${running.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('href="/api/docs"');
    expect((await fetch(`${running.url}/api/no-such-route`)).status).toBe(404);
  });

  it('serves the built web UI with content types, long caching for hashed assets and an SPA fallback', async () => {
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(webDir, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
    const asset = await fetch(`${running.url}/assets/index-AbCd1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await fetch(`${running.url}/projects/abc/diagram`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('id="root"');
    expect((await fetch(`${running.url}/assets/missing-12345678.js`)).status).toBe(404);
    writeFileSync(join(webDir, 'logo-original.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const logo = await fetch(`${running.url}/logo-original.svg`);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('cache-control')).toBe('no-cache');
    const traversal = await fetch(`${running.url}/..%2f..%2fpackage.json`);
    expect(traversal.status).toBe(404);
    expect(await traversal.text()).not.toContain('"workspaces"');
  });

  it('reads its options from the environment', () => {
    expect(
      serverOptionsFromEnv({
        PORT: '8123',
        HOST: '0.0.0.0',
        ZONEWISE_DATA_DIR: '/srv/zonewise',
        DATABASE_URL: 'postgres://db/zonewise',
        ZONEWISE_SECURE_COOKIES: 'true',
        ZONEWISE_ADMIN_PASSWORD: 'a-long-admin-password',
        ZONEWISE_TRUST_PROXY: '127.0.0.1, 10.0.0.5',
      }),
    ).toEqual({
      port: 8123,
      host: '0.0.0.0',
      dataDir: '/srv/zonewise',
      databaseUrl: 'postgres://db/zonewise',
      adminPassword: 'a-long-admin-password',
      settings: { secureCookies: true, trustedProxies: ['127.0.0.1', '10.0.0.5'] },
    });
    expect(() => serverOptionsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => serverOptionsFromEnv({ ZONEWISE_TRUST_PROXY: '10.0.0.0/8' })).toThrow(
      /ZONEWISE_TRUST_PROXY/,
    );
  });
});

describe('startServer behind a trusted proxy', () => {
  let dataDir: string;
  let running: RunningServer;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'zonewise-proxy-'));
    running = await startServer({
      port: 0,
      dataDir,
      webDistDir: join(dataDir, 'no-web-build'),
      passwords: fastTestPasswords,
      loadDemo: false,
      handleSignals: false,
      settings: { trustedProxies: ['127.0.0.1'], loginAttemptsPerWindow: 3 },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const failLogin = (username: string, client: string) =>
    fetch(`${running.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ username, password: 'not the password' }),
    });

  it('limits failed logins per client the proxy forwards for, not per proxy, and audits the client address', async () => {
    for (const username of ['u1', 'u2', 'u3'])
      expect((await failLogin(username, '198.51.100.1')).status).toBe(401);
    expect((await failLogin('u4', '198.51.100.1')).status).toBe(429);
    // Another client behind the same proxy is not paused by the first one's failures.
    expect((await failLogin('u5', '198.51.100.2')).status).toBe(401);
    const refused = await running.deps.store.db
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'auth.login-refused')
      .execute();
    const addresses = refused.map(
      (event) => (JSON.parse(event.after_json ?? '{}') as { address?: string }).address,
    );
    expect(new Set(addresses)).toEqual(new Set(['198.51.100.1', '198.51.100.2']));
  });
});

const depsOf = (connection: DatabaseConnection): ServerDeps => ({
  connection,
  store: createStoreContext(connection.db, connection.dialect),
  passwords: fastTestPasswords,
  settings: DEFAULT_SETTINGS,
});

describe('loadDemoProject', () => {
  it('creates one demo project when starts overlap in one process', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      const deps = depsOf(database.connection);
      const created = await Promise.all([
        loadDemoProject(deps),
        loadDemoProject(deps),
        loadDemoProject(deps),
      ]);
      expect(created.filter((id) => id !== undefined)).toHaveLength(1);
      const projects = await deps.store.db.selectFrom('projects').select(['id', 'revision']).execute();
      expect(projects).toEqual([{ id: created.find((id) => id !== undefined), revision: 1 }]);
    } finally {
      await database.close();
    }
  });

  it.runIf(TEST_DIALECTS.includes('postgres'))(
    'creates one demo project when several servers start together on one PostgreSQL',
    async () => {
      const throwaway = await createThrowawayPostgres();
      const connections = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ dialect: 'postgres', url: throwaway.url, poolSize: 3 })),
      );
      try {
        const created = await Promise.all(
          connections.map((connection) => loadDemoProject(depsOf(connection))),
        );
        expect(created.filter((id) => id !== undefined)).toHaveLength(1);
        const projects = await connections[0]!.db.selectFrom('projects').select('id').execute();
        expect(projects).toHaveLength(1);
      } finally {
        for (const connection of connections) await connection.close();
        await throwaway.drop();
      }
    },
  );
});
