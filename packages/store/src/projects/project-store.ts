import { appendAuditEvents, projectChainId } from '../audit/audit-chain';
import type { ProjectsTable } from '../database-schema';
import { inTransaction, lockProject, type Actor, type Executor, type StoreContext } from '../store-context';
import { StoreError } from '../store-error';

/** The roles a member can have in a project (admins are not members: they may do everything everywhere). */
export const PROJECT_ROLES = ['assessor', 'reviewer', 'approver', 'viewer'] as const;

/** One project role. */
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** True for a known project role name. */
export const isProjectRole = (name: string): name is ProjectRole =>
  (PROJECT_ROLES as readonly string[]).includes(name);

/** A project as the API shows it (without the stored source text). */
export interface ProjectRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly revision: number;
  readonly formatVersion: number;
  readonly sourceFormat: 'yaml' | 'json' | null;
  readonly isArchived: boolean;
}

/** A stored project row as the API shows it (used where a query reads the row next to other tables). */
export const toProject = (row: ProjectsTable): ProjectRecord => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdAt: row.created_at,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  revision: row.revision,
  formatVersion: row.format_version,
  sourceFormat: row.source_format === 'yaml' || row.source_format === 'json' ? row.source_format : null,
  isArchived: row.is_archived === 1,
});

/**
 * Creates an empty project; its creator becomes its first assessor so they can fill it in. Recorded as the first
 * record of the project's audit chain.
 */
export const createProject = (
  context: StoreContext,
  input: { readonly name: string; readonly description?: string; readonly formatVersion: number },
  actor: Actor,
): Promise<ProjectRecord> =>
  inTransaction(context, async (trx) => {
    const at = context.now();
    const row: ProjectsTable = {
      id: context.newId(),
      name: input.name,
      description: input.description ?? '',
      created_at: at,
      created_by: actor.id,
      updated_at: at,
      revision: 0,
      format_version: input.formatVersion,
      source_format: null,
      is_archived: 0,
    };
    await trx.insertInto('projects').values(row).execute();
    const isUser = await trx.selectFrom('users').select('id').where('id', '=', actor.id).executeTakeFirst();
    if (isUser !== undefined)
      await trx
        .insertInto('memberships')
        .values({ project_id: row.id, user_id: actor.id, role: 'assessor', created_at: at })
        .execute();
    const project = toProject(row);
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(row.id),
        actor,
        action: 'project.create',
        targetKind: 'project',
        targetId: row.id,
        after: { name: project.name, description: project.description },
      },
    ]);
    return project;
  });

/** One project, or undefined. */
export const getProject = async (db: Executor, projectId: string): Promise<ProjectRecord | undefined> => {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
  return row === undefined ? undefined : toProject(row);
};

/** The text a project's model was last imported from, with the revision it was imported at. */
export const getProjectSource = async (
  db: Executor,
  projectId: string,
): Promise<{ format: 'yaml' | 'json'; text: string; revision: number } | undefined> => {
  const row = await db
    .selectFrom('project_sources')
    .innerJoin('projects', 'projects.id', 'project_sources.project_id')
    .select(['projects.source_format', 'project_sources.text', 'project_sources.revision'])
    .where('project_sources.project_id', '=', projectId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { format: row.source_format === 'json' ? 'json' : 'yaml', text: row.text, revision: row.revision };
};

/**
 * A project and a user's role in it (undefined when not a member) in one query: every project request checks access
 * first, and two round trips per request were a measurable share of the server's time under load.
 */
export const getProjectWithRole = async (
  db: Executor,
  projectId: string,
  userId: string,
): Promise<{ project: ProjectRecord; role: ProjectRole | undefined } | undefined> => {
  const row = await db
    .selectFrom('projects')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.project_id', '=', 'projects.id').on('memberships.user_id', '=', userId),
    )
    .selectAll('projects')
    .select('memberships.role as member_role')
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { member_role: role, ...project } = row;
  return { project: toProject(project), role: role !== null && isProjectRole(role) ? role : undefined };
};

/** A project with the caller's role in it (`admin` for administrators who are not members). */
export interface ProjectListing extends ProjectRecord {
  readonly role: ProjectRole | 'admin';
}

/** The projects a user may see: their memberships, or every project for an administrator. Newest first. */
export const listProjectsForUser = async (
  db: Executor,
  user: { readonly id: string; readonly isAdmin: boolean },
): Promise<ProjectListing[]> => {
  const rows = await db
    .selectFrom('projects')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.project_id', '=', 'projects.id').on('memberships.user_id', '=', user.id),
    )
    .selectAll('projects')
    .select('memberships.role')
    .$if(!user.isAdmin, (query) => query.where('memberships.user_id', '=', user.id))
    .orderBy('projects.created_at', 'desc')
    .orderBy('projects.id')
    .execute();
  return rows.map((row) => ({
    ...toProject(row),
    role: row.role !== null && isProjectRole(row.role) ? row.role : 'admin',
  }));
};

