import { appendAuditEvents, projectChainId } from '../audit/audit-chain';
import type { CommentsTable } from '../database-schema';
import { isEntityCollection } from '../entities/collections';
import { inTransaction, lockProject, type Actor, type Executor, type StoreContext } from '../store-context';
import { StoreError } from '../store-error';

/**
 * What a comment may be about besides an entity collection: the project as a whole, a frozen baseline, or a finding
 * (findings are computed, so their ids are not checked).
 */
export const COMMENT_TARGET_KINDS = ['project', 'baseline', 'finding'] as const;

/** A review comment as the API shows it. */
export interface CommentRecord {
  readonly id: string;
  readonly projectId: string;
  /** `project`, `baseline`, `finding` or an entity collection (`zones`, `assets`, …). */
  readonly targetKind: string;
  readonly targetId: string;
  readonly author: Actor;
  readonly body: string;
  readonly createdAt: string;
}

const toComment = (row: CommentsTable): CommentRecord => ({
  id: row.id,
  projectId: row.project_id,
  targetKind: row.target_kind,
  targetId: row.target_id,
  author: { id: row.author_id, name: row.author_name },
  body: row.body,
  createdAt: row.created_at,
});

/** True for a kind a comment may target. */
export const isCommentTargetKind = (kind: string): boolean =>
  (COMMENT_TARGET_KINDS as readonly string[]).includes(kind) || isEntityCollection(kind);

/**
 * Adds a comment on the project, a baseline, a finding or an entity. The target must exist in this project
 * (`not-found` otherwise, so another project's ids cannot be probed); reviewers comment without editing the model,
 * so the project revision stays. Recorded as `comment.create`.
 */
export const createComment = (
  context: StoreContext,
  projectId: string,
  input: { readonly targetKind: string; readonly targetId: string; readonly body: string },
  actor: Actor,
): Promise<CommentRecord> =>
  inTransaction(context, async (trx) => {
    if ((await lockProject(trx, context.dialect, projectId)) === undefined)
      throw new StoreError('not-found', `project ${projectId} does not exist`);
    const { targetKind, targetId } = input;
    if (!isCommentTargetKind(targetKind))
      throw new StoreError('invalid-change', `comments cannot target "${targetKind}"`);
    const exists =
      targetKind === 'finding'
        ? true
        : targetKind === 'project'
          ? targetId === projectId
          : targetKind === 'baseline'
            ? (await trx
                .selectFrom('baselines')
                .select('id')
                .where('project_id', '=', projectId)
                .where('id', '=', targetId)
                .executeTakeFirst()) !== undefined
            : (await trx
                .selectFrom('entities')
                .select('entity_id')
                .where('project_id', '=', projectId)
                .where('collection', '=', targetKind)
                .where('entity_id', '=', targetId)
                .executeTakeFirst()) !== undefined;
    if (!exists)
      throw new StoreError('not-found', `${targetKind} ${targetId} does not exist in this project`);
    const row: CommentsTable = {
      id: context.newId(),
      project_id: projectId,
      target_kind: targetKind,
      target_id: targetId,
      author_id: actor.id,
      author_name: actor.name,
      body: input.body,
      created_at: context.now(),
    };
    await trx.insertInto('comments').values(row).execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'comment.create',
        targetKind,
        targetId,
        after: { commentId: row.id, body: row.body },
      },
    ]);
    return toComment(row);
  });

/** Filters and paging of a comment listing. */
export interface CommentQuery {
  readonly targetKind?: string;
  readonly targetId?: string;
  readonly offset?: number;
  readonly limit?: number;
}

/** Comments of a project, oldest first (conversation order), optionally of one target, with the total count. */
export const listComments = async (
  db: Executor,
  projectId: string,
  query: CommentQuery = {},
): Promise<{ items: CommentRecord[]; total: number }> => {
  let base = db.selectFrom('comments').where('project_id', '=', projectId);
  if (query.targetKind !== undefined) base = base.where('target_kind', '=', query.targetKind);
  if (query.targetId !== undefined) base = base.where('target_id', '=', query.targetId);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 100)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toComment), total: Number(count.n) };
};
