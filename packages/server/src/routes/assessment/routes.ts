import { createRoute } from '@hono/zod-openapi';
import { evaluateGates, severityRank } from '@zonewise/core';
import type { Context } from 'hono';
import type { ZonewiseApp } from '../../app';
import { requirePermission } from '../../auth/access';
import { authenticate } from '../../auth/authenticate';
import type { AppEnv } from '../../env';
import { AppError, unprocessable } from '../../errors';
import { assessProject } from '../../services/project-model';
import { presentDiagnostics } from '../present-diagnostics';
import { ErrorSchema, errorResponses, permission, ProjectParamsSchema } from '../schemas';
import { pageOf, plain, riskBandsOf, securityLevelsOf, setOf } from './present-assessment';
import {
  AssessmentSummarySchema,
  AttackPathPageSchema,
  AttackPathsQuerySchema,
  CrsSchema,
  FindingPageSchema,
  FindingsQuerySchema,
  GateQuerySchema,
  GateResultSchema,
  InitialRiskSchema,
  RequirementsPageSchema,
  RequirementsQuerySchema,
  RisksQuerySchema,
  ScenarioPageSchema,
  SecurityLevelsPageSchema,
  StepCompletenessSchema,
  SubjectQuerySchema,
} from './schema';
import { z } from '@hono/zod-openapi';

