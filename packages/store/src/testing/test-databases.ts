import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseConnection, type DialectName } from '../connect';
import { createStoreContext, type StoreContext } from '../store-context';

/**
 * The dialects the contract suites loop over: both unless `DIALECTS` names a subset (`DIALECTS=sqlite` for a quick
 * run on a machine without PostgreSQL).
 */
export const TEST_DIALECTS: readonly DialectName[] = (process.env['DIALECTS'] ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is DialectName => name === 'sqlite' || name === 'postgres');

/** The maintenance database the tests create throwaway databases from (`ZONEWISE_TEST_POSTGRES_URL`). */
export const TEST_POSTGRES_ADMIN_URL =
  process.env['ZONEWISE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throwaway PostgreSQL database URL: created now, dropped by the returned function. */
export const createThrowawayPostgres = async (): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `zonewise_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};

/** A fresh, migrated database of the dialect plus a store context with a fixed clock that ticks per call. */
export interface TestDatabase {
  readonly connection: DatabaseConnection;
  readonly context: StoreContext;
  /** Closes the connection and drops a PostgreSQL database. */
  close(): Promise<void>;
}

/** Opens an empty test database: SQLite in memory, or a throwaway PostgreSQL database. */
export const openTestDatabase = async (dialect: DialectName): Promise<TestDatabase> => {
  let tick = 0;
  let idCounter = 0;
  const clock = () => new Date(Date.UTC(2026, 10, 26, 9, 0, 0) + tick++ * 1000).toISOString();
  const ids = () => `id-${String(++idCounter).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
  if (dialect === 'sqlite') {
    const connection = await openDatabase({ dialect: 'sqlite', file: ':memory:' });
    return {
      connection,
      context: createStoreContext(connection.db, 'sqlite', { now: clock, newId: ids }),
      close: () => connection.close(),
    };
  }
  const throwaway = await createThrowawayPostgres();
  const connection = await openDatabase({ dialect: 'postgres', url: throwaway.url, poolSize: 5 });
  return {
    connection,
    context: createStoreContext(connection.db, 'postgres', { now: clock, newId: ids }),
    close: async () => {
      await connection.close();
      await throwaway.drop();
    },
  };
};

/**
 * Inserts a user row directly (id `user-<name>` → user name `<name>`), for store tests that need members or
 * signers without going through account creation and its audit record.
 */
export const insertTestUser = async (
  context: StoreContext,
  user: { readonly id: string; readonly name: string },
): Promise<void> => {
  await context.db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.id.replace('user-', ''),
      display_name: user.name,
      password_hash: 'x',
      is_admin: 0,
      is_disabled: 0,
      created_at: context.now(),
      updated_at: context.now(),
    })
    .execute();
};
