import type { Finding } from '../../findings/finding';
import { runRules } from '../../findings/run-rules';
import type { SecurityLevelVector, SystemModel } from '../../model/system-model';
import type { SystemFileInput } from '../../schema/system-file';
import { uniformVector } from '../../security-levels/security-level-vector';
import type { SecurityLevel } from '../../catalogs/security-levels';
import { aSystem, resolveOrThrow } from '../../testing/builders';
import { explicitTargetContext } from '../explicit-target-context';
import type { AnyRule, RuleContext } from '../rule';

/** Helpers for rule tests: a builder model, a stub context from explicit targets, and one rule run through the engine. */

/** The default builder system with some collections replaced, resolved. */
export const modelWith = (overrides: Partial<SystemFileInput> = {}): SystemModel =>
  resolveOrThrow(aSystem(overrides));

/** A stub rule context: targets are the explicit zone/conduit targets; derived targets may be given per id. */
export const stubContext = (
  model: SystemModel,
  derived: Readonly<Record<string, SecurityLevelVector>> = {},
): RuleContext => {
  const explicit = explicitTargetContext(model);
  return { targetOf: explicit.targetOf, derivedTargetOf: (id) => derived[id] ?? explicit.targetOf(id) };
};

/** An explicit SL-T for a zone or conduit in a builder file. */
export const target = (level: SecurityLevel | readonly number[]) => ({
  levels: typeof level === 'number' ? level : [...level],
  justification: 'Set by the test.',
});

/** A uniform vector, re-exported for short test tables. */
export const vector = (level: SecurityLevel): SecurityLevelVector => uniformVector(level);

/** Runs one rule through the engine. */
export const fire = (
  rule: AnyRule,
  model: SystemModel,
  context: RuleContext = stubContext(model),
): Finding[] => runRules(model, context, [rule]);

/** What rule tests assert: rule id, subject id, evidence ids (and severity/key where they vary). */
export const outline = (findings: readonly Finding[]) =>
  findings.map((finding) => ({
    ruleId: finding.ruleId,
    subject: finding.subject.id,
    evidence: finding.evidence.map((ref) => ref.id),
  }));
