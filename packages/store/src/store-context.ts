import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from './connect';
import type { Database } from './database-schema';

/** The database handle a repository function runs on: the connection or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** Who is making a change, as recorded in the audit trail. */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

/** What every repository needs: the database, its dialect, a clock and an id source (injected for tests). */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** The current time as ISO 8601 UTC. */
  readonly now: () => string;
  /** A new unique id. */
  readonly newId: () => string;
}

/** A store context with the real clock and random UUIDs unless given. */
export const createStoreContext = (
  db: Kysely<Database>,
  dialect: DialectName,
  options: { readonly now?: () => string; readonly newId?: () => string } = {},
): StoreContext => ({
  db,
  dialect,
  now: options.now ?? (() => new Date().toISOString()),
  newId: options.newId ?? (() => randomUUID()),
});

/**
 * Takes the write lock of one row inside a transaction, so concurrent writers of the same project (in this or
 * another server process) queue instead of both reading the same revision. On SQLite the store has one connection
 * per process and Kysely runs its transactions one at a time, so only PostgreSQL needs `FOR UPDATE`.
 */
export const lockProject = async (
  trx: Transaction<Database>,
  dialect: DialectName,
  projectId: string,
): Promise<{ revision: number } | undefined> => {
  const query = trx.selectFrom('projects').select(['revision']).where('id', '=', projectId);
  return dialect === 'postgres' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
};

/**
 * Runs `work` in one transaction: all of it is stored or none of it (a crash or a thrown error leaves nothing
 * half-written).
 */
export const inTransaction = <T>(
  context: StoreContext,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> => context.db.transaction().execute(work);
