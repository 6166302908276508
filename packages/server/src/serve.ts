import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { CURRENT_FORMAT_VERSION } from '@zonewise/core';
import { loadAssessmentText } from '@zonewise/formats';
import {
  createProject,
  createStoreContext,
  locateDatabase,
  openDatabase,
  replaceProjectModel,
  type Actor,
  type DatabaseConnection,
} from '@zonewise/store';
import { createApp, type ZonewiseApp } from './app';
import { ensureAdmin } from './auth/bootstrap-admin';
import { parseTrustedProxies } from './auth/client-address';
import { argon2Passwords } from './auth/passwords';
import { DEFAULT_SETTINGS, type PasswordHasher, type ServerDeps, type ServerSettings } from './env';
import { webUiRoutes } from './web-ui';
import { sql } from 'kysely';

/** The assessment loaded as the demo project on first start. */
export const DEMO_ASSESSMENT_FILE = fileURLToPath(
  new URL('../../../examples/pharma-tablet-plant/assessment.yaml', import.meta.url),
);

/** How `startServer` is configured; `serverOptionsFromEnv` reads the same from the environment. */
export interface StartServerOptions {
  /** TCP port; 0 picks a free one (tests). Default 3000. */
  readonly port?: number;
  /** Interface to bind. Default 127.0.0.1 (loopback only; use 0.0.0.0 behind a reverse proxy). */
  readonly host?: string;
  /** Folder of the embedded SQLite database. Default `./data`. Ignored when `databaseUrl` is set. */
  readonly dataDir?: string;
  /** `postgres://…` to run on PostgreSQL instead of the embedded database. */
  readonly databaseUrl?: string;
  /** The first administrator's password (at least 12 characters); otherwise a random one is printed once. */
  readonly adminPassword?: string;
  /** Load the pharma example as a demo project when the database has no project. Default true. */
  readonly loadDemo?: boolean;
  /** Where the built web UI is (default `packages/web/dist`). */
  readonly webDistDir?: string;
  /** Overrides of the server settings (secure cookies, session lifetime, limits). */
  readonly settings?: Partial<ServerSettings>;
  /** Password hashing (default argon2id with production parameters). */
  readonly passwords?: PasswordHasher;
  /** Close cleanly on SIGINT/SIGTERM. Default true; in-process tests pass false. */
  readonly handleSignals?: boolean;
  /** Where start-up lines go (the address, the admin password). Default: standard output. */
  readonly log?: (line: string) => void;
  /** Set in the workers of `startServerWorkers`: responses carry `X-Zonewise-Worker: <id>` (which one answered). */
  readonly workerId?: number;
}

/** A listening server: its address, dependencies and a `close` that drains requests and closes the database. */
export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly app: ZonewiseApp;
  readonly deps: ServerDeps;
  readonly connection: DatabaseConnection;
  close(): Promise<void>;
}

const isTrue = (value: string | undefined): boolean =>
  value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());

/**
 * Server options from the environment (`PORT`, `HOST`, `ZONEWISE_DATA_DIR`, `DATABASE_URL`,
 * `ZONEWISE_ADMIN_PASSWORD`, `ZONEWISE_SECURE_COOKIES`, `ZONEWISE_TRUST_PROXY`), so `npm start` and `zonewise serve`
 * read them alike.
 */
export const serverOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): StartServerOptions => {
  const port = env['PORT'] === undefined || env['PORT'] === '' ? undefined : Number(env['PORT']);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`PORT "${env['PORT']}" is not a port number (0–65535)`);
  const settings: { secureCookies?: boolean; trustedProxies?: readonly string[] } = {
    ...(env['ZONEWISE_SECURE_COOKIES'] === undefined
      ? {}
      : { secureCookies: isTrue(env['ZONEWISE_SECURE_COOKIES']) }),
    ...(env['ZONEWISE_TRUST_PROXY'] === undefined
      ? {}
      : { trustedProxies: parseTrustedProxies(env['ZONEWISE_TRUST_PROXY'], 'ZONEWISE_TRUST_PROXY') }),
  };
  return {
    ...(port === undefined ? {} : { port }),
    ...(env['HOST'] ? { host: env['HOST'] } : {}),
    ...(env['ZONEWISE_DATA_DIR'] ? { dataDir: env['ZONEWISE_DATA_DIR'] } : {}),
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    ...(env['ZONEWISE_ADMIN_PASSWORD'] ? { adminPassword: env['ZONEWISE_ADMIN_PASSWORD'] } : {}),
    ...(Object.keys(settings).length === 0 ? {} : { settings }),
  };
};

/** The actor the demo project is created as: the first administrator (so they are its assessor), else the system. */
const demoActor = async (deps: ServerDeps): Promise<Actor> => {
  const admin = await deps.store.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('is_admin', '=', 1)
    .orderBy('created_at')
    .executeTakeFirst();
  return admin === undefined
    ? { id: 'system', name: 'Zonewise first start' }
    : { id: admin.id, name: admin.display_name };
};

/**
 * Loads the pharma example as a project when the database has no project yet (first start), so a new user sees a
 * complete assessment right away. Returns the project id, or undefined when projects exist.
 */
