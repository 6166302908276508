import {
  formatVector,
  type Assessment,
  type EntityRef,
  type FindingStatus,
  type RequirementState,
  type RequirementsResult,
  type RiskRating,
  type ScenarioAssessment,
  type SecurityLevelVector,
  type Severity,
  type SystemModel,
  type TargetLevels,
} from '@zonewise/core';
import {
  badge,
  code,
  joinInline,
  note,
  text,
  type Block,
  type Inline,
  type InlineContent,
  type Tone,
} from './document-model';
import type { AnchorRegistry } from './escape';
import { fullListInline, subjectSetKey, type FullListSource, type ReportSizeLimits } from './report-size';
import { bandTone } from './svg/risk-bands';

/** Which document is being built: the full assessment report or the CRS on its own. */
export type ReportDocumentKind = 'full' | 'crs';

/** Everything a section builder needs: the model, the results, lookups and the document's anchors. */
export interface ReportContext {
  readonly model: SystemModel;
  readonly assessment: Assessment;
  readonly kind: ReportDocumentKind;
  readonly generatedAt: string;
  readonly anchors: AnchorRegistry;
  /** Results by subject (`kind:id`), so that large models do not pay a scan per lookup. */
  readonly index: ReportIndex;
  /** The size rule's limits (`ReportOptions.limits` over the defaults). */
  readonly limits: ReportSizeLimits;
  /**
   * Zones and conduits that get their own sub-sections (`subjectSetKey`); `all` when they are within
   * `limits.subjectSections`.
   */
  readonly detailedSubjects: ReadonlySet<string> | 'all';
}

/** Lookups of the engine's per-subject results. */
export interface ReportIndex {
  readonly targets: ReadonlyMap<string, TargetLevels>;
  readonly requirements: ReadonlyMap<string, RequirementsResult>;
  readonly scenarios: ReadonlyMap<string, readonly ScenarioAssessment[]>;
}

const subjectKey = (subject: EntityRef): string => `${subject.kind}\u0000${subject.id}`;

/** Indexes the results of an assessment by subject; the first entry wins when a subject repeats. */
export const indexAssessment = (assessment: Assessment): ReportIndex => {
  const targets = new Map<string, TargetLevels>();
  for (const target of assessment.targets)
    if (!targets.has(subjectKey(target.subject))) targets.set(subjectKey(target.subject), target);
  const requirements = new Map<string, RequirementsResult>();
  for (const result of assessment.requirements) {
    if (!requirements.has(subjectKey(result.subject))) requirements.set(subjectKey(result.subject), result);
  }
  const scenarios = new Map<string, ScenarioAssessment[]>();
  for (const scenario of assessment.scenarios) {
    const key = subjectKey(scenario.subject);
    scenarios.set(key, [...(scenarios.get(key) ?? []), scenario]);
  }
  return { targets, requirements, scenarios };
};

const SEVERITY_TONES: Readonly<Record<Severity, Tone>> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  info: 'info',
};

const REQUIREMENT_STATES: Readonly<
  Record<RequirementState, { readonly label: string; readonly tone: Tone }>
> = {
  met: { label: 'Met', tone: 'ok' },
  compensated: { label: 'Compensated', tone: 'ok' },
  'not-applicable': { label: 'Not applicable', tone: 'neutral' },
  partial: { label: 'Partial', tone: 'medium' },
  open: { label: 'Open', tone: 'medium' },
  'not-met': { label: 'Not met', tone: 'high' },
};

const FINDING_STATES: Readonly<Record<FindingStatus, { readonly label: string; readonly tone: Tone }>> = {
  open: { label: 'Open', tone: 'neutral' },
  accepted: { label: 'Accepted', tone: 'info' },
  'false-positive': { label: 'False positive', tone: 'neutral' },
  mitigated: { label: 'Mitigated', tone: 'ok' },
};

/** "Critical", "High", … with the tone of the same name. */
export const severityBadge = (severity: Severity): Inline =>
  badge(severity.charAt(0).toUpperCase() + severity.slice(1), SEVERITY_TONES[severity]);

