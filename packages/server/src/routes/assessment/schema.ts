import { z } from '@hono/zod-openapi';
import { SEVERITIES } from '@zonewise/core';
import { DiagnosticSchema, PagingQuerySchema, pageOf } from '../schemas';

/** A reference to an entity of the model. */
const EntityRefSchema = z
  .object({ kind: z.string(), id: z.string(), name: z.string().optional() })
  .openapi('EntityRef');

/** An SL vector: one level 0–4 per foundational requirement FR1–FR7. */
const VectorSchema = z
  .record(z.string(), z.number().int())
  .openapi('SecurityLevelVector', { example: { FR1: 2, FR2: 2, FR3: 1, FR4: 1, FR5: 2, FR6: 1, FR7: 1 } });

/** A risk rating: likelihood × impact → band. */
const RiskRatingSchema = z
  .object({
    likelihood: z.number(),
    impact: z.number(),
    band: z.string(),
    rank: z.number().int().openapi({ description: 'Band index, 0 = lowest' }),
    isTolerable: z.boolean(),
  })
  .openapi('RiskRating');

/** Counts of ratings per risk band, lowest band first. */
const BandCountsSchema = z.array(
  z.object({ band: z.string(), label: z.string(), count: z.number().int(), isTolerable: z.boolean() }),
);

/** Completeness of one ZCR step. */
export const StepCompletenessSchema = z
  .object({
    step: z.string(),
    title: z.string(),
    reference: z.object({ standard: z.string(), clause: z.string() }),
    isComplete: z.boolean(),
    missing: z.array(z.string()),
  })
  .openapi('StepCompleteness');

/** The assessment summary, or the diagnostics that stop the model from resolving. */
export const AssessmentSummarySchema = z
  .object({
    status: z.enum(['assessed', 'invalid']),
    revision: z.number().int().openapi({ description: 'The project revision assessed' }),
    diagnostics: z
      .array(DiagnosticSchema)
      .openapi({ description: 'Why the model does not resolve (status invalid)' }),
    warnings: z.array(DiagnosticSchema),
    modelSha256: z
      .string()
      .optional()
      .openapi({ description: 'SHA-256 of the canonical model (what approvals sign)' }),
    engineVersion: z.string().optional(),
    system: z.object({ name: z.string(), id: z.string().optional() }).optional(),
    counts: z.record(z.string(), z.number().int()).optional(),
    summary: z
      .object({
        scenariosAboveTolerable: z.object({
          unmitigated: z.number(),
          residual: z.number(),
          projected: z.number(),
        }),
        findingsBySeverity: z.record(z.string(), z.number()),
        openFindings: z.number(),
        requirementGaps: z.number(),
        isComplete: z.boolean(),
        hasValidApproval: z.boolean(),
      })
      .optional(),
    systemInitialRisk: RiskRatingSchema.optional(),
    riskBands: z
      .object({
        initial: BandCountsSchema,
        unmitigated: BandCountsSchema,
        residual: BandCountsSchema,
        projected: BandCountsSchema,
      })
      .optional()
      .openapi({ description: 'Initial risk per zone/conduit and scenario risk per band' }),
    completeness: z.array(StepCompletenessSchema).optional(),
  })
  .openapi('AssessmentSummary');

/** One finding (a rule violation) with its triage status. */
export const FindingSchema = z
  .looseObject({
    id: z.string().openapi({ description: 'rule-id@subject-id[#key], stable across runs' }),
    ruleId: z.string(),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    reference: z.object({ standard: z.string(), clause: z.string() }),
    subject: EntityRefSchema,
    because: z.string(),
    evidence: z.array(EntityRefSchema),
    rationale: z.string(),
    remediation: z.string(),
    status: z.enum(['open', 'accepted', 'false-positive', 'mitigated']),
    triageJustification: z.string().optional(),
  })
  .openapi('Finding');

/** One threat scenario with its unmitigated, residual and projected risk (ZCR 5). */
export const ScenarioSchema = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    origin: z.object({ kind: z.enum(['file', 'rule']) }),
    subject: EntityRefSchema.openapi({ description: 'The zone or conduit it is assessed in' }),
    targets: z.array(EntityRefSchema),
    frs: z.array(z.string()),
    consequences: z.record(z.string(), z.number()),
    unmitigated: RiskRatingSchema,
    existingCountermeasures: z.array(EntityRefSchema),
    residual: RiskRatingSchema,
    plannedCountermeasures: z.array(EntityRefSchema),
    projected: RiskRatingSchema,
    securityLevel: z.number().int(),
    securityLevelReason: z.string(),
    suggestedRequirements: z.array(z.string()),
  })
  .openapi('ThreatScenarioAssessment');

/** Worst-case initial risk of one zone or conduit (ZCR 2, 4). */
export const InitialRiskSchema = z
  .object({
    subject: EntityRefSchema,
    rating: RiskRatingSchema,
    impacts: z.record(z.string(), z.number()),
    drivers: z.array(EntityRefSchema),
    requiresDetailedAssessment: z.boolean(),
  })
  .openapi('InitialRisk');

/** SL-T, SL-C and SL-A of one zone or conduit, with the reason for each FR of SL-T. */
export const SecurityLevelsSchema = z
  .object({
    subject: EntityRefSchema,
    method: z.string(),
    target: VectorSchema,
    derived: VectorSchema,
    reasons: z.array(
      z.object({
        fr: z.string(),
        level: z.number().int(),
        basis: z.string(),
        sources: z.array(z.string()),
        text: z.string(),
      }),
    ),
    justification: z.string().optional(),
    capability: VectorSchema.optional().openapi({ description: 'SL-C: weakest declared capability per FR' }),
    achieved: VectorSchema.optional().openapi({ description: 'SL-A' }),
    achievedBasis: z.enum(['declared', 'derived']).optional(),
  })
  .openapi('SecurityLevels');