export const loadDemoProject = async (
  deps: ServerDeps,
  file: string = DEMO_ASSESSMENT_FILE,
): Promise<string | undefined> => {
  // One start at a time per database handle; across processes on one PostgreSQL a session advisory lock lets one of
  // them create the demo while the others wait, then find a project and skip.
  const queue = demoQueues.get(deps.store.db) ?? Promise.resolve();
  const run = queue.then(() =>
    deps.store.dialect === 'sqlite'
      ? createDemoProject(deps, file)
      : deps.store.db.connection().execute(async (connection) => {
          await sql`select pg_advisory_lock(${DEMO_LOCK_KEY})`.execute(connection);
          try {
            return await createDemoProject(deps, file);
          } finally {
            await sql`select pg_advisory_unlock(${DEMO_LOCK_KEY})`.execute(connection);
          }
        }),
  );
  demoQueues.set(
    deps.store.db,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
};

/** Demo loads in flight per database handle, so concurrent starts in one process run one after the other. */
const demoQueues = new WeakMap<object, Promise<void>>();

/** An arbitrary constant naming the demo-loading advisory lock on PostgreSQL. */
const DEMO_LOCK_KEY = 6244332;

const createDemoProject = async (deps: ServerDeps, file: string): Promise<string | undefined> => {
  const existing = await deps.store.db.selectFrom('projects').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return undefined;
  const text = await readFile(file, 'utf8');
  const loaded = loadAssessmentText(text, { fileName: file });
  if (!loaded.ok)
    throw new Error(`the demo assessment ${file} does not load: ${loaded.diagnostics[0]?.message ?? ''}`);
  const actor = await demoActor(deps);
  const project = await createProject(
    deps.store,
    {
      name: 'Pharma tablet plant (demo)',
      description:
        'The example assessment shipped with Zonewise, loaded on first start. Edit or archive it freely.',
      formatVersion: CURRENT_FORMAT_VERSION,
    },
    actor,
  );
  await replaceProjectModel(
    deps.store,
    project.id,
    {
      file: loaded.file as Record<string, unknown>,
      formatVersion: CURRENT_FORMAT_VERSION,
      source: { format: loaded.format, text },
    },
    actor,
    'demo project loaded on first start',
  );
  return project.id;
};

/** The app's fetch, tagging responses with the worker's id when it runs as one of several workers. */
const fetchOf = (app: ZonewiseApp, workerId: number | undefined): ZonewiseApp['fetch'] => {
  if (workerId === undefined) return app.fetch;
  return async (request, env, context) => {
    const response = await app.fetch(request, env, context);
    try {
      response.headers.set('x-zonewise-worker', String(workerId));
      return response;
    } catch {
      // Responses with immutable headers (Response.redirect) are copied.
      const copy = new Response(response.body, response);
      copy.headers.set('x-zonewise-worker', String(workerId));
      return copy;
    }
  };
};

const listen = (
  fetch: ZonewiseApp['fetch'],
  port: number,
  host: string,
): Promise<{ server: ServerType; port: number }> =>
  new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) =>
      resolvePromise({ server, port: info.port }),
    );
    server.once('error', reject);
  });

const closeHttp = (server: ServerType, graceMs: number): Promise<void> =>
  new Promise((resolvePromise) => {
    const http = server as Server;
    const timer = setTimeout(() => http.closeAllConnections(), graceMs);
    timer.unref();
    http.close(() => {
      clearTimeout(timer);
      resolvePromise();
    });
    http.closeIdleConnections();
  });

/**
 * The server's dependencies on an open database, after the first-start work: the first administrator and (unless
 * `loadDemo` is false) the demo project, each only when missing. One process does it before any request is served.
 */
export const prepareFirstStart = async (
  connection: DatabaseConnection,
  options: Pick<StartServerOptions, 'passwords' | 'settings' | 'adminPassword' | 'loadDemo'>,
  log: (line: string) => void,
): Promise<ServerDeps> => {
  const deps: ServerDeps = {
    connection,
    store: createStoreContext(connection.db, connection.dialect),
    passwords: options.passwords ?? argon2Passwords,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
  await ensureAdmin(deps, { password: options.adminPassword, log });
  if (options.loadDemo !== false) {
    const demoId = await loadDemoProject(deps);
    if (demoId !== undefined) log(`Loaded the demo project (pharma tablet plant), id ${demoId}.`);
  }
  return deps;
};

/**
 * Starts the workbench: opens and migrates the database (SQLite file under the data folder, or PostgreSQL from
 * `databaseUrl`), creates the first administrator, loads the demo project on first start, serves the API, its docs
 * and the web UI, and prints the address. `close()` (or SIGINT/SIGTERM) stops accepting, drains and closes.
 */
export const startServer = async (options: StartServerOptions = {}): Promise<RunningServer> => {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  const location = locateDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const connection = await openDatabase(location);
  try {
    const deps = await prepareFirstStart(connection, options, log);
    const app = createApp(deps);
    webUiRoutes(app, options.webDistDir === undefined ? {} : { distDir: options.webDistDir });
    const { server, port } = await listen(fetchOf(app, options.workerId), options.port ?? 3000, host);
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const url = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}`;
    log(`Zonewise workbench on ${url} (database: ${connection.dialect} ${connection.location})`);
    log(`API docs: ${url}/api/docs`);

    let closing: Promise<void> | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      log(`${signal}: shutting down`);
      void close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    const close = (): Promise<void> => {
      closing ??= (async () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await closeHttp(server, 5000);
        await connection.close();
      })();
      return closing;
    };
    if (options.handleSignals !== false) {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    return { url, host, port, app, deps, connection, close };
  } catch (error) {
    await connection.close();
    throw error;
  }
};
