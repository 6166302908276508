import type { Severity, StandardReference } from '../findings/finding';
import type {
  AccessPoint,
  Asset,
  Conduit,
  DataFlow,
  EntityRef,
  SecurityLevelVector,
  SystemModel,
  Zone,
} from '../model/system-model';

/** What each rule kind is checked against. `system` rules run once per model. */
export interface RuleSubjects {
  readonly zone: Zone;
  readonly conduit: Conduit;
  readonly asset: Asset;
  readonly 'data-flow': DataFlow;
  readonly 'access-point': AccessPoint;
}
export type RuleSubjectKind = keyof RuleSubjects;

/** A violation reported by a rule's check. */
export interface Violation {
  /** One sentence naming the entities involved. */
  readonly because: string;
  readonly evidence: readonly EntityRef[];
  /** Only when one subject can violate the rule more than once; becomes `#key` in the finding id. */
  readonly key?: string;
  /** Overrides the rule's default severity for this violation. */
  readonly severity?: Severity;
}

/**
 * A rule: a plain object whose fields are its documentation (rendered in reports, `zonewise explain` and
 * docs/rules.md) plus one small pure check function.
 */
export interface Rule<K extends RuleSubjectKind = RuleSubjectKind> {
  /** `<kind>/<what-is-wrong>`, kebab-case; permanent, never reused. */
  readonly id: string;
  readonly appliesTo: K;
  readonly title: string;
  readonly reference: StandardReference;
  readonly severity: Severity;
  readonly rationale: string;
  readonly detection: string;
  readonly remediation: string;
  readonly check: (
    subject: RuleSubjects[K],
    model: SystemModel,
    context: RuleContext,
  ) => readonly Violation[];
}

/** Derived facts a rule may read (computed once by the engine before rules run). */
export interface RuleContext {
  /** SL-T per zone or conduit id, when derived. */
  readonly targetOf: (id: string) => SecurityLevelVector | undefined;
  /** SL-T each FR would get from the scenarios alone, ignoring explicit targets. */
  readonly derivedTargetOf: (id: string) => SecurityLevelVector | undefined;
}

/** Identity helper that keeps the subject type of a rule inferred. */
export const defineRule = <K extends RuleSubjectKind>(rule: Rule<K>): Rule<K> => rule;

/** Any rule, whatever its subject kind. */
export type AnyRule = { [K in RuleSubjectKind]: Rule<K> }[RuleSubjectKind];
