import { createRoute, z } from '@hono/zod-openapi';
import {
  canonicalJson,
  canonicalModel,
  composeModelDiff,
  resolveSystem,
  type Assessment,
  type Diagnostic,
  type SystemModel,
} from '@zonewise/core';
import {
  admitLoginAttempt,
  forgiveLoginAttempt,
  freezeBaseline,
  getBaseline,
  getPasswordHash,
  isStoreError,
  listBaselines,
  listSignatures,
  loginUserKey,
  signBaseline,
  type BaselineRecord,
  type SignatureRecord,
} from '@zonewise/store';
import type { Context } from 'hono';
import type { ZonewiseApp } from '../../app';
import { requireProjectAccess, requirePermission } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate } from '../../auth/authenticate';
import type { AppEnv, ServerDeps } from '../../env';
import { AppError, conflict, notFound, tooManyRequests } from '../../errors';
import { assessModel, modelDigest } from '../../services/engine';
import { assessProject } from '../../services/project-model';
import { errorResponses, ProjectParamsSchema } from '../schemas';
import {
  BaselineDetailSchema,
  BaselineParamsSchema,
  BaselineQuerySchema,
  BaselineSchema,
  DiffQuerySchema,
  DiffSchema,
  FreezeBaselineSchema,
  SignBaselineSchema,
  SignatureSchema,
} from './schema';

