import type { LikelihoodFactor, ScenarioAssessment, ScenarioOrigin } from '../assessment/assessment';
import { FOUNDATIONAL_REQUIREMENTS, type Fr } from '../catalogs/foundational-requirements';
import type { SecurityLevel } from '../catalogs/security-levels';
import { normaliseRequirementId } from '../catalogs/system-requirements';
import type {
  Countermeasure,
  EntityRef,
  RiskCriteria,
  SystemModel,
  ThreatScenario,
} from '../model/system-model';
import { selectRequirements } from '../requirements/select-requirements';
import { vectorFrom } from '../security-levels/security-level-vector';
import { generateScenarios } from '../threats/generate-scenarios';
import type { GeneratedScenario } from '../threats/threat-rule';
import { clampLikelihood, lessLikely, shiftLikelihood } from './likelihood-scale';
import { refTo } from './ref-to';
import { rateRisk, worstImpact } from './risk-matrix';
import { deriveSubjectAssets, type SubjectAssets } from './subject-assets';
import { worstConsequences } from './worst-consequences';

/** A scenario ready to be assessed: from the file or from a threat rule, with how its likelihood came about. */
export interface ScenarioCandidate {
  readonly scenario: ThreatScenario;
  readonly origin: ScenarioOrigin;
  readonly likelihoodFactors: readonly LikelihoodFactor[];
}

