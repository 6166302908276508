import { createRoute, z } from '@hono/zod-openapi';
import { createUser, getUser, listUsers, setPasswordHash, updateUser } from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { requireAdmin } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import { notFound } from '../../errors';
import { errorResponses, pageOf, PagingQuerySchema } from '../schemas';
import { CreateUserSchema, UpdateUserSchema, UserParamsSchema, UserSchema } from './schema';

const UserPageSchema = pageOf(UserSchema, 'UserPage');

const list = createRoute({
  method: 'get',
  path: '/api/users',
  tags: ['Users'],
  summary: 'Every user account (administrators only)',
  middleware: [authenticate] as const,
  request: {
    query: PagingQuerySchema.extend({
      q: z.string().max(200).optional().openapi({ description: 'Part of the user or display name' }),
    }),
  },
  responses: {
    200: { description: 'Users by user name', content: { 'application/json': { schema: UserPageSchema } } },
    ...errorResponses(401, 403, 422),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/users',
  tags: ['Users'],
  summary: 'Create a user account (administrators only)',
  middleware: [authenticate] as const,
  request: { body: { content: { 'application/json': { schema: CreateUserSchema } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: UserSchema } } },
    ...errorResponses(401, 403, 409, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api/users/{userId}',
  tags: ['Users'],
  summary: 'One user account (administrators only)',
  middleware: [authenticate] as const,
  request: { params: UserParamsSchema },
  responses: {
    200: { description: 'The user', content: { 'application/json': { schema: UserSchema } } },
    ...errorResponses(401, 403, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/users/{userId}',
  tags: ['Users'],
  summary: 'Rename, promote, disable or reset the password of a user (administrators only)',
  description:
    'Disabling or resetting the password ends all of the user’s sessions. The last enabled administrator cannot ' +
    'be demoted or disabled (409 last-admin).',
  middleware: [authenticate] as const,
  request: {
    params: UserParamsSchema,
    body: { content: { 'application/json': { schema: UpdateUserSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The user after the change',
      content: { 'application/json': { schema: UserSchema } },
    },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

/** User administration: accounts are created, changed and disabled, never deleted (audit records name them). */
export const userRoutes = (app: ZonewiseApp): void => {
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const query = c.req.valid('query');
    const page = await listUsers(c.get('deps').store.db, query);
    return c.json({ ...page, offset: query.offset, limit: query.limit }, 200);
  });

  app.openapi(create, async (c) => {
    requireAdmin(c);
    const body = c.req.valid('json');
    const { store, passwords } = c.get('deps');
    const user = await createUser(
      store,
      {
        username: body.username,
        displayName: body.displayName,
        passwordHash: await passwords.hash(body.password),
        isAdmin: body.isAdmin === true,
      },
      actorOf(c.get('identity')),
    );
    return c.json(user, 201);
  });

  app.openapi(get, async (c) => {
    requireAdmin(c);
    const { userId } = c.req.valid('param');
    const user = await getUser(c.get('deps').store.db, userId);
    if (user === undefined) throw notFound(`user ${userId}`);
    return c.json(user, 200);
  });

  app.openapi(update, async (c) => {
    requireAdmin(c);
    const { userId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { store, passwords } = c.get('deps');
    const actor = actorOf(c.get('identity'));
    const existing = await getUser(store.db, userId);
    if (existing === undefined) throw notFound(`user ${userId}`);
    const patch = {
      ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
      ...(body.isAdmin === undefined ? {} : { isAdmin: body.isAdmin }),
      ...(body.isDisabled === undefined ? {} : { isDisabled: body.isDisabled }),
    };
    // The flags first: a refused change (last-admin) must not leave a reset password behind.
    const user = Object.keys(patch).length === 0 ? existing : await updateUser(store, userId, patch, actor);
    if (body.password !== undefined)
      await setPasswordHash(store, userId, await passwords.hash(body.password), actor, {
        reason: 'reset by an administrator',
      });
    return c.json((await getUser(store.db, userId)) ?? user, 200);
  });
};
