import { appendAuditEvents, SYSTEM_CHAIN_ID } from '../audit/audit-chain';
import type { UsersTable } from '../database-schema';
import { inTransaction, type Actor, type Executor, type StoreContext } from '../store-context';
import { StoreError } from '../store-error';

/** A user as the API shows it (never the password hash). */
export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly isDisabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Stored user row to API record. */
export const toUser = (row: UsersTable): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  isAdmin: row.is_admin === 1,
  isDisabled: row.is_disabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** User names are compared without case: stored lower-case, trimmed. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/**
 * Creates a user with an already-hashed password (the server hashes with argon2id; the store never sees a
 * password). Refuses a user name that is taken (`duplicate-id`). Recorded in the `system` audit chain.
 */
export const createUser = (
  context: StoreContext,
  input: {
    readonly username: string;
    readonly displayName: string;
    readonly passwordHash: string;
    readonly isAdmin?: boolean;
  },
  actor: Actor,
): Promise<UserRecord> =>
  inTransaction(context, async (trx) => {
    const username = normaliseUsername(input.username);
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken !== undefined) throw new StoreError('duplicate-id', `the user name "${username}" is taken`);
    const at = context.now();
    const row: UsersTable = {
      id: context.newId(),
      username,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      is_admin: input.isAdmin === true ? 1 : 0,
      is_disabled: 0,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('users').values(row).execute();
    const user = toUser(row);
    await appendAuditEvents(context, trx, [
      {
        chainId: SYSTEM_CHAIN_ID,
        actor,
        action: 'user.create',
        targetKind: 'user',
        targetId: user.id,
        after: { username: user.username, displayName: user.displayName, isAdmin: user.isAdmin },
      },
    ]);
    return user;
  });

/** A user with the password hash, for login and signature checks only. */
export const findUserForLogin = async (
  db: Executor,
  username: string,
): Promise<(UserRecord & { readonly passwordHash: string }) | undefined> => {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', normaliseUsername(username))
    .executeTakeFirst();
  return row === undefined ? undefined : { ...toUser(row), passwordHash: row.password_hash };
};

/** One user by id, or undefined. */
export const getUser = async (db: Executor, userId: string): Promise<UserRecord | undefined> => {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
};

/** The password hash of a user (signatures re-check the password). */
export const getPasswordHash = async (db: Executor, userId: string): Promise<string | undefined> =>
  (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst())
    ?.password_hash;

/** How many users exist (the server creates the first administrator when there are none). */
export const countUsers = async (db: Executor): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
