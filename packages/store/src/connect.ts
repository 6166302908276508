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
  return database;
};

/** Opens the database and brings its schema up to date (creating the SQLite file on first start). */
export const openDatabase = async (location: DatabaseLocation): Promise<DatabaseConnection> => {
  if (location.dialect === 'sqlite') {
    const sqlite = openSqlite(location.file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrateToLatest(db as Kysely<unknown>);
    return { db, dialect: 'sqlite', location: location.file, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, dialect: 'postgres', location: redactUrl(location.url), close: () => db.destroy() };
};
