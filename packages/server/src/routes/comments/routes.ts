import { createRoute } from '@hono/zod-openapi';
import { createComment, listComments } from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { requirePermission, requireProjectAccess } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import { errorResponses, ProjectParamsSchema } from '../schemas';
import { CommentPageSchema, CommentQuerySchema, CommentSchema, CreateCommentSchema } from './schema';

const list = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/comments',
  tags: ['Comments'],
  summary: 'Review comments, oldest first, optionally on one target',
  'x-zonewise-permission': 'read',
  middleware: [authenticate] as const,
  request: { params: ProjectParamsSchema, query: CommentQuerySchema },
  responses: {
    200: { description: 'Comments', content: { 'application/json': { schema: CommentPageSchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/comments',
  tags: ['Comments'],
  summary: 'Comment on the project, a baseline, a finding or an entity (reviewers comment, they do not edit)',
  description:
    'The target must exist in this project (404 otherwise). Comments do not change the model revision.',
  'x-zonewise-permission': 'comment',
  middleware: [authenticate, requirePermission('comment')] as const,
  request: {
    params: ProjectParamsSchema,
    body: { content: { 'application/json': { schema: CreateCommentSchema } }, required: true },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: CommentSchema } } },
    ...errorResponses(401, 403, 404, 422),
  },
});

/** Review comments: read by every member, written by roles with the `comment` permission. */
export const commentRoutes = (app: ZonewiseApp): void => {
  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid('param');
    await requireProjectAccess(c, projectId, 'read');
    const query = c.req.valid('query');
    const page = await listComments(c.get('deps').store.db, projectId, {
      offset: query.offset,
      limit: query.limit,
      ...(query.targetKind === undefined ? {} : { targetKind: query.targetKind }),
      ...(query.targetId === undefined ? {} : { targetId: query.targetId }),
    });
    return c.json({ ...page, offset: query.offset, limit: query.limit }, 200);
  });

  app.openapi(create, async (c) => {
    const { projectId } = c.req.valid('param');
    const comment = await createComment(
      c.get('deps').store,
      projectId,
      c.req.valid('json'),
      actorOf(c.get('identity')),
    );
    return c.json(comment, 201);
  });
};
