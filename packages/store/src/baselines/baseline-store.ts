import { appendAuditEvents, projectChainId } from '../audit/audit-chain';
import type { BaselinesTable, SignaturesTable } from '../database-schema';
import { inTransaction, lockProject, type Actor, type Executor, type StoreContext } from '../store-context';
import { StoreError } from '../store-error';

/** What a signature means (21 CFR Part 11 §11.50: the meaning is part of the signed record). */
export const SIGNATURE_MEANINGS = ['reviewed', 'approved'] as const;

/** One signature meaning. */
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** A frozen baseline without its (large) model and results, as listings show it. */
export interface BaselineRecord {
  readonly id: string;
  readonly projectId: string;
  readonly label: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The project revision the baseline froze. */
  readonly projectRevision: number;
  /** SHA-256 of the canonical model (approvals excluded): what signatures on this baseline sign. */
  readonly modelSha256: string;
  /** True once the project changed after the baseline was frozen (it can no longer be signed). */
  readonly isStale: boolean;
}

/** A baseline with its canonical model and the engine's results at that revision. */
export interface BaselineDetail extends BaselineRecord {
  /** The canonical model JSON text exactly as frozen (its SHA-256 is `modelSha256`). */
  readonly modelJson: string;
  /** The assessment results as JSON text. */
  readonly resultsJson: string;
}

/** An electronic signature on a baseline, with whether the project has changed since. */
export interface SignatureRecord {
  readonly id: string;
  readonly baselineId: string;
  readonly projectId: string;
  readonly userId: string;
  readonly signerName: string;
  readonly signerUsername: string;
  readonly meaning: SignatureMeaning;
  readonly statement: string;
  readonly signedAt: string;
  readonly modelSha256: string;
  readonly projectRevision: number;
  /** True when the project revision is past the signed baseline's: the approval is still shown, but flagged. */
  readonly isStale: boolean;
}

const toBaseline = (row: Omit<BaselinesTable, 'model_json' | 'results_json'>, revision: number) => ({
  id: row.id,
  projectId: row.project_id,
  label: row.label,
  createdAt: row.created_at,
  createdBy: row.created_by,
  projectRevision: row.project_revision,
  modelSha256: row.model_sha256,
  isStale: revision > row.project_revision,
});

const toSignature = (row: SignaturesTable, revision: number): SignatureRecord => ({
  id: row.id,
  baselineId: row.baseline_id,
  projectId: row.project_id,
  userId: row.user_id,
  signerName: row.signer_name,
  signerUsername: row.signer_username,
  meaning: row.meaning === 'approved' ? 'approved' : 'reviewed',
  statement: row.statement,
  signedAt: row.signed_at,
  modelSha256: row.model_sha256,
  projectRevision: row.project_revision,
  isStale: revision > row.project_revision,
});

const currentRevision = async (db: Executor, projectId: string): Promise<number> => {
  const row = await db
    .selectFrom('projects')
    .select('revision')
    .where('id', '=', projectId)
    .executeTakeFirst();
  if (row === undefined) throw new StoreError('not-found', `project ${projectId} does not exist`);
  return row.revision;
};

/** What the caller computed for a baseline: the canonical model, its digest and results, at one project revision. */
export interface BaselineInput {
  readonly label: string;
  /** The project revision the model and results were read at. */
  readonly projectRevision: number;
  readonly modelSha256: string;
  readonly modelJson: string;
  readonly resultsJson: string;
}

/**
 * Freezes a baseline (ZCR 7): the canonical model and results the caller computed at `projectRevision`. If the
 * project changed in the meantime the freeze is refused (`revision-conflict`), so a baseline never pairs one
 * revision's label with another's content. Recorded as `baseline.freeze`.
 */
export const freezeBaseline = (
  context: StoreContext,
  projectId: string,
  input: BaselineInput,
  actor: Actor,
): Promise<BaselineRecord> =>
  inTransaction(context, async (trx) => {
    const project = await lockProject(trx, context.dialect, projectId);
    if (project === undefined) throw new StoreError('not-found', `project ${projectId} does not exist`);
    if (project.revision !== input.projectRevision)
      throw new StoreError(
        'revision-conflict',
        `the project changed while the baseline was computed (revision ${input.projectRevision} → ${project.revision}); freeze again`,
      );
    const row: BaselinesTable = {
      id: context.newId(),
      project_id: projectId,
      label: input.label,
      created_at: context.now(),
      created_by: actor.id,
      project_revision: input.projectRevision,
      model_sha256: input.modelSha256,
      model_json: input.modelJson,
      results_json: input.resultsJson,
    };
    await trx.insertInto('baselines').values(row).execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'baseline.freeze',
        targetKind: 'baseline',
        targetId: row.id,
        after: { label: row.label, projectRevision: row.project_revision, modelSha256: row.model_sha256 },
      },
    ]);
    return toBaseline(row, project.revision);
  });

