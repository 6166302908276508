import type { EntityRef, SystemModel } from '../model/system-model';
import { closestMatch } from '../resolve/closest-match';
import { warning, type Diagnostic } from '../resolve/diagnostic';
import { builtInRules } from '../rules/index';
import { isExternalFindingId } from './external-findings';
import type { AnyRule, RuleContext, RuleSubjectKind, RuleSubjects, Violation } from '../rules/rule';
import { severityRank, type Finding } from './finding';

type Subject = RuleSubjects[RuleSubjectKind];

const compareIds = (a: { readonly id: string }, b: { readonly id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const sortedById = <T extends { readonly id: string }>(list: readonly T[]): readonly T[] =>
  [...list].sort(compareIds);

/** Every kind's subjects, sorted by id once per run. */
const subjectsOf = (model: SystemModel): { readonly [K in RuleSubjectKind]: readonly RuleSubjects[K][] } => ({
  zone: sortedById(model.zones),
  conduit: sortedById(model.conduits),
  asset: sortedById(model.assets),
  'data-flow': sortedById(model.dataFlows),
  'access-point': sortedById(model.accessPoints),
});

type Report = (subject: Subject, violations: readonly Violation[]) => void;

/** Runs one rule over every subject of its kind, in id order, reporting each subject's violations. */
const checkAll = (
  rule: AnyRule,
  subjects: ReturnType<typeof subjectsOf>,
  model: SystemModel,
  context: RuleContext,
  report: Report,
): void => {
  switch (rule.appliesTo) {
    case 'zone':
      for (const subject of subjects.zone) report(subject, rule.check(subject, model, context));
      return;
    case 'conduit':
      for (const subject of subjects.conduit) report(subject, rule.check(subject, model, context));
      return;
    case 'asset':
      for (const subject of subjects.asset) report(subject, rule.check(subject, model, context));
      return;
    case 'data-flow':
      for (const subject of subjects['data-flow']) report(subject, rule.check(subject, model, context));
      return;
    case 'access-point':
      for (const subject of subjects['access-point']) report(subject, rule.check(subject, model, context));
      return;
  }
};

/** The stable finding id: `rule-id@subject-id`, plus `#key` when one subject can violate the rule more than once. */
export const findingId = (ruleId: string, subjectId: string, key?: string): string =>
  `${ruleId}@${subjectId}${key === undefined ? '' : `#${key}`}`;

/** Findings order: severity (highest first), then rule id, subject id and finding id. */
const compareFindings = (a: Finding, b: Finding): number =>
  severityRank(b.severity) - severityRank(a.severity) ||
  (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
  compareIds(a.subject, b.subject) ||
  compareIds(a, b);

/**
 * Runs rules over the model and returns their findings (IEC 62443-3-2 ZCR 3 and consistency checks). The engine
 * owns every order: subjects by id, rules in registry order, findings by severity, rule id and subject id, so the
 * result and the finding ids do not depend on input order. Triage entries in the model set each finding's status.
 * Throws when a rule reports two violations with the same id for one subject, a bug in that rule.
 */
export const runRules = (
  model: SystemModel,
  context: RuleContext,
  rules: readonly AnyRule[] = builtInRules,
): Finding[] => {
  const triage = new Map<string, SystemModel['triage'][number]>();
  for (const entry of model.triage) if (!triage.has(entry.finding)) triage.set(entry.finding, entry);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const subjects = subjectsOf(model);
  for (const rule of rules) {
    checkAll(rule, subjects, model, context, (subject, violations) => {
      if (violations.length === 0) return;
      const subjectRef: EntityRef = model.refOf(subject.id) ?? { kind: rule.appliesTo, id: subject.id };
      for (const violation of violations) {
        const id = findingId(rule.id, subject.id, violation.key);
        if (seen.has(id))
          throw new Error(`rule ${rule.id} reported finding ${id} twice; give each violation its own key`);
        seen.add(id);
        const decision = triage.get(id);
        findings.push({
          id,
          ruleId: rule.id,
          title: rule.title,
          severity: violation.severity ?? rule.severity,
          reference: rule.reference,
          subject: subjectRef,
          because: violation.because,
          evidence: violation.evidence,
          rationale: rule.rationale,
          remediation: rule.remediation,
          status: decision?.status ?? 'open',
          ...(decision ? { triageJustification: decision.justification } : {}),
        });
      }
    });
  }
  return findings.sort(compareFindings);
};

/**
 * Triage entries that match no finding, as warnings (code `orphan-triage`): the finding was fixed, renamed or the
 * id mistyped, and the decision no longer applies to anything. Like Threagile's orphan check. Entries for findings
 * of an external namespace (`drift/…`) are checked by the tool that produces those findings, not here.
 */
export const orphanTriage = (model: SystemModel, findings: readonly Finding[]): Diagnostic[] => {
  const ids = findings.map((finding) => finding.id);
  const known = new Set(ids);
  return model.triage.flatMap((entry, index) => {
    if (known.has(entry.finding) || isExternalFindingId(entry.finding)) return [];
    const hint = closestMatch(entry.finding, ids);
    return [
      warning(
        'orphan-triage',
        ['triage', index, 'finding'],
        `Triage entry for "${entry.finding}" matches no finding${hint ? `: did you mean "${hint}"?` : ': the finding is gone or the id is mistyped; remove or correct the entry.'}`,
      ),
    ];
  });
};