/** Badge for a requirement state. */
export const requirementStateBadge = (state: RequirementState): Inline =>
  badge(REQUIREMENT_STATES[state].label, REQUIREMENT_STATES[state].tone);

/** Badge for a finding's triage state. */
export const findingStatusBadge = (status: FindingStatus): Inline =>
  badge(FINDING_STATES[status].label, FINDING_STATES[status].tone);

/** "Yes" / "No" as plain text. */
export const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');

/** The SL vector in the standard's notation, in monospace. */
export const vectorInline = (vector: SecurityLevelVector | undefined): InlineContent =>
  vector === undefined ? [text('not known')] : [code(formatVector(vector))];

/** A label for a band id, from the risk criteria. */
export const bandLabel = (context: ReportContext, bandId: string): string =>
  context.model.riskCriteria.bands.find((band) => band.id === bandId)?.label ?? bandId;

/** A risk band badge; the tone follows the band's rank so badges and heat maps agree. */
export const bandBadge = (context: ReportContext, bandId: string): Inline => {
  const bands = context.model.riskCriteria.bands;
  const band = bands.find((entry) => entry.id === bandId);
  return badge(band?.label ?? bandId, band ? bandTone(band.rank, bands.length) : 'neutral');
};

/** A rating as "badge L4 × I3". */
export const ratingInline = (context: ReportContext, rating: RiskRating): InlineContent => [
  bandBadge(context, rating.band),
  text(` L${rating.likelihood}×I${rating.impact}`),
];

/** The name of an entity when the model knows it, else its id. */
export const nameOf = (context: ReportContext, id: string): string => {
  const model = context.model;
  return (
    model.zone(id)?.name ??
    model.conduit(id)?.name ??
    model.asset(id)?.name ??
    model.accessPoint(id)?.name ??
    model.countermeasure(id)?.title ??
    model.refOf(id)?.name ??
    id
  );
};

/** "Name (id)" for prose; just the id when the name is the id. */
export const refName = (context: ReportContext, ref: EntityRef | string): string => {
  const id = typeof ref === 'string' ? ref : ref.id;
  const name = typeof ref === 'string' ? nameOf(context, id) : (ref.name ?? nameOf(context, id));
  return name === id ? id : `${name} (${id})`;
};

/** Entity ids in monospace, comma-separated. */
export const idsInline = (refs: readonly (EntityRef | string)[]): InlineContent =>
  joinInline(refs.map((ref) => [code(typeof ref === 'string' ? ref : ref.id)]));

const KIND_LABELS: Readonly<Partial<Record<EntityRef['kind'], string>>> = {
  system: 'System',
  asset: 'Asset',
  zone: 'Zone',
  conduit: 'Conduit',
  'access-point': 'Access point',
  'data-flow': 'Data flow',
  'threat-scenario': 'Threat scenario',
  vulnerability: 'Vulnerability',
  countermeasure: 'Countermeasure',
  approval: 'Approval',
  'threat-source': 'Threat source',
};

/** "Zone" / "Conduit" / … for headings; the raw kind for kinds this version does not know. */
export const kindLabel = (ref: EntityRef): string => KIND_LABELS[ref.kind] ?? ref.kind;

/** The zones and conduits the report walks, zones first, each in the engine's (id) order. */
export const subjectsOf = (context: ReportContext): readonly EntityRef[] => {
  const seen = new Set<string>();
  const refs: EntityRef[] = [];
  const add = (ref: EntityRef): void => {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    refs.push(ref);
  };
  for (const zone of context.model.zones) add({ kind: 'zone', id: zone.id, name: zone.name });
  for (const conduit of context.model.conduits) add({ kind: 'conduit', id: conduit.id, name: conduit.name });
  for (const target of context.assessment.targets) add(target.subject);
  for (const result of context.assessment.requirements) add(result.subject);
  return refs;
};

/** SL-T result of a zone or conduit. */
export const targetOf = (context: ReportContext, subject: EntityRef): TargetLevels | undefined =>
  context.index.targets.get(subjectKey(subject));

/** Requirement result of a zone or conduit. */
export const requirementsOf = (context: ReportContext, subject: EntityRef): RequirementsResult | undefined =>
  context.index.requirements.get(subjectKey(subject));

