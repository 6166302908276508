import { createHash, randomBytes } from 'node:crypto';
import type { Executor, StoreContext } from '../store-context';
import { toUser, type UserRecord } from './users';

/** SHA-256 of a secret token: sessions and API tokens are looked up by it, so a database leak reveals no token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new random secret (256 bits, base64url) with a readable prefix. */
export const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** A session just created: the cookie token (shown once) and the CSRF token the client echoes on writes. */
export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** Starts a session for a user, valid for `lifetimeSeconds` (sliding: each use may extend it). */
export const createSession = async (
  context: StoreContext,
  userId: string,
  lifetimeSeconds: number,
): Promise<NewSession> => {
  const token = newSecret('zws_');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = context.now();
  const expiresAt = new Date(Date.parse(now) + lifetimeSeconds * 1000).toISOString();
  await context.db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
    })
    .execute();
  return { token, csrfToken, expiresAt };
};

/** Who a request is: the user, how they authenticated, and (for sessions) the CSRF token writes must carry. */
export interface Identity {
  readonly user: UserRecord;
  readonly method: 'session' | 'token';
  readonly csrfToken?: string;
  /** The session's token hash or the API token's id, so logout or revocation can find it. */
  readonly credentialId: string;
}

/** The live, enabled user behind a session cookie, or undefined (unknown, expired or disabled). */
export const identifySession = async (
  db: Executor,
  token: string,
  now: string,
): Promise<Identity | undefined> => {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.token_hash'])
    .where('sessions.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.expires_at <= now || row.is_disabled === 1) return undefined;
  return { user: toUser(row), method: 'session', csrfToken: row.csrf_token, credentialId: row.token_hash };
};

/** The live, enabled user behind an API token, or undefined (unknown, expired, revoked or disabled). */
export const identifyApiToken = async (
  db: Executor,
  token: string,
  now: string,
): Promise<Identity | undefined> => {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.revoked_at'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || row.is_disabled === 1) return undefined;
  if (row.expires_at !== null && row.expires_at <= now) return undefined;
  return { user: toUser(row), method: 'token', credentialId: row.token_id };
};

/** Ends a session (logout). */
export const deleteSession = async (db: Executor, tokenHash: string): Promise<void> => {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
};