const byId = (a: { readonly id: string }, b: { readonly id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
const SATISFIED_STATUSES = new Set(['met', 'compensated', 'not-applicable']);

/** A file scenario as a candidate: its likelihood is the team's rating, one factor. */
export const fileScenarioCandidate = (model: SystemModel, scenario: ThreatScenario): ScenarioCandidate => ({
  scenario,
  origin: { kind: 'file' },
  likelihoodFactors: [
    {
      label: 'Unmitigated likelihood rated in the assessment file',
      delta: clampLikelihood(model.riskCriteria, scenario.likelihood),
      evidence: [refTo(model, 'threat-scenario', scenario.id)],
    },
  ],
});

/** A generated scenario as a candidate. */
export const generatedScenarioCandidate = (generated: GeneratedScenario): ScenarioCandidate => ({
  scenario: generated.scenario,
  origin: { kind: 'rule', ruleId: generated.ruleId },
  likelihoodFactors: generated.likelihoodFactors,
});

/**
 * The zone or conduit a scenario is assessed in: its `zone`; else the zone (or conduit) of its first target; else
 * its entry point's zone; else the SuC as a whole.
 */
const subjectOf = (model: SystemModel, scenario: ThreatScenario): EntityRef => {
  if (scenario.zone !== undefined)
    return refTo(model, model.conduit(scenario.zone) ? 'conduit' : 'zone', scenario.zone);
  for (const targetId of [...(scenario.targets ?? [])].sort()) {
    const holder = model.zoneOf(targetId) ?? model.conduitOf(targetId);
    if (holder) return refTo(model, model.conduit(holder.id) ? 'conduit' : 'zone', holder.id);
  }
  const entryZone =
    scenario.entryPoint === undefined ? undefined : model.accessPoint(scenario.entryPoint)?.zone;
  if (entryZone !== undefined) return refTo(model, 'zone', entryZone);
  return { kind: 'system', id: model.system.id ?? 'system', name: model.system.name };
};

const sum = (
  countermeasures: readonly Countermeasure[],
  key: 'likelihoodReduction' | 'impactReduction',
): number => countermeasures.reduce((total, countermeasure) => total + countermeasure[key], 0);

const bandLabel = (criteria: RiskCriteria, rank: number): string =>
  criteria.bands[rank]?.label ?? String(rank);

/** Model facts every scenario assessment reads, derived once per model. */
export interface ScenarioFacts {
  readonly subjectAssets: SubjectAssets;
  /** Requirement ids the file marks met, compensated or not applicable, per zone or conduit. */
  readonly settledRequirements: (subjectId: string) => ReadonlySet<string>;
  /** Ids of the requirements the given FRs select at one level (others at 0), in catalog order. */
  readonly requirementsAt: (frs: readonly Fr[], level: SecurityLevel) => readonly string[];
}

/** Derives the facts for `assessScenario` once per model. */
export const deriveScenarioFacts = (model: SystemModel): ScenarioFacts => {
  const settled = new Map<string, Set<string>>();
  for (const entry of model.requirementStatus) {
    if (!SATISFIED_STATUSES.has(entry.status)) continue;
    const ids = settled.get(entry.subject) ?? new Set<string>();
    ids.add(normaliseRequirementId(entry.requirement));
    settled.set(entry.subject, ids);
  }
  const none: ReadonlySet<string> = new Set();
  const selections = new Map<string, readonly string[]>();
  const requirementsAt = (frs: readonly Fr[], level: SecurityLevel): readonly string[] => {
    const key = `${frs.join(',')}|${level}`;
    const cached = selections.get(key);
    if (cached) return cached;
    const ids = selectRequirements(vectorFrom((fr) => (frs.includes(fr) ? level : 0))).map(
      (requirement) => requirement.id,
    );
    selections.set(key, ids);
    return ids;
  };
  return {
    subjectAssets: deriveSubjectAssets(model),
    settledRequirements: (id) => settled.get(id) ?? none,
    requirementsAt,
  };
};

/**
 * Assesses one scenario (IEC 62443-3-2 ZCR 5.1–5.12): unmitigated risk from its likelihood and the worst impact
 * over its consequences (from the file, else the targets' criticality, else the subject's assets); existing
 * countermeasures credited (listed on the scenario, or applying to its zone, entry point or a target) lower the
 * likelihood and impact to the residual risk, unless the file re-rates the residual likelihood; planned ones give
 * the projected risk. The SL it asks for follows the criteria's method; when the residual risk is not tolerable,
 * the requirements of its FRs at that SL that no credited countermeasure lists (and the file does not mark
 * met, compensated or not applicable for its subject) are suggested.
 */
export const assessScenario = (
  model: SystemModel,
  candidate: ScenarioCandidate,
  facts: ScenarioFacts = deriveScenarioFacts(model),
): ScenarioAssessment => {
  const criteria = model.riskCriteria;
  const { scenario } = candidate;
  const subject = subjectOf(model, scenario);
  const targetIds = [...new Set(scenario.targets ?? [])].sort();
  const targets = targetIds.map((id) => model.asset(id)).filter((asset) => asset !== undefined);

  const consequences =
    scenario.consequences ??
    worstConsequences(targets.length > 0 ? targets : facts.subjectAssets(subject.id));
  const unmitigated = rateRisk(criteria, scenario.likelihood, worstImpact(consequences));

  const credited = new Map<string, Countermeasure>();
  for (const id of scenario.countermeasures ?? []) {
    const countermeasure = model.countermeasure(id);
    if (countermeasure) credited.set(countermeasure.id, countermeasure);
  }
  const related = [
    subject.id,
    ...(scenario.entryPoint === undefined ? [] : [scenario.entryPoint]),
    ...targetIds,
  ];
  for (const id of related)
    for (const countermeasure of model.countermeasuresFor(id))
      credited.set(countermeasure.id, countermeasure);
  const all = [...credited.values()].sort(byId);
  const existing = all.filter((countermeasure) => countermeasure.status === 'existing');
  const planned = all.filter((countermeasure) => countermeasure.status === 'planned');

  const residualLikelihood =
    scenario.residualLikelihood === undefined
      ? shiftLikelihood(criteria, unmitigated.likelihood, -sum(existing, 'likelihoodReduction'))
      : lessLikely(criteria, clampLikelihood(criteria, scenario.residualLikelihood), unmitigated.likelihood);
  const residual = rateRisk(
    criteria,
    residualLikelihood,
    Math.max(1, unmitigated.impact - sum(existing, 'impactReduction')),
  );
  const projected = rateRisk(
    criteria,
    shiftLikelihood(criteria, residual.likelihood, -sum(planned, 'likelihoodReduction')),
    Math.max(1, residual.impact - sum(planned, 'impactReduction')),
  );

  const source = model.threatSource(scenario.source);
  if (!source) throw new Error(`scenario ${scenario.id} names unknown threat source ${scenario.source}`);
  const frs: readonly Fr[] = scenario.frs.length > 0 ? scenario.frs : FOUNDATIONAL_REQUIREMENTS;
  const { method, floor } = criteria.securityLevelTarget;
  let securityLevel: SecurityLevel;
  let securityLevelReason: string;
  if (method === 'risk-band') {
    securityLevel = criteria.bands[unmitigated.rank]?.securityLevel ?? floor;
    securityLevelReason =
      `Unmitigated risk ${bandLabel(criteria, unmitigated.rank)} (likelihood ${unmitigated.likelihood} × impact ` +
      `${unmitigated.impact}) asks for SL ${securityLevel} by the risk-band method.`;
  } else if (unmitigated.isTolerable) {
    securityLevel = source.capability < floor ? source.capability : floor;
    securityLevelReason =
      `Threat source "${source.name}" has capability SL ${source.capability}, but the unmitigated risk ` +
      `(${bandLabel(criteria, unmitigated.rank)}) is already tolerable, so it asks for no more than the floor (SL ${floor}).`;
  } else {
    securityLevel = source.capability;
    securityLevelReason = `Threat source "${source.name}" has capability SL ${source.capability} (attacker-capability method).`;
  }
  if (scenario.frs.length === 0) securityLevelReason += ' No FRs are named, so it applies to all seven.';

  const settled = facts.settledRequirements(subject.id);
  const listed = new Set(
    existing.flatMap((countermeasure) => (countermeasure.requirements ?? []).map(normaliseRequirementId)),
  );
  const suggestedRequirements = residual.isTolerable
    ? []
    : facts.requirementsAt(frs, securityLevel).filter((id) => !settled.has(id) && !listed.has(id));

  return {
    id: scenario.id,
    title: scenario.title,
    origin: candidate.origin,
    source: { kind: 'threat-source', id: source.id, name: source.name, capability: source.capability },
    ...(scenario.entryPoint === undefined
      ? {}
      : { entryPoint: refTo(model, 'access-point', scenario.entryPoint) }),
    subject,
    targets: targetIds.map((id) => refTo(model, 'asset', id)),
    techniques: [...(scenario.techniques ?? [])],
    vulnerabilities: [...new Set(scenario.vulnerabilities ?? [])]
      .sort()
      .map((id) => refTo(model, 'vulnerability', id)),
    frs: [...frs],
    consequences,
    ...(scenario.consequenceReference === undefined
      ? {}
      : { consequenceReference: scenario.consequenceReference }),
    likelihoodFactors: candidate.likelihoodFactors,
    unmitigated,
    existingCountermeasures: existing.map((countermeasure) =>
      refTo(model, 'countermeasure', countermeasure.id),
    ),
    residual,
    plannedCountermeasures: planned.map((countermeasure) =>
      refTo(model, 'countermeasure', countermeasure.id),
    ),
    projected,
    securityLevel,
    securityLevelReason,
    suggestedRequirements,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
  };
};

/**
 * Assesses the file's scenarios and the generated ones (ZCR 5.1–5.12), sorted by id. Generated scenarios default
 * to the built-in threat rules' output for the model.
 */
export const assessScenarios = (
  model: SystemModel,
  generated: readonly GeneratedScenario[] = generateScenarios(model),
): readonly ScenarioAssessment[] => {
  const facts = deriveScenarioFacts(model);
  const candidates = [
    ...model.threatScenarios.map((scenario) => fileScenarioCandidate(model, scenario)),
    ...generated.map(generatedScenarioCandidate),
  ];
  return candidates.map((candidate) => assessScenario(model, candidate, facts)).sort(byId);
};
