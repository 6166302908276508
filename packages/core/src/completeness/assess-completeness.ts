import type {
  ApprovalState,
  InitialRisk,
  RequirementsResult,
  ScenarioAssessment,
  StepCompleteness,
  TargetLevels,
} from '../assessment/assessment';
import type { Finding } from '../findings/finding';
import type { Asset, EntityRef, SystemModel } from '../model/system-model';

/** What completeness is judged on: the model and the results the engine derived from it. */
export interface CompletenessInput {
  readonly model: SystemModel;
  readonly findings: readonly Finding[];
  readonly initialRisk: readonly InitialRisk[];
  readonly scenarios: readonly ScenarioAssessment[];
  readonly targets: readonly TargetLevels[];
  readonly requirements: readonly RequirementsResult[];
  readonly approvals: readonly ApprovalState[];
}

/** The steps reported, in workflow order (IEC 62443-3-2 ZCR 1–7); ZCR 5 sub-steps are grouped. */
export const COMPLETENESS_STEPS = [
  { step: 'ZCR 1.1', title: 'Identify the SuC perimeter and access points' },
  { step: 'ZCR 2.1', title: 'Initial cyber security risk assessment' },
  { step: 'ZCR 3.1', title: 'Establish zones and conduits' },
  { step: 'ZCR 3.2', title: 'Separate business and IACS assets' },
  { step: 'ZCR 3.3', title: 'Separate safety-related assets' },
  { step: 'ZCR 3.4', title: 'Separate temporarily connected devices' },
  { step: 'ZCR 3.5', title: 'Separate wireless devices' },
  { step: 'ZCR 3.6', title: 'Separate devices connected via external networks' },
  { step: 'ZCR 4.1', title: 'Compare initial risk to tolerable risk' },
  { step: 'ZCR 5.1-5.5', title: 'Threats, vulnerabilities, consequences, likelihood and unmitigated risk' },
  { step: 'ZCR 5.6', title: 'Determine SL-T' },
  { step: 'ZCR 5.7-5.11', title: 'Existing countermeasures and residual risk' },
  { step: 'ZCR 5.12', title: 'Identify additional countermeasures' },
  { step: 'ZCR 5.13', title: 'Document and communicate results' },
  { step: 'ZCR 6.1', title: 'Cyber security requirements specification' },
  { step: 'ZCR 6.2', title: 'SuC description' },
  { step: 'ZCR 6.3', title: 'Zone and conduit drawings' },
  { step: 'ZCR 6.4', title: 'Zone and conduit characteristics' },
  { step: 'ZCR 6.5', title: 'Operating environment assumptions' },
  { step: 'ZCR 6.6', title: 'Threat environment' },
  { step: 'ZCR 6.7', title: 'Organisational security policies' },
  { step: 'ZCR 6.8', title: 'Tolerable risk' },
  { step: 'ZCR 6.9', title: 'Regulatory requirements' },
  { step: 'ZCR 7.1', title: 'Asset owner approval' },
] as const;

/** Id of a completeness step, e.g. "ZCR 5.1-5.5". */
export type CompletenessStepId = (typeof COMPLETENESS_STEPS)[number]['step'];

const ZCR_3_STEPS = ['ZCR 3.1', 'ZCR 3.2', 'ZCR 3.3', 'ZCR 3.4', 'ZCR 3.5', 'ZCR 3.6'] as const;

const name = (ref: Pick<EntityRef, 'kind' | 'id'>): string => `${ref.kind.replace(/-/g, ' ')} "${ref.id}"`;

const isEmpty = (list: readonly unknown[] | undefined): boolean => list === undefined || list.length === 0;

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** In-scope assets placed in neither a zone nor a conduit. */
const unassignedAssets = (model: SystemModel): readonly Asset[] =>
  model.assets.filter(
    (asset) =>
      asset.isInScope && model.zoneOf(asset.id) === undefined && model.conduitOf(asset.id) === undefined,
  );

const perimeter = (model: SystemModel): string[] => {
  const missing: string[] = [];
  const boundary = model.system.boundary;
  if (isBlank(boundary?.logical) && isBlank(boundary?.physical)) {
    missing.push('system: no SuC boundary (logical or physical) described');
  }
  if (model.accessPoints.length === 0) missing.push('system: no access point listed');
  for (const asset of unassignedAssets(model))
    missing.push(`${name({ kind: 'asset', id: asset.id })}: not assigned to a zone`);
  return missing;
};

const initialAssessment = (input: CompletenessInput): string[] => {
  const { model } = input;
  const assessed = new Set(input.initialRisk.map((risk) => risk.subject.id));
  return [
    ...model.assets
      .filter((asset) => asset.isInScope && asset.worstImpact === 0)
      .map((asset) => `${name({ kind: 'asset', id: asset.id })}: no consequence rating (criticality)`),
    ...model.zones
      .filter((zone) => !assessed.has(zone.id))
      .map((zone) => `${name({ kind: 'zone', id: zone.id })}: no initial risk`),
  ];
};

