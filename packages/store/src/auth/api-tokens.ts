import { appendAuditEvents, SYSTEM_CHAIN_ID } from '../audit/audit-chain';
import type { ApiTokensTable } from '../database-schema';
import { inTransaction, type Actor, type Executor, type StoreContext } from '../store-context';
import { StoreError } from '../store-error';
import { hashToken, newSecret } from './sessions';

/** Every API token starts with this, so secret scanners and people can recognise a leaked one. */
export const API_TOKEN_PREFIX = 'zwt_';

/** How many characters of a token are kept in clear text, so users can tell their tokens apart in a list. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

/** An API token as lists show it: never the secret, only its first characters. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

const toApiToken = (row: ApiTokensTable): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  prefix: row.token_prefix,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

/**
 * Creates an API token for a user. The secret is returned this once and only its SHA-256 is stored, so a lost
 * token is revoked and replaced, never recovered. Recorded in the `system` audit chain.
 */
export const createApiToken = (
  context: StoreContext,
  userId: string,
  input: { readonly name: string; readonly expiresAt?: string | undefined },
  actor: Actor,
): Promise<{ readonly token: ApiTokenRecord; readonly secret: string }> =>
  inTransaction(context, async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (user === undefined) throw new StoreError('not-found', `user ${userId} does not exist`);
    const now = context.now();
    if (input.expiresAt !== undefined && input.expiresAt <= now)
      throw new StoreError('invalid-change', `the expiry ${input.expiresAt} is not in the future`);
    const secret = newSecret(API_TOKEN_PREFIX);
    const row: ApiTokensTable = {
      id: context.newId(),
      user_id: userId,
      name: input.name,
      token_hash: hashToken(secret),
      token_prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      created_at: now,
      expires_at: input.expiresAt ?? null,
      last_used_at: null,
      revoked_at: null,
    };
    await trx.insertInto('api_tokens').values(row).execute();
    const token = toApiToken(row);
    await appendAuditEvents(context, trx, [
      {
        chainId: SYSTEM_CHAIN_ID,
        actor,
        action: 'token.create',
        targetKind: 'api-token',
        targetId: token.id,
        after: { userId, name: token.name, prefix: token.prefix, expiresAt: token.expiresAt },
      },
    ]);
    return { token, secret };
  });

/** One token (without its secret), or undefined. */
export const getApiToken = async (db: Executor, tokenId: string): Promise<ApiTokenRecord | undefined> => {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
  return row === undefined ? undefined : toApiToken(row);
};

/** A user's tokens, newest first, revoked ones included (so the list explains why a CI job stopped working). */
export const listApiTokens = async (db: Executor, userId: string): Promise<ApiTokenRecord[]> =>
  (
    await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
  ).map(toApiToken);

/**
 * Revokes a token: it stops working at once in every server process. Revoking a revoked token changes nothing
 * and records nothing. Recorded in the `system` audit chain.
 */
export const revokeApiToken = (
  context: StoreContext,
  tokenId: string,
  actor: Actor,
): Promise<ApiTokenRecord> =>
  inTransaction(context, async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (row === undefined) throw new StoreError('not-found', `API token ${tokenId} does not exist`);
    if (row.revoked_at !== null) return toApiToken(row);
    const revokedAt = context.now();
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: revokedAt })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: SYSTEM_CHAIN_ID,
        actor,
        action: 'token.revoke',
        targetKind: 'api-token',
        targetId: tokenId,
        before: { userId: row.user_id, name: row.name, prefix: row.token_prefix },
      },
    ]);
    return toApiToken({ ...row, revoked_at: revokedAt });
  });