const TAGS = ['Assessment'];
const BASE = '/api/projects/{projectId}/assessment';
const INVALID_MODEL = {
  422: {
    description:
      'Invalid query (`invalid-input`), or the model does not resolve (`model-invalid`); `error.diagnostics` says why ' +
      '(see GET …/assessment)',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

/** A read-only route on the assessment results of a project. */
const resultRoute = <Q extends z.ZodObject, S extends z.ZodType>(
  path: string,
  summary: string,
  query: Q,
  schema: S,
  description: string,
) =>
  createRoute({
    method: 'get',
    path: `${BASE}${path}`,
    tags: TAGS,
    summary,
    ...permission('read'),
    middleware: [authenticate, requirePermission('read')] as const,
    request: { params: ProjectParamsSchema, query },
    responses: {
      200: { description, content: { 'application/json': { schema } } },
      ...errorResponses(401, 404, 422),
      ...INVALID_MODEL,
    },
  });

const summaryRoute = createRoute({
  method: 'get',
  path: BASE,
  tags: TAGS,
  summary: 'Assessment summary: counts, risk per band, completeness per ZCR step, model SHA-256',
  description:
    'Computed by the engine for the current revision (cached per revision). A model that does not resolve answers ' +
    '200 with `status: invalid` and every diagnostic, so an editor can show them; reference integrity is checked here.',
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema },
  responses: {
    200: { description: 'The summary', content: { 'application/json': { schema: AssessmentSummarySchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const EmptyQuery = z.object({});
const findingsRoute = resultRoute(
  '/findings',
  'Findings (rule violations), worst first',
  FindingsQuerySchema,
  FindingPageSchema,
  'A page of findings',
);
const risksRoute = resultRoute(
  '/risks',
  'The risk register: threat scenarios with unmitigated, residual and projected risk',
  RisksQuerySchema,
  ScenarioPageSchema,
  'A page of scenarios',
);
const initialRiskRoute = resultRoute(
  '/initial-risk',
  'Initial (worst-case) risk per zone and conduit (ZCR 2, 4)',
  SubjectQuerySchema,
  z.object({
    items: z.array(InitialRiskSchema),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
  }),
  'A page of initial risks',
);
const levelsRoute = resultRoute(
  '/security-levels',
  'SL-T, SL-C and SL-A per zone and conduit, with the reason per FR',
  SubjectQuerySchema,
  SecurityLevelsPageSchema,
  'A page of subjects',
);
const requirementsRoute = resultRoute(
  '/requirements',
  'Requirements selected by SL-T per zone and conduit, with status and gaps',
  RequirementsQuerySchema,
  RequirementsPageSchema,
  'A page of subjects',
);
const pathsRoute = resultRoute(
  '/attack-paths',
  'Attack paths from access points to zones with critical assets',
  AttackPathsQuerySchema,
  AttackPathPageSchema,
  'A page of attack paths',
);
const completenessRoute = resultRoute(
  '/completeness',
  'Completeness per ZCR step',
  EmptyQuery,
  z.object({ items: z.array(StepCompletenessSchema) }),
  'Every step',
);
const crsRoute = resultRoute(
  '/crs',
  'The cybersecurity requirements specification (ZCR 6)',
  EmptyQuery,
  CrsSchema,
  'The CRS',
);

const gateRoute = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/gate',
  tags: TAGS,
  summary: 'Evaluate CI gates (as `zonewise assess --fail-on`) on the current model',
  description:
    'For change management: a pipeline imports the model with an API token, then reads `passed`. Gates: ' +
    'residual-above-tolerable, unmitigated-above-tolerable, findings:<severity>, requirement-gaps, incomplete, ' +
    'unapproved, stale-approval. A model that does not resolve answers 422 `model-invalid`.',
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: ProjectParamsSchema, query: GateQuerySchema },
  responses: {
    200: { description: 'The gate result', content: { 'application/json': { schema: GateResultSchema } } },
    ...errorResponses(401, 404, 422),
    ...INVALID_MODEL,
  },
});

/** The assessment of a project the caller may read; 422 `model-invalid` with the diagnostics when it does not resolve. */
const assessed = async (c: Context<AppEnv>, projectId: string) => {
  const result = await assessProject(c.get('deps'), projectId);
  if (result.assessment === undefined) {
    const diagnostics = result.resolved.ok ? [] : result.resolved.diagnostics;
    throw new AppError(
      422,
      'model-invalid',
      `the model does not resolve (${diagnostics.length} problem(s)); see GET …/assessment`,
      {
        diagnostics: presentDiagnostics(diagnostics),
      },
    );
  }
  return { ...result, assessment: result.assessment, model: result.model };
};

const isTrue = (value: string | undefined): boolean => value === 'true';

/** The engine's results for the current revision: summary, findings, risk, SL, requirements, paths, CRS, gates. */
export const assessmentRoutes = (app: ZonewiseApp): void => {
  app.openapi(summaryRoute, async (c) => {
    const { projectId } = c.req.valid('param');
    const result = await assessProject(c.get('deps'), projectId);
    if (result.assessment === undefined)
      return c.json(
        {
          status: 'invalid' as const,
          revision: result.revision,
          diagnostics: presentDiagnostics(result.resolved.ok ? [] : result.resolved.diagnostics),
          warnings: [],
        },
        200,
      );
    const { assessment, model } = result;
    return c.json(
      {
        status: 'assessed' as const,
        revision: result.revision,
        diagnostics: [],
        warnings: presentDiagnostics(assessment.warnings),
        modelSha256: assessment.modelSha256,
        engineVersion: assessment.engineVersion,
        system: assessment.system,
        counts: assessment.counts,
        summary: plain(assessment.summary),
        ...(assessment.systemInitialRisk === undefined
          ? {}
          : { systemInitialRisk: assessment.systemInitialRisk }),
        riskBands: riskBandsOf(model, assessment),
        completeness: plain(assessment.completeness),
      },
      200,
    );
  });

  app.openapi(findingsRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    const query = c.req.valid('query');
    const rules = setOf(query.rule);
    const subjects = setOf(query.subject);
    const minimum = query.severity === undefined ? 0 : severityRank(query.severity);
    const items = assessment.findings.filter(
      (finding) =>
        severityRank(finding.severity) >= minimum &&
        (rules === undefined || rules.has(finding.ruleId)) &&
        (subjects === undefined || subjects.has(finding.subject.id)) &&
        (query.status === undefined || finding.status === query.status),
    );
    return c.json(pageOf(items, query), 200);
  });

  app.openapi(risksRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    const query = c.req.valid('query');
    const bands = setOf(query.band);
    const subjects = setOf(query.subject);
    const items = assessment.scenarios.filter((scenario) => {
      const rating = scenario[query.rating];
      return (
        (bands === undefined || bands.has(rating.band)) &&
        (query.aboveTolerable === undefined || rating.isTolerable !== isTrue(query.aboveTolerable)) &&
        (subjects === undefined || subjects.has(scenario.subject.id))
      );
    });
    return c.json(pageOf(items, query), 200);
  });

  app.openapi(initialRiskRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    const query = c.req.valid('query');
    const subjects = setOf(query.subject);
    const items = assessment.initialRisk.filter(
      (risk) => subjects === undefined || subjects.has(risk.subject.id),
    );
    return c.json(pageOf(items, query), 200);
  });

  app.openapi(levelsRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    const query = c.req.valid('query');
    const subjects = setOf(query.subject);
    const items = securityLevelsOf(assessment).filter(
      (levels) => subjects === undefined || subjects.has(levels.subject.id),
    );
    return c.json(pageOf(items, query), 200);
  });

  app.openapi(requirementsRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    const query = c.req.valid('query');
    const subjects = setOf(query.subject);
    const items = assessment.requirements
      .filter((result) => subjects === undefined || subjects.has(result.subject.id))
      .map((result) => ({
        ...result,
        requirements: result.requirements.filter(
          (requirement) =>
            (query.status === undefined || requirement.status === query.status) &&
            (!isTrue(query.gapsOnly) || requirement.isGap),
        ),
      }));
    return c.json(pageOf(items, query), 200);
  });

  app.openapi(pathsRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    const query = c.req.valid('query');
    const accessPoints = setOf(query.accessPoint);
    const targets = setOf(query.target);
    const items = assessment.attackPaths.filter(
      (path) =>
        (accessPoints === undefined || accessPoints.has(path.accessPoint.id)) &&
        (targets === undefined || targets.has(path.target.id)) &&
        (!isTrue(query.weakestOnly) || path.isWeakest),
    );
    return c.json(pageOf(items, query), 200);
  });

  app.openapi(completenessRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    return c.json({ items: plain(assessment.completeness) }, 200);
  });

  app.openapi(crsRoute, async (c) => {
    const { assessment } = await assessed(c, c.req.valid('param').projectId);
    return c.json(plain(assessment.crs), 200);
  });

  app.openapi(gateRoute, async (c) => {
    const { assessment, revision } = await assessed(c, c.req.valid('param').projectId);
    const evaluated = evaluateGates(assessment, c.req.valid('query').failOn);
    if (!evaluated.ok)
      throw unprocessable(
        evaluated.diagnostics.map((diagnostic) => diagnostic.message).join(' '),
        presentDiagnostics(
          evaluated.diagnostics.map((d) => ({ ...d, path: ['query', 'failOn', ...d.path] })),
        ),
      );
    const gates = evaluated.value.map((result) => ({
      gate: result.gate,
      passed: result.failures.length === 0,
      failures: [...result.failures],
    }));
    return c.json(
      {
        passed: gates.every((gate) => gate.passed),
        revision,
        modelSha256: assessment.modelSha256,
        gates,
        failures: gates.flatMap((gate) => gate.failures.map((reason) => ({ gate: gate.gate, reason }))),
      },
      200,
    );
  });
};