/** Open findings of the rules that check one ZCR 3 clause. */
const partition = (input: CompletenessInput, clause: string): string[] => {
  const missing = input.findings
    .filter((finding) => finding.status === 'open' && finding.reference.clause === clause)
    .sort((a, b) => compareText(a.id, b.id))
    .map((finding) => `${name(finding.subject)}: ${finding.title} (${finding.ruleId})`);
  if (clause === 'ZCR 3.1' && input.model.zones.length === 0) missing.unshift('system: no zone defined');
  return missing;
};

const riskComparison = (input: CompletenessInput): string[] => {
  const compared = new Set(input.initialRisk.map((risk) => risk.subject.id));
  return [
    ...input.model.zones
      .filter((zone) => !compared.has(zone.id))
      .map((zone) => ({ kind: 'zone' as const, id: zone.id })),
    ...input.model.conduits
      .filter((conduit) => !compared.has(conduit.id))
      .map((conduit) => ({ kind: 'conduit' as const, id: conduit.id })),
  ].map((ref) => `${name(ref)}: initial risk not compared with tolerable risk`);
};

interface DetailedScope {
  /** Zones and conduits that ZCR 4.1 sends to the detailed assessment, in zone-then-conduit id order. */
  readonly subjects: readonly EntityRef[];
  /** Scenarios assessed in those subjects, by id. */
  readonly scenarios: readonly ScenarioAssessment[];
}

const detailedScope = (input: CompletenessInput): DetailedScope => {
  const subjects = input.initialRisk
    .filter((risk) => risk.requiresDetailedAssessment)
    .map((risk) => risk.subject)
    .sort((a, b) => Number(a.kind !== 'zone') - Number(b.kind !== 'zone') || compareText(a.id, b.id));
  const ids = new Set(subjects.map((subject) => subject.id));
  const scenarios = input.scenarios
    .filter((scenario) => ids.has(scenario.subject.id))
    .sort((a, b) => compareText(a.id, b.id));
  return { subjects, scenarios };
};

const threatsAndRisk = (scope: DetailedScope): string[] => {
  const withScenario = new Set(scope.scenarios.map((scenario) => scenario.subject.id));
  return [
    ...scope.subjects
      .filter((subject) => !withScenario.has(subject.id))
      .map(
        (subject) => `${name(subject)}: requires a detailed assessment (ZCR 4.1) but has no threat scenario`,
      ),
    ...scope.scenarios
      .filter((scenario) => Object.keys(scenario.consequences).length === 0)
      .map((scenario) => `${name({ kind: 'threat-scenario', id: scenario.id })}: no consequence rating`),
  ];
};

const targetLevels = (input: CompletenessInput, scope: DetailedScope): string[] => {
  const targeted = new Set(input.targets.map((levels) => levels.subject.id));
  return scope.subjects
    .filter((subject) => !targeted.has(subject.id))
    .map((subject) => `${name(subject)}: no SL-T`);
};

const existingCountermeasures = (scope: DetailedScope): string[] =>
  scope.scenarios
    .filter((scenario) => !scenario.unmitigated.isTolerable && scenario.existingCountermeasures.length === 0)
    .map(
      (scenario) =>
        `${name({ kind: 'threat-scenario', id: scenario.id })}: unmitigated risk "${scenario.unmitigated.band}" above tolerable and no existing countermeasure evaluated`,
    );

const additionalCountermeasures = (scope: DetailedScope): string[] =>
  scope.scenarios
    .filter((scenario) => !scenario.residual.isTolerable && !scenario.projected.isTolerable)
    .map(
      (scenario) =>
        `${name({ kind: 'threat-scenario', id: scenario.id })}: residual risk "${scenario.residual.band}" above tolerable and ${
          scenario.plannedCountermeasures.length === 0
            ? 'no planned countermeasure'
            : 'the planned countermeasures do not bring it to tolerable'
        }`,
    );

const documentation = (model: SystemModel): string[] => {
  const info = model.assessment;
  const missing: string[] = [];
  if (isEmpty(info.team)) missing.push('assessment: no team (participants) recorded');
  if (isEmpty(info.sessions)) missing.push('assessment: no sessions recorded');
  if (isBlank(info.date)) missing.push('assessment: no date');
  if (isBlank(info.confidentiality)) missing.push('assessment: no confidentiality classification');
  if (isEmpty(model.system.references)) missing.push('system: no references (PHA/HAZOP, drawings) recorded');
  return missing;
};

const sucDescription = (model: SystemModel): string[] => {
  const missing: string[] = [];
  if (isBlank(model.system.description)) missing.push('system: no description');
  if (isBlank(model.system.intendedUse)) missing.push('system: no intended use');
  if (isBlank(model.system.equipmentUnderControl)) missing.push('system: no equipment under control');
  return missing;
};