/** Renames, redescribes or (un)archives a project; recorded in its audit chain. */
export const updateProjectInfo = (
  context: StoreContext,
  projectId: string,
  patch: { readonly name?: string; readonly description?: string; readonly isArchived?: boolean },
  actor: Actor,
): Promise<ProjectRecord> =>
  inTransaction(context, async (trx) => {
    if ((await lockProject(trx, context.dialect, projectId)) === undefined)
      throw new StoreError('not-found', `project ${projectId} does not exist`);
    const before = await getProject(trx, projectId);
    await trx
      .updateTable('projects')
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.isArchived === undefined ? {} : { is_archived: patch.isArchived ? 1 : 0 }),
        updated_at: context.now(),
      })
      .where('id', '=', projectId)
      .execute();
    const after = (await getProject(trx, projectId)) as ProjectRecord;
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'project.update',
        targetKind: 'project',
        targetId: projectId,
        before: { name: before?.name, description: before?.description, isArchived: before?.isArchived },
        after: { name: after.name, description: after.description, isArchived: after.isArchived },
      },
    ]);
    return after;
  });

/** A member of a project. */
export interface MemberRecord {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: ProjectRole;
  readonly since: string;
}

/** The members of a project with their roles, by user name. */
export const listMembers = async (db: Executor, projectId: string): Promise<MemberRecord[]> => {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'memberships.role',
      'memberships.created_at',
    ])
    .where('memberships.project_id', '=', projectId)
    .orderBy('users.username')
    .execute();
  return rows.map((row) => ({
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as ProjectRole,
    since: row.created_at,
  }));
};

/** A user's role in a project, or undefined when they are not a member. */
export const roleInProject = async (
  db: Executor,
  projectId: string,
  userId: string,
): Promise<ProjectRole | undefined> => {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined && isProjectRole(row.role) ? row.role : undefined;
};

/** Options of a membership change. */
export interface MemberChangeOptions {
  /** Refuse to leave the project without an assessor (set for non-administrators; administrators may). */
  readonly keepAnAssessor?: boolean;
}

/**
 * Refuses (`last-assessor`) a change that would leave a project without an assessor: nobody but an administrator
 * could then edit it or manage its members. Runs under the project lock, so two assessors removing each other at
 * once cannot both succeed.
 */
const keepAnAssessor = async (trx: Executor, projectId: string, userId: string): Promise<void> => {
  const others = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('project_id', '=', projectId)
    .where('role', '=', 'assessor')
    .where('user_id', '<>', userId)
    .limit(1)
    .executeTakeFirst();
  if (others === undefined)
    throw new StoreError(
      'last-assessor',
      `user ${userId} is the project's last assessor; make another member an assessor first`,
    );
};

/** Adds a member or changes their role (recorded in the project's audit chain). */
export const setMemberRole = (
  context: StoreContext,
  projectId: string,
  userId: string,
  role: ProjectRole,
  actor: Actor,
  options: MemberChangeOptions = {},
): Promise<void> =>
  inTransaction(context, async (trx) => {
    if ((await lockProject(trx, context.dialect, projectId)) === undefined)
      throw new StoreError('not-found', `project ${projectId} does not exist`);
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (user === undefined) throw new StoreError('not-found', `user ${userId} does not exist`);
    const before = await roleInProject(trx, projectId, userId);
    if (options.keepAnAssessor === true && before === 'assessor' && role !== 'assessor')
      await keepAnAssessor(trx, projectId, userId);
    if (before === undefined)
      await trx
        .insertInto('memberships')
        .values({ project_id: projectId, user_id: userId, role, created_at: context.now() })
        .execute();
    else
      await trx
        .updateTable('memberships')
        .set({ role })
        .where('project_id', '=', projectId)
        .where('user_id', '=', userId)
        .execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'member.set',
        targetKind: 'member',
        targetId: userId,
        before: before === undefined ? undefined : { role: before },
        after: { role },
      },
    ]);
  });

/** Removes a member (recorded in the project's audit chain). */
export const removeMember = (
  context: StoreContext,
  projectId: string,
  userId: string,
  actor: Actor,
  options: MemberChangeOptions = {},
): Promise<void> =>
  inTransaction(context, async (trx) => {
    if ((await lockProject(trx, context.dialect, projectId)) === undefined)
      throw new StoreError('not-found', `project ${projectId} does not exist`);
    const before = await roleInProject(trx, projectId, userId);
    if (before === undefined) throw new StoreError('not-found', `user ${userId} is not a member`);
    if (options.keepAnAssessor === true && before === 'assessor')
      await keepAnAssessor(trx, projectId, userId);
    await trx
      .deleteFrom('memberships')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'member.remove',
        targetKind: 'member',
        targetId: userId,
        before: { role: before },
      },
    ]);
  });
