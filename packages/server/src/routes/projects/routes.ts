import { createRoute, z } from '@hono/zod-openapi';
import { CURRENT_FORMAT_VERSION } from '@zonewise/core';
import { createProject, listProjectsForUser, updateProjectInfo } from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { requirePermission, requireProjectAccess } from '../../auth/access';
import { authenticate } from '../../auth/authenticate';
import { errorResponses, permission, ProjectParamsSchema } from '../schemas';
import { CreateProjectSchema, ProjectSchema, UpdateProjectSchema } from './schema';
import { actorOf } from '../../auth/actor';

const list = createRoute({
  method: 'get',
  path: '/api/projects',
  tags: ['Projects'],
  summary: 'The projects the caller belongs to (all projects for administrators)',
  middleware: [authenticate] as const,
  responses: {
    200: {
      description: 'Projects, newest first',
      content: { 'application/json': { schema: z.object({ items: z.array(ProjectSchema) }) } },
    },
    ...errorResponses(401),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/projects',
  tags: ['Projects'],
  summary: 'Create an empty project; the caller becomes its assessor',
  middleware: [authenticate] as const,
  request: { body: { content: { 'application/json': { schema: CreateProjectSchema } }, required: true } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: ProjectSchema } } },
    ...errorResponses(401, 403, 422),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}',
  tags: ['Projects'],
  summary: 'One project',
  ...permission('read'),
  middleware: [authenticate] as const,
  request: { params: ProjectParamsSchema },
  responses: {
    200: { description: 'The project', content: { 'application/json': { schema: ProjectSchema } } },
    ...errorResponses(401, 404),
  },
});

const update = createRoute({
  method: 'patch',
  path: '/api/projects/{projectId}',
  tags: ['Projects'],
  summary: 'Rename, describe or archive a project',
  ...permission('manage'),
  middleware: [authenticate, requirePermission('manage')] as const,
  request: {
    params: ProjectParamsSchema,
    body: { content: { 'application/json': { schema: UpdateProjectSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The project after the change',
      content: { 'application/json': { schema: ProjectSchema } },
    },
    ...errorResponses(401, 403, 404, 422),
  },
});

/** Project listing, creation and settings. Projects are archived, never deleted (their audit trail stays). */
export const projectRoutes = (app: ZonewiseApp): void => {
  app.openapi(list, async (c) => {
    const { user } = c.get('identity');
    const items = await listProjectsForUser(c.get('deps').store.db, user);
    return c.json({ items }, 200);
  });

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    const identity = c.get('identity');
    const project = await createProject(
      c.get('deps').store,
      { name: body.name, description: body.description ?? '', formatVersion: CURRENT_FORMAT_VERSION },
      actorOf(identity),
    );
    return c.json({ ...project, role: 'assessor' as const }, 201);
  });

  app.openapi(get, async (c) => {
    const { project, role } = await requireProjectAccess(c, c.req.valid('param').projectId, 'read');
    return c.json({ ...project, role }, 200);
  });

  app.openapi(update, async (c) => {
    const { projectId } = c.req.valid('param');
    const { role } = await requireProjectAccess(c, projectId, 'manage');
    const body = c.req.valid('json');
    const project = await updateProjectInfo(
      c.get('deps').store,
      projectId,
      {
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.description === undefined ? {} : { description: body.description }),
        ...(body.isArchived === undefined ? {} : { isArchived: body.isArchived }),
      },
      actorOf(c.get('identity')),
    );
    return c.json({ ...project, role }, 200);
  });
};