/** The requirements SL-T selects in one zone or conduit, their status and the gaps (ZCR 6). */
export const RequirementsResultSchema = z
  .looseObject({
    subject: EntityRefSchema,
    target: VectorSchema,
    capability: VectorSchema.optional(),
    achieved: VectorSchema,
    achievedBasis: z.enum(['declared', 'derived']),
    requirements: z.array(
      z.object({
        requirement: z.object({ id: z.string(), fr: z.string() }),
        status: z.enum(['met', 'partial', 'not-met', 'compensated', 'not-applicable', 'open']),
        basis: z.string(),
        countermeasures: z.array(EntityRefSchema),
        isGap: z.boolean(),
      }),
    ),
    counts: z.object({
      selected: z.number(),
      satisfied: z.number(),
      gaps: z.number(),
      srs: z.number(),
      res: z.number(),
    }),
  })
  .openapi('RequirementsResult');

/** One attack path from an access point to a zone with critical assets. */
export const AttackPathSchema = z
  .object({
    id: z.string(),
    accessPoint: EntityRefSchema,
    target: EntityRefSchema,
    zones: z.array(EntityRefSchema),
    conduits: z.array(EntityRefSchema),
    strength: z.number(),
    unprotectedConduits: z.array(EntityRefSchema),
    isWeakest: z.boolean(),
    targetImpact: z.number(),
  })
  .openapi('AttackPath');

/** The CRS (ZCR 6): characteristics a–n per zone and conduit, assumptions, threat environment, policies. */
export const CrsSchema = z
  .looseObject({
    system: z.object({ name: z.string() }),
    characteristics: z.array(z.object({ subject: EntityRefSchema, a_identifier: z.string() })),
    operatingEnvironmentAssumptions: z.array(z.string()),
    policies: z.array(z.object({ id: z.string(), title: z.string() })),
    tolerableRisk: z.object({ band: z.string(), label: z.string() }),
  })
  .openapi('Crs');

/** The gate result a CI pipeline reads. */
export const GateResultSchema = z
  .object({
    passed: z.boolean(),
    revision: z.number().int(),
    modelSha256: z.string(),
    gates: z.array(z.object({ gate: z.string(), passed: z.boolean(), failures: z.array(z.string()) })),
    failures: z
      .array(z.object({ gate: z.string(), reason: z.string() }))
      .openapi({ description: 'Every failure of every gate' }),
  })
  .openapi('GateResult');

const idList = z.string().max(10_000).optional();

/** Filters of `…/assessment/findings`. */
export const FindingsQuerySchema = PagingQuerySchema.extend({
  severity: z.enum(SEVERITIES).optional().openapi({ description: 'This severity or worse' }),
  rule: idList.openapi({ description: 'Rule ids, comma-separated' }),
  subject: idList.openapi({ description: 'Subject entity ids, comma-separated' }),
  status: z
    .enum(['open', 'accepted', 'false-positive', 'mitigated'])
    .optional()
    .openapi({ description: 'Triage status' }),
});

/** Filters of `…/assessment/risks`. */
export const RisksQuerySchema = PagingQuerySchema.extend({
  rating: z
    .enum(['unmitigated', 'residual', 'projected'])
    .default('residual')
    .openapi({ description: 'Which rating `band` and `aboveTolerable` look at' }),
  band: idList.openapi({ description: 'Risk band ids, comma-separated' }),
  aboveTolerable: z.enum(['true', 'false']).optional(),
  subject: idList.openapi({ description: 'Zone or conduit ids, comma-separated' }),
});

/** Filters by subject (zone or conduit ids). */
export const SubjectQuerySchema = PagingQuerySchema.extend({
  subject: idList.openapi({ description: 'Zone or conduit ids, comma-separated' }),
});

/** Filters of `…/assessment/requirements`. */
export const RequirementsQuerySchema = SubjectQuerySchema.extend({
  status: z
    .enum(['met', 'partial', 'not-met', 'compensated', 'not-applicable', 'open'])
    .optional()
    .openapi({ description: 'Only requirements with this status' }),
  gapsOnly: z.enum(['true', 'false']).optional().openapi({ description: 'Only requirements that are gaps' }),
});

/** Filters of `…/assessment/attack-paths`. */
export const AttackPathsQuerySchema = PagingQuerySchema.extend({
  accessPoint: idList.openapi({ description: 'Access point ids, comma-separated' }),
  target: idList.openapi({ description: 'Target zone ids, comma-separated' }),
  weakestOnly: z.enum(['true', 'false']).optional(),
});

/** `?failOn=` of the gate. */
export const GateQuerySchema = z.object({
  failOn: z.string().min(1).max(2000).openapi({
    description: 'Gates, comma-separated, as the CLI --fail-on',
    example: 'residual-above-tolerable,findings:high',
  }),
});

/** Page schemas of the result lists. */
export const FindingPageSchema = pageOf(FindingSchema, 'FindingPage');
export const ScenarioPageSchema = pageOf(ScenarioSchema, 'ScenarioPage');
export const SecurityLevelsPageSchema = pageOf(SecurityLevelsSchema, 'SecurityLevelsPage');
export const RequirementsPageSchema = pageOf(RequirementsResultSchema, 'RequirementsPage');
export const AttackPathPageSchema = pageOf(AttackPathSchema, 'AttackPathPage');
