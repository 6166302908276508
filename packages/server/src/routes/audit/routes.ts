import { createRoute, type z } from '@hono/zod-openapi';
import {
  listAuditEvents,
  projectChainId,
  SYSTEM_CHAIN_ID,
  verifyAuditChain,
  type AuditQuery,
} from '@zonewise/store';
import type { ZonewiseApp } from '../../app';
import { requireAdmin, requireProjectAccess } from '../../auth/access';
import { authenticate } from '../../auth/authenticate';
import { errorResponses, ProjectParamsSchema } from '../schemas';
import { AuditPageSchema, AuditQuerySchema, ChainVerificationSchema } from './schema';

const TAG = 'Audit trail';

const projectAudit = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/audit',
  tags: [TAG],
  summary: "The project's audit trail, newest first, filtered by action, actor, target and time",
  description: 'Append-only: no route edits or deletes audit records.',
  'x-zonewise-permission': 'read',
  middleware: [authenticate] as const,
  request: { params: ProjectParamsSchema, query: AuditQuerySchema },
  responses: {
    200: { description: 'Audit records', content: { 'application/json': { schema: AuditPageSchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const projectVerify = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/audit/verify',
  tags: [TAG],
  summary: "Recompute the project's hash chain and report the first record where it breaks",
  'x-zonewise-permission': 'read',
  middleware: [authenticate] as const,
  request: { params: ProjectParamsSchema },
  responses: {
    200: {
      description: 'The verification',
      content: { 'application/json': { schema: ChainVerificationSchema } },
    },
    ...errorResponses(401, 404),
  },
});

const systemAudit = createRoute({
  method: 'get',
  path: '/api/audit/system',
  tags: [TAG],
  summary: 'The accounts audit trail (users, tokens), newest first; administrators only',
  middleware: [authenticate] as const,
  request: { query: AuditQuerySchema },
  responses: {
    200: { description: 'Audit records', content: { 'application/json': { schema: AuditPageSchema } } },
    ...errorResponses(401, 403, 422),
  },
});

const systemVerify = createRoute({
  method: 'get',
  path: '/api/audit/system/verify',
  tags: [TAG],
  summary: 'Recompute the accounts hash chain; administrators only',
  middleware: [authenticate] as const,
  responses: {
    200: {
      description: 'The verification',
      content: { 'application/json': { schema: ChainVerificationSchema } },
    },
    ...errorResponses(401, 403),
  },
});

const toIso = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : new Date(text).toISOString();

const queryOf = (chainId: string, query: z.infer<typeof AuditQuerySchema>): AuditQuery => {
  const from = toIso(query.from);
  const to = toIso(query.to);
  return {
    chainId,
    offset: query.offset,
    limit: query.limit,
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.actor === undefined ? {} : { actorId: query.actor }),
    ...(query.target === undefined ? {} : { targetId: query.target }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
};

/** Read-only access to the hash-chained audit trails and their verification (nothing here writes). */
export const auditRoutes = (app: ZonewiseApp): void => {
  app.openapi(projectAudit, async (c) => {
    const { projectId } = c.req.valid('param');
    await requireProjectAccess(c, projectId, 'read');
    const query = c.req.valid('query');
    const page = await listAuditEvents(c.get('deps').store.db, queryOf(projectChainId(projectId), query));
    return c.json({ ...page, offset: query.offset, limit: query.limit }, 200);
  });

  app.openapi(projectVerify, async (c) => {
    const { projectId } = c.req.valid('param');
    await requireProjectAccess(c, projectId, 'read');
    return c.json(await verifyAuditChain(c.get('deps').store.db, projectChainId(projectId)), 200);
  });

  app.openapi(systemAudit, async (c) => {
    requireAdmin(c);
    const query = c.req.valid('query');
    const page = await listAuditEvents(c.get('deps').store.db, queryOf(SYSTEM_CHAIN_ID, query));
    return c.json({ ...page, offset: query.offset, limit: query.limit }, 200);
  });

  app.openapi(systemVerify, async (c) => {
    requireAdmin(c);
    return c.json(await verifyAuditChain(c.get('deps').store.db, SYSTEM_CHAIN_ID), 200);
  });
};
