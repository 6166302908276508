import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema';
import { migrateToLatest } from './migrations/migrate';

/** Which database engine a connection talks to. */
export type DialectName = 'sqlite' | 'postgres';

/** Where the database is: a PostgreSQL URL, or an SQLite file (`:memory:` for tests). */
export type DatabaseLocation =
  | { readonly dialect: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly dialect: 'sqlite'; readonly file: string };

/** An open, migrated database. */
export interface DatabaseConnection {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** For SQLite: the file path (or `:memory:`); for PostgreSQL: the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** The embedded database file inside a data directory. */
export const SQLITE_FILE_NAME = 'zonewise.sqlite';

/**
 * Where the database is, from the environment the way `npm start` and `zonewise serve` read it: `DATABASE_URL`
 * (postgres://…) wins; otherwise the SQLite file in the data directory (`ZONEWISE_DATA_DIR`, default `./data`).
 */
export const locateDatabase = (options: {
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
}): DatabaseLocation => {
  const url = options.databaseUrl?.trim();
  if (url !== undefined && url !== '') {
    if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url };
    if (/^sqlite:/i.test(url)) return { dialect: 'sqlite', file: url.replace(/^sqlite:(\/\/)?/i, '') };
    throw new Error(
      `DATABASE_URL "${redactUrl(url)}" is not supported: use postgres://user@host:5432/db, or leave it unset for the embedded SQLite database.`,
    );
  }
  return { dialect: 'sqlite', file: join(resolve(options.dataDir ?? 'data'), SQLITE_FILE_NAME) };
};

/** A URL without its password, safe to print. */
export const redactUrl = (url: string): string => url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');

const openSqlite = (file: string): SqliteDatabase.Database => {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets `zonewise backup` and readers run while the server writes; foreign keys are off by default.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // A 64 MB page cache (the default is 2 MB) keeps a 10k-asset project's entities in memory; temp b-trees in memory.
  database.pragma('cache_size = -65536');
  database.pragma('temp_store = MEMORY');
  return database;
};

/**
 * The database with its `prepare` cached per SQL text: Kysely prepares every query anew, and compiling the same
 * statement on every request cost SQLite about a tenth of the server's time under load. Statements are run to
 * completion synchronously (`all`/`run`), so one cached statement is never used by two queries at once.
 */
const withStatementCache = (database: SqliteDatabase.Database): SqliteDatabase.Database => {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement === undefined) {
          // Queries with IN lists make many distinct texts; start over rather than grow without bound.
          if (cache.size >= 1000) cache.clear();
          statement = prepare(source);
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
};

/** Statements at most this long, with at least one parameter, are prepared once per connection on PostgreSQL. */
const PREPARED_MAX_LENGTH = 4000;

/**
 * The pool with the short parameterised statements of the store prepared once per connection (named statements)
 * instead of parsed and planned by PostgreSQL on every call: the same few queries serve every request, and
 * parsing them again cost the database about as much CPU as running them. Long statements (bulk inserts) and
 * parameterless ones (raw SQL, possibly several statements) are sent as before. Enabled after the migrations, so
 * no statement is prepared against a schema about to change.
 */
const withPreparedStatements = (pool: pg.Pool): { pool: pg.Pool; enable: () => void } => {
  let isEnabled = false;
  const names = new Map<string, string>();
  const nameOf = (text: string): string => {
    let name = names.get(text);
    if (name === undefined) {
      name = `zw_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      if (names.size >= 2000) names.clear();
      names.set(text, name);
    }
    return name;
  };
  const patched = new WeakSet<pg.PoolClient>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const proxy = new Proxy(pool, {
    get(target, property, receiver) {
      if (property !== 'connect') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return async () => {
        const client = await connect();
        if (!patched.has(client)) {
          patched.add(client);
          const query = client.query.bind(client) as (...args: unknown[]) => unknown;
          client.query = ((text: unknown, values?: unknown) =>
            isEnabled &&
            typeof text === 'string' &&
            Array.isArray(values) &&
            values.length > 0 &&
            text.length <= PREPARED_MAX_LENGTH
              ? query({ name: nameOf(text), text, values })
              : values === undefined
                ? query(text)
                : query(text, values)) as typeof client.query;
        }
        return client;
      };
    },
  });
  return { pool: proxy, enable: () => (isEnabled = true) };
};

/** Opens the database and brings its schema up to date (creating the SQLite file on first start). */
export const openDatabase = async (location: DatabaseLocation): Promise<DatabaseConnection> => {
  if (location.dialect === 'sqlite') {
    const sqlite = openSqlite(location.file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    await migrateToLatest(db as Kysely<unknown>);
    return { db, dialect: 'sqlite', location: location.file, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
  // An idle connection that breaks (PostgreSQL restarted, the database dropped, the network) is an 'error' event on
  // the pool, which would end the process unhandled; the pool has already discarded that connection and the next
  // query opens a new one, so there is nothing else to do.
  pool.on('error', () => undefined);
  const prepared = withPreparedStatements(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepared.pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  prepared.enable();
  return { db, dialect: 'postgres', location: redactUrl(location.url), close: () => db.destroy() };
};