const BASELINE_COLUMNS = [
  'id',
  'project_id',
  'label',
  'created_at',
  'created_by',
  'project_revision',
  'model_sha256',
] as const;

/** The baselines of a project, newest first, without their model and results. */
export const listBaselines = async (db: Executor, projectId: string): Promise<BaselineRecord[]> => {
  const revision = await currentRevision(db, projectId);
  const rows = await db
    .selectFrom('baselines')
    .select(BASELINE_COLUMNS)
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => toBaseline(row, revision));
};

/** One baseline of a project with its model and results, or undefined (also for another project's baseline id). */
export const getBaseline = async (
  db: Executor,
  projectId: string,
  baselineId: string,
): Promise<BaselineDetail | undefined> => {
  const revision = await currentRevision(db, projectId);
  const row = await db
    .selectFrom('baselines')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', baselineId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { ...toBaseline(row, revision), modelJson: row.model_json, resultsJson: row.results_json };
};

/** What a signer states; who signs comes from the stored user, not from the request. */
export interface SignatureInput {
  readonly userId: string;
  readonly meaning: SignatureMeaning;
  readonly statement: string;
}

/**
 * Signs a baseline as the given user, recording their name, user name, time, meaning, statement and the baseline's
 * model SHA-256 and revision. The caller re-verified the password. A baseline the project has moved past is refused
 * (`revision-conflict` with `details.reason = 'baseline-stale'`): a signature must be on the current content.
 * Signing does not change the project revision. Recorded as `baseline.sign`.
 */
export const signBaseline = (
  context: StoreContext,
  projectId: string,
  baselineId: string,
  input: SignatureInput,
  actor: Actor,
): Promise<SignatureRecord> =>
  inTransaction(context, async (trx) => {
    const project = await lockProject(trx, context.dialect, projectId);
    if (project === undefined) throw new StoreError('not-found', `project ${projectId} does not exist`);
    const baseline = await trx
      .selectFrom('baselines')
      .select(['id', 'project_revision', 'model_sha256'])
      .where('project_id', '=', projectId)
      .where('id', '=', baselineId)
      .executeTakeFirst();
    if (baseline === undefined) throw new StoreError('not-found', `baseline ${baselineId} does not exist`);
    if (project.revision > baseline.project_revision)
      throw new StoreError(
        'revision-conflict',
        `the project changed after baseline ${baselineId} was frozen (revision ${baseline.project_revision} → ${project.revision}); freeze a new baseline and sign that`,
        { reason: 'baseline-stale', projectRevision: project.revision },
      );
    const user = await trx
      .selectFrom('users')
      .select(['username', 'display_name'])
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (user === undefined) throw new StoreError('not-found', `user ${input.userId} does not exist`);
    const row: SignaturesTable = {
      id: context.newId(),
      baseline_id: baselineId,
      project_id: projectId,
      user_id: input.userId,
      signer_name: user.display_name,
      signer_username: user.username,
      meaning: input.meaning,
      statement: input.statement,
      signed_at: context.now(),
      model_sha256: baseline.model_sha256,
      project_revision: baseline.project_revision,
    };
    await trx.insertInto('signatures').values(row).execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'baseline.sign',
        targetKind: 'baseline',
        targetId: baselineId,
        after: {
          signatureId: row.id,
          signer: { id: row.user_id, name: row.signer_name, username: row.signer_username },
          meaning: row.meaning,
          statement: row.statement,
          modelSha256: row.model_sha256,
          projectRevision: row.project_revision,
        },
      },
    ]);
    return toSignature(row, project.revision);
  });

/** The signatures of a project (or of one baseline), oldest first, each flagged stale when the project moved on. */
export const listSignatures = async (
  db: Executor,
  projectId: string,
  filter: { readonly baselineId?: string } = {},
): Promise<SignatureRecord[]> => {
  const revision = await currentRevision(db, projectId);
  let query = db.selectFrom('signatures').selectAll().where('project_id', '=', projectId);
  if (filter.baselineId !== undefined) query = query.where('baseline_id', '=', filter.baselineId);
  const rows = await query.orderBy('signed_at').orderBy('id').execute();
  return rows.map((row) => toSignature(row, revision));
};

/** How many signatures a project has: part of the assessment cache key, since signing keeps the revision. */
export const countSignatures = async (db: Executor, projectId: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('signatures')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('project_id', '=', projectId)
        .executeTakeFirstOrThrow()
    ).n,
  );
