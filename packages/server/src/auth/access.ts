import { getProjectWithRole, type ProjectRecord, type ProjectRole } from '@zonewise/store';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { forbidden, notFound } from '../errors';

/** What a caller wants to do in a project. */
export type ProjectAction = 'read' | 'comment' | 'edit' | 'freeze' | 'sign' | 'manage';

/**
 * Which project roles may do what. Administrators may do everything except sign: a signature means the signer
 * reviewed or approved the content (21 CFR Part 11), so only members with the approver role sign.
 */
export const ROLE_PERMISSIONS: Readonly<Record<ProjectRole, readonly ProjectAction[]>> = {
  assessor: ['read', 'comment', 'edit', 'freeze', 'manage'],
  reviewer: ['read', 'comment'],
  approver: ['read', 'comment', 'freeze', 'sign'],
  viewer: ['read'],
};

/** The project and the caller's role in it, once access is granted. */
export interface ProjectAccess {
  readonly project: ProjectRecord;
  readonly role: ProjectRole | 'admin';
}

/**
 * The project and the caller's role: from the identifying query when `authenticate` read them for this project
 * (used once, so a later check in the same request reads them afresh), else from the database.
 */
const projectWithRole = async (c: Context<AppEnv>, projectId: string) => {
  const { projectLookup, ...identity } = c.get('identity');
  if (projectLookup !== undefined) {
    c.set('identity', identity);
    if (projectLookup.projectId === projectId) return projectLookup.found;
  }
  return getProjectWithRole(c.get('deps').store.db, projectId, identity.user.id);
};

/**
 * Checks that the caller may do `action` in a project. A project the caller is not a member of answers 404, as if
 * it did not exist, so ids cannot be probed; a member without the permission gets 403 naming the role needed.
 */
export const requireProjectAccess = async (
  c: Context<AppEnv>,
  projectId: string,
  action: ProjectAction,
): Promise<ProjectAccess> => {
  const { user } = c.get('identity');
  const found = await projectWithRole(c, projectId);
  if (found === undefined) throw notFound(`project ${projectId}`);
  const { project, role } = found;
  if (user.isAdmin) {
    if (action === 'sign') {
      if (role !== 'approver') throw forbidden('only members with the approver role may sign');
      return { project, role };
    }
    return { project, role: role ?? 'admin' };
  }
  if (role === undefined) throw notFound(`project ${projectId}`);
  if (!ROLE_PERMISSIONS[role].includes(action)) {
    const allowed = Object.entries(ROLE_PERMISSIONS)
      .filter(([, actions]) => actions.includes(action))
      .map(([name]) => name);
    throw forbidden(
      `your role in this project (${role}) may not ${action}; roles that may: ${allowed.join(', ')}`,
    );
  }
  return { project, role };
};

/** Requires an administrator (403 otherwise). */
export const requireAdmin = (c: Context<AppEnv>): void => {
  if (!c.get('identity').user.isAdmin) throw forbidden('only administrators may do this');
};

/** Every project action, for tables and validation. */
export const PROJECT_ACTIONS: readonly ProjectAction[] = [
  'read',
  'comment',
  'edit',
  'freeze',
  'sign',
  'manage',
];

/**
 * Route middleware that checks the caller's permission in the `{projectId}` of the path before the request is
 * validated, so a refused caller learns nothing from validation errors (403 or 404, never 422). Put it after
 * `authenticate` and declare the same action as `x-zonewise-permission` (see `routes/schemas.ts`).
 */
export const requirePermission =
  (action: ProjectAction): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await requireProjectAccess(c, c.req.param('projectId') ?? '', action);
    await next();
  };
