import { sql } from 'kysely';
import type { Executor } from '../store-context';

/** How many login attempts may fail per key within one window. */
export interface LoginLimit {
  readonly attemptsPerWindow: number;
  readonly windowSeconds: number;
}

/** Whether a login may go ahead and, when not, how long the client should wait. */
export type LoginAdmission =
  { readonly isAllowed: true } | { readonly isAllowed: false; readonly retryAfterSeconds: number };

/** The rate-limit key of a user name (lower-cased, as user names are compared). */
export const loginUserKey = (username: string): string => `user:${username.trim().toLowerCase()}`;

/** The rate-limit key of a client address. */
export const loginAddressKey = (address: string): string => `address:${address}`;

const windowStartBefore = (now: string, limit: LoginLimit): string =>
  new Date(Date.parse(now) - limit.windowSeconds * 1000).toISOString();

/**
 * Counts one login attempt against every key and says whether it may proceed. The attempt is counted before the
 * password is checked, with one atomic upsert per key (`INSERT … ON CONFLICT DO UPDATE … RETURNING` on both
 * dialects), so parallel guesses from several server processes cannot slip past the limit between a read and a
 * write (under such a burst the keys fill in different orders, so fewer than the limit may get through, never
 * more). A window that has passed starts again at one. Call `forgiveLoginAttempt` when the password was right.
 */
export const admitLoginAttempt = async (
  db: Executor,
  keys: readonly string[],
  now: string,
  limit: LoginLimit,
): Promise<LoginAdmission> => {
  const windowStart = windowStartBefore(now, limit);
  let retryAfterSeconds = 0;
  for (const key of keys) {
    const isStale = sql<boolean>`login_attempts.window_started_at <= ${windowStart}`;
    const row = await db
      .insertInto('login_attempts')
      .values({ key, window_started_at: now, failures: 1 })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          failures: sql<number>`case when ${isStale} then 1 else login_attempts.failures + 1 end`,
          window_started_at: sql<string>`case when ${isStale} then ${now} else login_attempts.window_started_at end`,
        }),
      )
      .returning(['failures', 'window_started_at'])
      .executeTakeFirstOrThrow();
    if (Number(row.failures) > limit.attemptsPerWindow) {
      const endsAt = Date.parse(row.window_started_at) + limit.windowSeconds * 1000;
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((endsAt - Date.parse(now)) / 1000), 1);
    }
  }
  return retryAfterSeconds === 0 ? { isAllowed: true } : { isAllowed: false, retryAfterSeconds };
};

/**
 * Takes back a successful attempt: the user name's failures are forgotten (the owner got in), the address only
 * loses this one attempt, so one right password from an address does not reset guessing at other accounts.
 */
export const forgiveLoginAttempt = async (
  db: Executor,
  keys: { readonly userKey: string; readonly addressKey?: string },
): Promise<void> => {
  await db.deleteFrom('login_attempts').where('key', '=', keys.userKey).execute();
  if (keys.addressKey !== undefined)
    await db
      .updateTable('login_attempts')
      .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
      .where('key', '=', keys.addressKey)
      .execute();
};

/** Deletes counters whose window has passed (they no longer refuse anything). */
export const purgeLoginAttempts = async (db: Executor, now: string, limit: LoginLimit): Promise<number> =>
  Number(
    (
      await db
        .deleteFrom('login_attempts')
        .where('window_started_at', '<=', windowStartBefore(now, limit))
        .executeTakeFirst()
    ).numDeletedRows,
  );
