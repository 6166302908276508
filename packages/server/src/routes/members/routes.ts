import { createRoute, z } from '@hono/zod-openapi';
import { listMembers, removeMember, setMemberRole } from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { requirePermission } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import { AppError } from '../../errors';
import { errorResponses, permission, ProjectParamsSchema } from '../schemas';
import { MemberParamsSchema, MemberSchema, SetMemberSchema } from './schema';

const list = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/members',
  tags: ['Members'],
  summary: "A project's members and their roles",
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema },
  responses: {
    200: {
      description: 'Members by user name',
      content: { 'application/json': { schema: z.object({ items: z.array(MemberSchema) }) } },
    },
    ...errorResponses(401, 404),
  },
});

const put = createRoute({
  method: 'put',
  path: '/api/projects/{projectId}/members/{userId}',
  tags: ['Members'],
  summary: "Add a member or change a member's role",
  description:
    'An assessor cannot demote the last assessor of a project (409 last-assessor); administrators can.',
  ...permission('manage'),
  middleware: [authenticate, requirePermission('manage')] as const,
  request: {
    params: MemberParamsSchema,
    body: { content: { 'application/json': { schema: SetMemberSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The member after the change',
      content: { 'application/json': { schema: MemberSchema } },
    },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/projects/{projectId}/members/{userId}',
  tags: ['Members'],
  summary: 'Remove a member from a project',
  description:
    'An assessor cannot remove the last assessor of a project (409 last-assessor); administrators can.',
  ...permission('manage'),
  middleware: [authenticate, requirePermission('manage')] as const,
  request: { params: MemberParamsSchema },
  responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
});

/** Project membership: who may do what in a project (see `ROLE_PERMISSIONS`). */
export const memberRoutes = (app: ZonewiseApp): void => {
  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid('param');
    const items = await listMembers(c.get('deps').store.db, projectId);
    return c.json({ items }, 200);
  });

  app.openapi(put, async (c) => {
    const { projectId, userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const { store } = c.get('deps');
    const identity = c.get('identity');
    await setMemberRole(store, projectId, userId, role, actorOf(identity), {
      keepAnAssessor: !identity.user.isAdmin,
    });
    const member = (await listMembers(store.db, projectId)).find((item) => item.userId === userId);
    if (member === undefined)
      throw new AppError(500, 'internal-error', 'the member vanished after the change');
    return c.json(member, 200);
  });

  app.openapi(remove, async (c) => {
    const { projectId, userId } = c.req.valid('param');
    const identity = c.get('identity');
    await removeMember(c.get('deps').store, projectId, userId, actorOf(identity), {
      keepAnAssessor: !identity.user.isAdmin,
    });
    return c.body(null, 204);
  });
};
