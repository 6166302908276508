import type { Assessment } from '../assessment/assessment';
import { SEVERITIES, severityRank, type Severity } from '../findings/finding';
import { error, type Diagnostic, type Resolved } from '../resolve/diagnostic';

/** One gate's outcome: its name as asked for and the reasons it fails (empty = passes). */
export interface GateResult {
  readonly gate: string;
  readonly failures: readonly string[];
}

type GateCheck = (assessment: Assessment, argument?: string) => readonly string[];

const GATES: Readonly<Record<string, GateCheck>> = {
  'residual-above-tolerable': (assessment) =>
    assessment.scenarios
      .filter((scenario) => !scenario.residual.isTolerable)
      .map(
        (scenario) => `scenario ${scenario.id}: residual risk ${scenario.residual.band} is above tolerable`,
      ),
  'unmitigated-above-tolerable': (assessment) =>
    assessment.scenarios
      .filter((scenario) => !scenario.unmitigated.isTolerable)
      .map(
        (scenario) =>
          `scenario ${scenario.id}: unmitigated risk ${scenario.unmitigated.band} is above tolerable`,
      ),
  findings: (assessment, argument = 'high') => {
    const threshold = severityRank(argument as Severity);
    return assessment.findings
      .filter((finding) => finding.status === 'open' && severityRank(finding.severity) >= threshold)
      .map((finding) => `${finding.severity} ${finding.id}`);
  },
  'requirement-gaps': (assessment) =>
    assessment.requirements.flatMap((result) =>
      result.requirements
        .filter((requirement) => requirement.isGap)
        .map((requirement) => `${result.subject.id}: ${requirement.requirement.id} is ${requirement.status}`),
    ),
  incomplete: (assessment) =>
    assessment.completeness
      .filter((step) => !step.isComplete)
      .map((step) => `${step.step} ${step.title}: ${step.missing.length} item(s) missing`),
  unapproved: (assessment) =>
    assessment.summary.hasValidApproval ? [] : ['no valid "approved" signature on this model (ZCR 7)'],
  'stale-approval': (assessment) =>
    assessment.approvals
      .filter((state) => state.isStale)
      .map(
        (state) =>
          `approval ${state.approval.id} by ${state.approval.approver} is stale: the model changed since it was signed`,
      ),
};

/**
 * Every gate a pipeline may fail on (`findings` also takes a severity: `findings:high` fails on open findings of
 * that severity or worse). The CLI's `--fail-on` and the server's gate endpoint accept the same names.
 */
export const GATE_NAMES: readonly string[] = [
  'residual-above-tolerable',
  'unmitigated-above-tolerable',
  ...SEVERITIES.map((severity) => `findings:${severity}`),
  'requirement-gaps',
  'incomplete',
  'unapproved',
  'stale-approval',
];

const isKnownGate = (name: string, argument: string | undefined): boolean =>
  Object.hasOwn(GATES, name) &&
  (argument === undefined
    ? true
    : name === 'findings' && (SEVERITIES as readonly string[]).includes(argument));

/**
 * Evaluates a comma-separated gate list (`residual-above-tolerable,findings:high`) on an assessment, so CI can
 * block a change that makes the assessment worse. Unknown gates are `unknown-gate` diagnostics (path = index in
 * the list), all reported at once; nothing is evaluated then.
 */
export const evaluateGates = (assessment: Assessment, spec: string): Resolved<readonly GateResult[]> => {
  const gates = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const unknown: Diagnostic[] = [];
  for (const [index, gate] of gates.entries()) {
    const [name = '', argument] = gate.split(':');
    if (!isKnownGate(name, argument))
      unknown.push(
        error('unknown-gate', [index], `unknown gate "${gate}"; use one of ${GATE_NAMES.join(', ')}.`),
      );
  }
  if (unknown.length > 0) return { ok: false, diagnostics: unknown };
  const results = gates.map((gate): GateResult => {
    const [name = '', argument] = gate.split(':');
    const check = GATES[name] as GateCheck;
    return { gate, failures: check(assessment, argument) };
  });
  return { ok: true, value: results, warnings: [] };
};
