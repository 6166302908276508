import type { LikelihoodFactor } from '../assessment/assessment';
import type { Fr } from '../catalogs/foundational-requirements';
import type { StandardReference } from '../findings/finding';
import type { SystemModel, ThreatScenario } from '../model/system-model';
import type { ThreatContext } from './threat-context';

/** A threat scenario a threat rule derived from the model, with the reason it applies (ZCR 5.1). */
export interface GeneratedScenario {
  readonly ruleId: string;
  /** The scenario in the same shape as one from the file; its id is `<rule id>@<subject id>[>target zone]`. */
  readonly scenario: ThreatScenario;
  /** One sentence naming the entities that make the rule apply. */
  readonly because: string;
  /** How the unmitigated likelihood was reached; the deltas add up to `scenario.likelihood`. */
  readonly likelihoodFactors: readonly LikelihoodFactor[];
}

/**
 * A threat rule: a plain object whose fields are its documentation plus one small pure function that decides where
 * the threat applies in a model and returns the scenarios (the same pattern as the partitioning rules in
 * `rules/rule.ts`). The engine owns ordering and de-duplication; a rule only generates.
 */
export interface ThreatRule {
  /** `threat/<what>`, kebab-case; permanent, never reused. */
  readonly id: string;
  readonly title: string;
  readonly reference: StandardReference;
  /** Why the threat matters; rendered in reports and `zonewise explain`. */
  readonly rationale: string;
  /** What the rule looks for in the model, in words. */
  readonly detection: string;
  /** The foundational requirements the attack exercises (IEC 62443-3-3 FR1 … FR7). */
  readonly frs: readonly Fr[];
  /** Default threat source id (catalogs/threat-sources.ts); its capability feeds the attacker-capability method. */
  readonly source: string;
  /** MITRE ATT&CK for ICS technique ids, e.g. T0866. */
  readonly techniques: readonly string[];
  /** Scenarios for this model; `context` is derived from the model when not given. */
  readonly generate: (model: SystemModel, context?: ThreatContext) => readonly GeneratedScenario[];
}

/** Identity helper that documents a threat rule's shape at its definition. */
export const defineThreatRule = (rule: ThreatRule): ThreatRule => rule;
