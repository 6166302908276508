import { z } from '@hono/zod-openapi';
import type { ProjectAction } from '../auth/access';

/** Shared OpenAPI schemas: the error body, paging parameters and a listing envelope. */

/** One diagnostic: a stable code, a severity, a path into the request or model, and a message naming the fix. */
export const DiagnosticSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    path: z.array(z.union([z.string(), z.number()])),
    message: z.string(),
    line: z.number().optional(),
    column: z.number().optional(),
  })
  .openapi('Diagnostic');

/** The body of every error response. */
export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().openapi({ example: 'revision-conflict' }),
        message: z.string(),
        requestId: z.string().optional(),
        diagnostics: z.array(DiagnosticSchema).optional(),
      })
      .passthrough(),
  })
  .openapi('Error');

/** Error responses shared by authenticated routes. */
export const errorResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 422 | 429)[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ErrorSchema } } },
    ]),
  );

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Not logged in (no valid session or token)',
  403: 'The role does not allow this, or the CSRF token is missing',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflict: stale revision or duplicate id; the current version is included',
  413: 'Request body too large',
  422: 'Invalid input; every problem is listed with its path',
  429: 'Too many attempts; see Retry-After',
};

/** `?offset=&limit=` for long lists. */
export const PagingQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'Items to skip' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ description: 'Items per page (≤ 1000)' }),
});

/** A page of a long list: the items and the total that match. */
export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int(),
      offset: z.number().int(),
      limit: z.number().int(),
    })
    .openapi(name);

/** The `:projectId` path parameter. */
export const ProjectParamsSchema = z.object({
  projectId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'projectId', in: 'path' } }),
});

/**
 * The OpenAPI extension naming the project action a route needs (`read`, `comment`, `edit`, `freeze`, `sign`,
 * `manage`; see `ROLE_PERMISSIONS` in auth/access.ts).
 *
 * Convention: EVERY route under `/api/projects/{projectId}/…` declares it, and every write (POST, PUT, PATCH,
 * DELETE) also checks it before validation with `middleware: [authenticate, requirePermission('<action>')]`:
 *
 *   createRoute({ method: 'put', path: '/api/projects/{projectId}/…', ...permission('edit'),
 *                 middleware: [authenticate, requirePermission('edit')] as const, … })
 *
 * `test/role-matrix.test.ts` reads the OpenAPI document and tries every project write as admin, assessor,
 * reviewer, approver, viewer and a non-member; it fails for a project write route without the annotation.
 */
export const PERMISSION_EXTENSION = 'x-zonewise-permission';

/** The route-config fragment that declares the action a project route needs (spread it into `createRoute`). */
export const permission = (action: ProjectAction): { readonly 'x-zonewise-permission': ProjectAction } => ({
  [PERMISSION_EXTENSION]: action,
});