const freeze = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/baselines',
  tags: ['Baselines and approvals'],
  summary: 'Freeze a baseline: the canonical model and its results at the current revision, with its SHA-256',
  description:
    'The model must resolve (422 `model-invalid` with the diagnostics otherwise). If the project changes while the ' +
    'baseline is computed the freeze is refused with 409 `revision-conflict`; freeze again.',
  'x-zonewise-permission': 'freeze',
  middleware: [authenticate, requirePermission('freeze')] as const,
  request: {
    params: ProjectParamsSchema,
    body: { content: { 'application/json': { schema: FreezeBaselineSchema } }, required: true },
  },
  responses: {
    201: { description: 'Frozen', content: { 'application/json': { schema: BaselineSchema } } },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/baselines',
  tags: ['Baselines and approvals'],
  summary: 'The baselines of a project, newest first, with their signatures and stale flags',
  'x-zonewise-permission': 'read',
  middleware: [authenticate] as const,
  request: { params: ProjectParamsSchema },
  responses: {
    200: {
      description: 'Baselines',
      content: { 'application/json': { schema: z.object({ items: z.array(BaselineSchema) }) } },
    },
    ...errorResponses(401, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/baselines/{baselineId}',
  tags: ['Baselines and approvals'],
  summary: 'One baseline with its signatures; `include=model,results` adds the frozen content',
  'x-zonewise-permission': 'read',
  middleware: [authenticate] as const,
  request: { params: BaselineParamsSchema, query: BaselineQuerySchema },
  responses: {
    200: { description: 'The baseline', content: { 'application/json': { schema: BaselineDetailSchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const sign = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/baselines/{baselineId}/signatures',
  tags: ['Baselines and approvals'],
  summary: 'Sign a baseline after re-entering the password (meaning: reviewed or approved, with a statement)',
  description:
    'An electronic signature in the style of 21 CFR Part 11: the signer re-enters their password (401 ' +
    '`invalid-credentials` when wrong; failures count against the same limit as logins, 429 `rate-limited`). The ' +
    "record holds the signer's name and user name, the time, the meaning, the statement and the baseline's model " +
    'SHA-256. A baseline the project has moved past cannot be signed (409 `baseline-stale`). The signature becomes ' +
    "an approval in the model, checked by the engine's ZCR 7 step and listed in the report.",
  'x-zonewise-permission': 'sign',
  middleware: [authenticate, requirePermission('sign')] as const,
  request: {
    params: BaselineParamsSchema,
    body: { content: { 'application/json': { schema: SignBaselineSchema } }, required: true },
  },
  responses: {
    201: { description: 'Signed', content: { 'application/json': { schema: SignatureSchema } } },
    ...errorResponses(401, 403, 404, 409, 422, 429),
  },
});

const diff = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/diff',
  tags: ['Baselines and approvals'],
  summary:
    'What changed between two baselines, or a baseline and the working model, and what it changed in the results',
  'x-zonewise-permission': 'read',
  middleware: [authenticate] as const,
  request: { params: ProjectParamsSchema, query: DiffQuerySchema },
  responses: {
    200: { description: 'The diff', content: { 'application/json': { schema: DiffSchema } } },
    ...errorResponses(401, 404, 422),
  },
});

/** 422 for a model the engine cannot resolve: the diagnostics carry model paths (`assets/3/zone`). */
const modelInvalid = (diagnostics: readonly Diagnostic[]): AppError =>
  new AppError(
    422,
    'model-invalid',
    `the model does not resolve (${diagnostics.filter((d) => d.severity === 'error').length} error(s)); fix them first`,
    {
      diagnostics: diagnostics.map(({ code, severity, path, message }) => ({
        code,
        severity,
        path: [...path],
        message,
      })),
    },
  );

const withSignatures = (baseline: BaselineRecord, signatures: readonly SignatureRecord[]) => ({
  ...baseline,
  signatures: signatures.filter((signature) => signature.baselineId === baseline.id),
});

/** A resolved and assessed version of the model: a frozen baseline or the working state. */
interface DiffSide {
  readonly info: {
    readonly kind: 'baseline' | 'working';
    readonly baselineId?: string;
    readonly label?: string;
    readonly projectRevision: number;
    readonly modelSha256: string;
  };
  readonly model: SystemModel;
  readonly assessment: Assessment;
}

/** Baselines never change, so their re-assessed models are kept for a few diffs (most recent first). */
const baselineCache = new Map<string, DiffSide>();

const loadSide = async (deps: ServerDeps, projectId: string, side: string): Promise<DiffSide> => {
  if (side === 'working') {
    const assessed = await assessProject(deps, projectId);
    if (assessed.assessment === undefined)
      throw modelInvalid(assessed.resolved.ok ? [] : assessed.resolved.diagnostics);
    return {
      info: {
        kind: 'working',
        projectRevision: assessed.revision,
        modelSha256: assessed.assessment.modelSha256,
      },
      model: assessed.model,
      assessment: assessed.assessment,
    };
  }
  const baseline = await getBaseline(deps.store.db, projectId, side);
  if (baseline === undefined) throw notFound(`baseline ${side}`);
  const key = `${deps.connection.location}|${baseline.id}`;
  const cached = baselineCache.get(key);
  if (cached !== undefined) return cached;
  const resolved = resolveSystem(JSON.parse(baseline.modelJson));
  if (!resolved.ok) throw modelInvalid(resolved.diagnostics);
  const loaded: DiffSide = {
    info: {
      kind: 'baseline',
      baselineId: baseline.id,
      label: baseline.label,
      projectRevision: baseline.projectRevision,
      modelSha256: baseline.modelSha256,
    },
    model: resolved.value,
    assessment: assessModel(resolved.value),
  };
  baselineCache.set(key, loaded);
  while (baselineCache.size > 8) {
    const oldest = baselineCache.keys().next().value;
    if (oldest === undefined) break;
    baselineCache.delete(oldest);
  }
  return loaded;
};

/**
 * Re-checks the signer's password. Attempts count against the same per-user-name limit as logins, so a stolen
 * session cannot be used to guess the password through signatures.
 */
const verifySignerPassword = async (c: Context<AppEnv>, password: string): Promise<void> => {
  const { store, passwords, settings } = c.get('deps');
  const { user } = c.get('identity');
  const userKey = loginUserKey(user.username);
  const admission = await admitLoginAttempt(store.db, [userKey], store.now(), {
    attemptsPerWindow: settings.loginAttemptsPerWindow,
    windowSeconds: settings.loginWindowSeconds,
  });
  if (!admission.isAllowed)
    throw tooManyRequests('too many wrong passwords; wait before signing again', admission.retryAfterSeconds);
  const hash = await getPasswordHash(store.db, user.id);
  if (hash === undefined || !(await passwords.verify(hash, password)))
    throw new AppError(
      401,
      'invalid-credentials',
      'the password is not correct; the baseline was not signed',
    );
  await forgiveLoginAttempt(store.db, { userKey });
};

/** Baselines (frozen model + results), e-signatures with stale flags, and diffs between versions (ZCR 7). */
export const baselineRoutes = (app: ZonewiseApp): void => {
  app.openapi(freeze, async (c) => {
    const { projectId } = c.req.valid('param');
    const { label } = c.req.valid('json');
    const deps = c.get('deps');
    const assessed = await assessProject(deps, projectId);
    if (assessed.assessment === undefined)
      throw modelInvalid(assessed.resolved.ok ? [] : assessed.resolved.diagnostics);
    const file = assessed.model.file;
    const baseline = await freezeBaseline(
      deps.store,
      projectId,
      {
        label,
        projectRevision: assessed.revision,
        modelSha256: modelDigest(file),
        modelJson: canonicalJson(canonicalModel(file)),
        resultsJson: JSON.stringify(assessed.assessment),
      },
      actorOf(c.get('identity')),
    );
    return c.json({ ...baseline, signatures: [] }, 201);
  });

  app.openapi(list, async (c) => {
    const { projectId } = c.req.valid('param');
    await requireProjectAccess(c, projectId, 'read');
    const { db } = c.get('deps').store;
    const [baselines, signatures] = await Promise.all([
      listBaselines(db, projectId),
      listSignatures(db, projectId),
    ]);
    return c.json({ items: baselines.map((baseline) => withSignatures(baseline, signatures)) }, 200);
  });

  app.openapi(get, async (c) => {
    const { projectId, baselineId } = c.req.valid('param');
    await requireProjectAccess(c, projectId, 'read');
    const include = new Set((c.req.valid('query').include ?? '').split(','));
    const { db } = c.get('deps').store;
    const baseline = await getBaseline(db, projectId, baselineId);
    if (baseline === undefined) throw notFound(`baseline ${baselineId}`);
    const signatures = await listSignatures(db, projectId, { baselineId });
    const { modelJson, resultsJson, ...record } = baseline;
    return c.json(
      {
        ...record,
        signatures,
        ...(include.has('model') ? { model: JSON.parse(modelJson) as unknown } : {}),
        ...(include.has('results') ? { results: JSON.parse(resultsJson) as unknown } : {}),
      },
      200,
    );
  });

  app.openapi(sign, async (c) => {
    const { projectId, baselineId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { store } = c.get('deps');
    if ((await getBaseline(store.db, projectId, baselineId)) === undefined)
      throw notFound(`baseline ${baselineId}`);
    await verifySignerPassword(c, body.password);
    const identity = c.get('identity');
    try {
      const signature = await signBaseline(
        store,
        projectId,
        baselineId,
        { userId: identity.user.id, meaning: body.meaning, statement: body.statement },
        actorOf(identity),
      );
      return c.json(signature, 201);
    } catch (error) {
      if (
        isStoreError(error, 'revision-conflict') &&
        (error.details as { reason?: string } | undefined)?.reason === 'baseline-stale'
      )
        throw conflict('baseline-stale', error.message, {
          projectRevision: (error.details as { projectRevision?: number }).projectRevision,
        });
      throw error;
    }
  });

  app.openapi(diff, async (c) => {
    const { projectId } = c.req.valid('param');
    await requireProjectAccess(c, projectId, 'read');
    const query = c.req.valid('query');
    const deps = c.get('deps');
    const from = await loadSide(deps, projectId, query.from);
    const to = await loadSide(deps, projectId, query.to);
    return c.json({ from: from.info, to: to.info, diff: composeModelDiff(from, to) }, 200);
  });
};