/** Scenarios assessed in a zone or conduit, in the engine's order. */
export const scenariosIn = (context: ReportContext, subject: EntityRef): readonly ScenarioAssessment[] =>
  context.index.scenarios.get(subjectKey(subject)) ?? [];

/** The name of an impact category. */
export const impactCategoryName = (context: ReportContext, categoryId: string): string =>
  context.model.riskCriteria.impactCategories.find((category) => category.id === categoryId)?.name ??
  categoryId;

/** The description of one impact level of a category, when the criteria have one. */
export const impactLevelText = (
  context: ReportContext,
  categoryId: string,
  level: number,
): string | undefined =>
  context.model.riskCriteria.impactCategories.find((category) => category.id === categoryId)?.levels[
    level - 1
  ];

/** Consequences as "Production 4, Product quality 3", worst first. */
export const consequencesText = (
  context: ReportContext,
  consequences: Readonly<Record<string, number>>,
): string =>
  Object.entries(consequences)
    .sort(([a, levelA], [b, levelB]) => levelB - levelA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, level]) => `${impactCategoryName(context, category)} ${level}`)
    .join(', ');

/** Anchor of a report part about one subject (`part` names the part: risk, crs, compliance). */
export const subjectAnchor = (context: ReportContext, part: string, subject: EntityRef): string =>
  context.anchors.anchor(
    `${part}\u0000${subject.kind}\u0000${subject.id}`,
    `${part}-${subject.kind}`,
    subject.id,
  );

/** Orders ratings highest first. */
export const byRiskDescending = (a: RiskRating, b: RiskRating): number =>
  b.rank - a.rank || b.impact - a.impact || b.likelihood - a.likelihood;

/** Whether a zone or conduit has its own sub-sections (detailed risk, compliance matrix, CRS characteristics). */
export const hasOwnSections = (context: ReportContext, subject: EntityRef): boolean =>
  context.detailedSubjects === 'all' || context.detailedSubjects.has(subjectSetKey(subject));

/**
 * The zones and conduits that keep their own sub-sections when there are more than `limits.subjectSections`: the
 * most relevant by worst residual risk of their scenarios, then requirement gaps, then initial risk, then the
 * report's order. `all` when they fit.
 */
export const selectDetailedSubjects = (
  context: Omit<ReportContext, 'detailedSubjects'>,
): ReadonlySet<string> | 'all' => {
  const subjects = subjectsOf(context as ReportContext);
  if (subjects.length <= context.limits.subjectSections) return 'all';
  const initial = new Map<string, number>();
  for (const risk of context.assessment.initialRisk) initial.set(subjectKey(risk.subject), risk.rating.rank);
  const ranked = subjects.map((subject, order) => {
    const key = subjectKey(subject);
    const residual = (context.index.scenarios.get(key) ?? []).reduce(
      (worst, scenario) => Math.max(worst, scenario.residual.rank),
      -1,
    );
    return {
      subject,
      order,
      residual,
      gaps: context.index.requirements.get(key)?.counts.gaps ?? 0,
      initial: initial.get(key) ?? -1,
    };
  });
  ranked.sort(
    (a, b) => b.residual - a.residual || b.gaps - a.gaps || b.initial - a.initial || a.order - b.order,
  );
  return new Set(
    ranked.slice(0, context.limits.subjectSections).map((entry) => subjectSetKey(entry.subject)),
  );
};

/**
 * The note of a section whose per-subject sub-sections the size rule cut down: how many zones and conduits are
 * shown, how they were chosen and where the rest is. Empty when every subject has its sub-sections.
 */
export const subjectsLeftOutNote = (
  context: ReportContext,
  subjectCount: number,
  source: FullListSource,
): Block[] =>
  context.detailedSubjects === 'all'
    ? []
    : [
        note(
          'info',
          text(
            `${subjectCount} zones and conduits, more than the ${context.limits.subjectSections} this report details: the sub-sections below cover the ${context.detailedSubjects.size} with the highest residual risk, then the most requirement gaps, then the highest initial risk; for all of them, `,
          ),
          ...fullListInline(source),
          text('.'),
        ),
      ];