const drawings = (model: SystemModel): string[] => [
  ...(model.zones.length === 0 ? ['system: no zone defined'] : []),
  ...unassignedAssets(model).map(
    (asset) => `${name({ kind: 'asset', id: asset.id })}: not assigned to a zone or conduit`,
  ),
];

const characteristics = (input: CompletenessInput): string[] => {
  const { model } = input;
  const targeted = new Set(input.targets.map((levels) => levels.subject.id));
  const derived = new Set(input.requirements.map((result) => result.subject.id));
  const missing: string[] = [];
  const common = (ref: EntityRef, organisation: string | undefined): void => {
    if (!targeted.has(ref.id)) missing.push(`${name(ref)}: no SL-T (CRS k)`);
    if (!derived.has(ref.id)) missing.push(`${name(ref)}: no requirements derived (CRS l)`);
    if (isBlank(organisation)) missing.push(`${name(ref)}: no accountable organisation (CRS b)`);
  };
  for (const zone of model.zones) {
    const ref: EntityRef = { kind: 'zone', id: zone.id };
    common(ref, zone.organisation);
    if (isBlank(zone.boundary?.logical)) missing.push(`${name(ref)}: no logical boundary (CRS c)`);
  }
  for (const conduit of model.conduits) {
    const ref: EntityRef = { kind: 'conduit', id: conduit.id };
    common(ref, conduit.organisation);
    if (conduit.channels.length === 0) missing.push(`${name(ref)}: no channels (CRS c)`);
  }
  return missing;
};

const tolerableRisk = (model: SystemModel): string[] =>
  model.riskCriteria.isDefault
    ? [
        "risk criteria: the built-in defaults are used; record the asset owner's risk matrix and tolerable risk",
      ]
    : [];

const approval = (approvals: readonly ApprovalState[]): string[] => {
  if (approvals.some((state) => !state.isStale && state.approval.meaning === 'approved')) return [];
  if (approvals.length === 0) return ['approval: none recorded'];
  return approvals.map((state) =>
    state.isStale
      ? `${name({ kind: 'approval', id: state.approval.id })}: stale (it approved a different model)`
      : `${name({ kind: 'approval', id: state.approval.id })}: reviewed, not approved`,
  );
};

/**
 * Completeness of every ZCR step (IEC 62443-3-2 ZCR 1–7), each with a concrete list of what is missing. ZCR 3.x is
 * complete when no open finding of that clause's rules remains; ZCR 5.1–5.12 look only at the zones and conduits
 * that ZCR 4.1 sends to a detailed assessment; ZCR 6.1 is complete when 6.2–6.9 are; ZCR 7.1 needs a current
 * approval with the meaning "approved". Vulnerabilities (ZCR 5.2) are not required, since a zone may have none.
 */
export const assessCompleteness = (input: CompletenessInput): readonly StepCompleteness[] => {
  const { model } = input;
  const scope = detailedScope(input);
  const missingByStep = new Map<CompletenessStepId, readonly string[]>([
    ['ZCR 1.1', perimeter(model)],
    ['ZCR 2.1', initialAssessment(input)],
    ...ZCR_3_STEPS.map((step) => [step, partition(input, step)] as const),
    ['ZCR 4.1', riskComparison(input)],
    ['ZCR 5.1-5.5', threatsAndRisk(scope)],
    ['ZCR 5.6', targetLevels(input, scope)],
    ['ZCR 5.7-5.11', existingCountermeasures(scope)],
    ['ZCR 5.12', additionalCountermeasures(scope)],
    ['ZCR 5.13', documentation(model)],
    ['ZCR 6.2', sucDescription(model)],
    ['ZCR 6.3', drawings(model)],
    ['ZCR 6.4', characteristics(input)],
    ['ZCR 6.5', isEmpty(model.system.assumptions) ? ['system: no operating-environment assumptions'] : []],
    [
      'ZCR 6.6',
      isBlank(model.system.threatEnvironment?.description) && isEmpty(model.system.threatEnvironment?.sources)
        ? ['system: no threat environment described']
        : [],
    ],
    ['ZCR 6.7', isEmpty(model.system.policies) ? ['system: no organisational security policies'] : []],
    ['ZCR 6.8', tolerableRisk(model)],
    ['ZCR 6.9', isEmpty(model.system.regulations) ? ['system: no regulatory requirements'] : []],
    ['ZCR 7.1', approval(input.approvals)],
  ]);
  const crsParts = COMPLETENESS_STEPS.filter(({ step }) => step.startsWith('ZCR 6.') && step !== 'ZCR 6.1');
  missingByStep.set(
    'ZCR 6.1',
    crsParts
      .filter(({ step }) => (missingByStep.get(step)?.length ?? 0) > 0)
      .map(({ step, title }) => `${step} (${title}): incomplete`),
  );
  return COMPLETENESS_STEPS.map(({ step, title }) => {
    const missing = missingByStep.get(step) ?? [];
    return {
      step,
      title,
      reference: { standard: 'IEC 62443-3-2', clause: step },
      isComplete: missing.length === 0,
      missing,
    };
  });
};
