import { sql, type Transaction } from 'kysely';
import { appendAuditEvents, SYSTEM_CHAIN_ID } from '../audit/audit-chain';
import type { Database, UsersTable } from '../database-schema';
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
export const toUser = (row: Omit<UsersTable, 'password_hash'>): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  isAdmin: row.is_admin === 1,
  isDisabled: row.is_disabled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** True for a unique-index violation on PostgreSQL (23505) or SQLite (SQLITE_CONSTRAINT_UNIQUE). */
const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

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
    try {
      await trx.insertInto('users').values(row).execute();
    } catch (error) {
      // Two requests creating one name at once both pass the check above; the unique index decides.
      if (isUniqueViolation(error))
        throw new StoreError('duplicate-id', `the user name "${username}" is taken`);
      throw error;
    }
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

/** A page of users with the total that match. */
export interface UserPage {
  readonly items: UserRecord[];
  readonly total: number;
}

/** Users by user name, optionally filtered by a substring of the user or display name (for the admin screen). */
export const listUsers = async (
  db: Executor,
  query: { readonly q?: string | undefined; readonly offset?: number; readonly limit?: number } = {},
): Promise<UserPage> => {
  const needle = query.q?.trim().toLowerCase();
  let base = db.selectFrom('users');
  if (needle !== undefined && needle !== '') {
    const pattern = `%${needle.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    // Backslash escapes % and _ so a search for "a_b" matches only that text, on both dialects.
    base = base.where(
      sql<boolean>`(lower(username) like ${pattern} escape '\\' or lower(display_name) like ${pattern} escape '\\')`,
    );
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('username')
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 100)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(count.n) };
};

/** What an administrator may change on an account (the user name is permanent: audit records name it). */
export interface UserPatch {
  readonly displayName?: string;
  readonly isAdmin?: boolean;
  readonly isDisabled?: boolean;
}

/**
 * Locks the rows of the enabled administrators (PostgreSQL) and counts them, so two administrators demoting each
 * other at the same moment cannot leave the installation without one.
 */
const countEnabledAdmins = async (context: StoreContext, trx: Transaction<Database>): Promise<number> => {
  const query = trx
    .selectFrom('users')
    .select('id')
    .where('is_admin', '=', 1)
    .where('is_disabled', '=', 0)
    .orderBy('id');
  const rows = await (context.dialect === 'postgres' ? query.forUpdate() : query).execute();
  return rows.length;
};

/**
 * Changes a user's display name, administrator flag or disabled flag. Disabling ends all of the user's sessions
 * at once (their API tokens stop working because identification checks the flag). Refuses (`last-admin`) to
 * demote or disable the last enabled administrator. Recorded in the `system` audit chain.
 */
export const updateUser = (
  context: StoreContext,
  userId: string,
  patch: UserPatch,
  actor: Actor,
): Promise<UserRecord> =>
  inTransaction(context, async (trx) => {
    // Lock the administrators before the user's own row, in one order for every writer, so two administrators
    // demoting each other queue instead of deadlocking.
    const mayLoseAdmin = patch.isAdmin === false || patch.isDisabled === true;
    const enabledAdmins = mayLoseAdmin ? await countEnabledAdmins(context, trx) : 0;
    const query = trx.selectFrom('users').selectAll().where('id', '=', userId);
    const row = await (context.dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    if (row === undefined) throw new StoreError('not-found', `user ${userId} does not exist`);
    const before = toUser(row);
    if (mayLoseAdmin && before.isAdmin && !before.isDisabled && enabledAdmins <= 1)
      throw new StoreError(
        'last-admin',
        `${before.username} is the last enabled administrator; make another user an administrator first`,
      );
    await trx
      .updateTable('users')
      .set({
        ...(patch.displayName === undefined ? {} : { display_name: patch.displayName }),
        ...(patch.isAdmin === undefined ? {} : { is_admin: patch.isAdmin ? 1 : 0 }),
        ...(patch.isDisabled === undefined ? {} : { is_disabled: patch.isDisabled ? 1 : 0 }),
        updated_at: context.now(),
      })
      .where('id', '=', userId)
      .execute();
    if (patch.isDisabled === true) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    const after = toUser(
      await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow(),
    );
    const visible = (user: UserRecord) => ({
      displayName: user.displayName,
      isAdmin: user.isAdmin,
      isDisabled: user.isDisabled,
    });
    await appendAuditEvents(context, trx, [
      {
        chainId: SYSTEM_CHAIN_ID,
        actor,
        action: 'user.update',
        targetKind: 'user',
        targetId: userId,
        before: visible(before),
        after: visible(after),
      },
    ]);
    return after;
  });

/**
 * Replaces a user's password hash and ends their sessions except `keepSessionHash` (the session that made the
 * change stays logged in; a stolen session elsewhere does not). Recorded in the `system` audit chain without
 * any hash.
 */
export const setPasswordHash = (
  context: StoreContext,
  userId: string,
  passwordHash: string,
  actor: Actor,
  options: { readonly keepSessionHash?: string | undefined; readonly reason?: string } = {},
): Promise<void> =>
  inTransaction(context, async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: context.now() })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new StoreError('not-found', `user ${userId} does not exist`);
    let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (options.keepSessionHash !== undefined)
      sessions = sessions.where('token_hash', '<>', options.keepSessionHash);
    const ended = await sessions.executeTakeFirst();
    await appendAuditEvents(context, trx, [
      {
        chainId: SYSTEM_CHAIN_ID,
        actor,
        action: 'user.password',
        targetKind: 'user',
        targetId: userId,
        after: { sessionsEnded: Number(ended.numDeletedRows) },
        reason: options.reason,
      },
    ]);
  });

/** The projects a user is a member of, with the role in each (the web UI shows or hides actions by it). */
export const listUserMemberships = async (
  db: Executor,
  userId: string,
): Promise<{ projectId: string; role: string }[]> =>
  (
    await db
      .selectFrom('memberships')
      .select(['project_id', 'role'])
      .where('user_id', '=', userId)
      .orderBy('project_id')
      .execute()
  ).map((row) => ({ projectId: row.project_id, role: row.role }));
