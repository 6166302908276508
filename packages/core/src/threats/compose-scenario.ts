import type { LikelihoodFactor } from '../assessment/assessment';
import type { Asset, SystemModel, ThreatScenario, Vulnerability } from '../model/system-model';
import { clampLikelihood, likelihoodDelta } from '../risk/likelihood-scale';
import { refTo } from '../risk/ref-to';
import { exploitableVulnerabilitiesOf } from './exploitable-vulnerabilities';
import { worstConsequences } from '../risk/worst-consequences';
import type { ScenarioApproach } from './threat-context';
import type { GeneratedScenario, ThreatRule } from './threat-rule';

/** CVSS base score from which a vulnerability raises the likelihood of scenarios against its asset. */
export const CRITICAL_CVSS_SCORE = 9;

/** What a threat rule decides about one scenario; the rest follows from the model. */
export interface ScenarioParts {
  /** The entity the scenario is keyed on (after `@` in the id). */
  readonly subjectId: string;
  /** The target zone, when the rule yields one scenario per target zone (after `>` in the id). */
  readonly targetZoneId?: string;
  readonly title: string;
  /** The zone or conduit the scenario is assessed in. */
  readonly assessedIn: string;
  readonly entryPoint?: string;
  readonly targets: readonly Asset[];
  readonly because: string;
  readonly approach: ScenarioApproach;
}

/** The scenario id: `<rule id>@<subject id>`, plus `>target zone` when one rule yields one per target. */
export const generatedScenarioId = (ruleId: string, subjectId: string, targetZoneId?: string): string =>
  `${ruleId}@${subjectId}${targetZoneId === undefined ? '' : `>${targetZoneId}`}`;

const byId = (a: { readonly id: string }, b: { readonly id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Unmitigated likelihood of a generated scenario (ZCR 5.4), step by step: the base of its approach, one step less
 * likely per conduit beyond the first, one step more likely when a target has a known-exploited vulnerability and
 * one more when a target has a vulnerability with CVSS ≥ 9, held within the scale. Each step is a factor with its
 * evidence; the deltas add up to the result.
 */
export const estimateLikelihood = (
  model: SystemModel,
  approach: ScenarioApproach,
  vulnerabilities: readonly Vulnerability[],
): { readonly likelihood: number; readonly factors: readonly LikelihoodFactor[] } => {
  const criteria = model.riskCriteria;
  const factors: LikelihoodFactor[] = [
    { label: approach.basis.label, delta: approach.basis.level, evidence: approach.basis.evidence },
  ];
  if (approach.hops > 1) {
    factors.push({
      label: `${approach.hops} conduits to cross: one step less likely per conduit beyond the first`,
      delta: likelihoodDelta(criteria, -(approach.hops - 1)),
      evidence: approach.conduits.map((id) => refTo(model, 'conduit', id)),
    });
  }
  const knownExploited = vulnerabilities.filter((vulnerability) => vulnerability.isKnownExploited === true);
  if (knownExploited.length > 0) {
    factors.push({
      label: 'A target has a known-exploited vulnerability',
      delta: likelihoodDelta(criteria, 1),
      evidence: knownExploited.map((vulnerability) => refTo(model, 'vulnerability', vulnerability.id)),
    });
  }
  const critical = vulnerabilities.filter(
    (vulnerability) => (vulnerability.cvss?.score ?? 0) >= CRITICAL_CVSS_SCORE,
  );
  if (critical.length > 0) {
    factors.push({
      label: `A target has a vulnerability with CVSS ≥ ${CRITICAL_CVSS_SCORE}`,
      delta: likelihoodDelta(criteria, 1),
      evidence: critical.map((vulnerability) => refTo(model, 'vulnerability', vulnerability.id)),
    });
  }
  const raw = factors.reduce((sum, factor) => sum + factor.delta, 0);
  const likelihood = clampLikelihood(criteria, raw);
  if (likelihood !== raw)
    factors.push({ label: 'Held within the likelihood scale', delta: likelihood - raw });
  return { likelihood, factors };
};

/**
 * Turns a rule's decision into a generated scenario: deterministic id, targets sorted, impact as the worst
 * criticality per category of the targets (ZCR 5.3), the targets' vulnerabilities that are still exploitable (ZCR
 * 5.2: not remediated, not "not affected") and the likelihood
 * with its factors (ZCR 5.4).
 */
export const composeScenario = (
  model: SystemModel,
  rule: ThreatRule,
  parts: ScenarioParts,
): GeneratedScenario => {
  const targets = [...parts.targets].sort(byId);
  const vulnerabilities = [
    ...new Map(
      targets
        .flatMap((asset) => exploitableVulnerabilitiesOf(model, asset.id))
        .map((vulnerability) => [vulnerability.id, vulnerability]),
    ).values(),
  ].sort(byId);
  const { likelihood, factors } = estimateLikelihood(model, parts.approach, vulnerabilities);
  const scenario: ThreatScenario = {
    id: generatedScenarioId(rule.id, parts.subjectId, parts.targetZoneId),
    title: parts.title,
    description: parts.because,
    source: rule.source,
    ...(parts.entryPoint === undefined ? {} : { entryPoint: parts.entryPoint }),
    zone: parts.assessedIn,
    targets: targets.map((asset) => asset.id),
    techniques: [...rule.techniques],
    vulnerabilities: vulnerabilities.map((vulnerability) => vulnerability.id),
    consequences: worstConsequences(targets),
    likelihood,
    frs: [...rule.frs],
  };
  return { ruleId: rule.id, scenario, because: parts.because, likelihoodFactors: factors };
};
