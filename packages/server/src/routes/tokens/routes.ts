import { createRoute, z } from '@hono/zod-openapi';
import { createApiToken, getApiToken, listApiTokens, revokeApiToken } from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import { AppError, notFound } from '../../errors';
import { errorResponses } from '../schemas';
import { ApiTokenSchema, CreateApiTokenSchema, NewApiTokenSchema, TokenParamsSchema } from './schema';

const list = createRoute({
  method: 'get',
  path: '/api/tokens',
  tags: ['API tokens'],
  summary: "The caller's API tokens, newest first (revoked ones included)",
  middleware: [authenticate] as const,
  responses: {
    200: {
      description: 'Tokens without their secrets',
      content: { 'application/json': { schema: z.object({ items: z.array(ApiTokenSchema) }) } },
    },
    ...errorResponses(401),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/tokens',
  tags: ['API tokens'],
  summary: 'Create an API token for automation; the secret is in this answer only',
  description:
    'Needs a logged-in session: an API token cannot mint further tokens, so a leaked token stays one token.',
  middleware: [authenticate] as const,
  request: { body: { content: { 'application/json': { schema: CreateApiTokenSchema } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: NewApiTokenSchema } } },
    ...errorResponses(401, 403, 422),
  },
});

const revoke = createRoute({
  method: 'delete',
  path: '/api/tokens/{tokenId}',
  tags: ['API tokens'],
  summary: 'Revoke an API token (one of the caller’s own; administrators may revoke any)',
  middleware: [authenticate] as const,
  request: { params: TokenParamsSchema },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
});

/** Personal API tokens: created from a session, listed without secrets, revoked by their owner or an admin. */
export const tokenRoutes = (app: ZonewiseApp): void => {
  app.openapi(list, async (c) => {
    const items = await listApiTokens(c.get('deps').store.db, c.get('identity').user.id);
    return c.json({ items }, 200);
  });

  app.openapi(create, async (c) => {
    const identity = c.get('identity');
    if (identity.method !== 'session')
      throw new AppError(
        403,
        'session-required',
        'log in to create API tokens; a token cannot create tokens',
      );
    const body = c.req.valid('json');
    const created = await createApiToken(
      c.get('deps').store,
      identity.user.id,
      {
        name: body.name,
        expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt).toISOString(),
      },
      actorOf(identity),
    );
    return c.json(created, 201);
  });

  app.openapi(revoke, async (c) => {
    const { tokenId } = c.req.valid('param');
    const identity = c.get('identity');
    const { store } = c.get('deps');
    const token = await getApiToken(store.db, tokenId);
    // Someone else's token answers 404, as if it did not exist, so token ids cannot be probed.
    if (token === undefined || (token.userId !== identity.user.id && !identity.user.isAdmin))
      throw notFound(`API token ${tokenId}`);
    await revokeApiToken(store, tokenId, actorOf(identity));
    return c.body(null, 204);
  });
};
