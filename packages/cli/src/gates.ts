import { SEVERITIES, severityRank, type Assessment, type Severity } from '@zonewise/core';
import { CliError } from './exit-codes';

/** One `--fail-on` gate: a name and the reasons it fails (empty = passes). */
export interface GateResult {
  readonly gate: string;
  readonly failures: readonly string[];
}

const GATES: Readonly<Record<string, (assessment: Assessment, argument?: string) => readonly string[]>> = {
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

/** The gate names `--fail-on` accepts, for help and errors. */
export const GATE_NAMES = [
  'residual-above-tolerable',
  'unmitigated-above-tolerable',
  ...SEVERITIES.map((s) => `findings:${s}`),
  'requirement-gaps',
  'incomplete',
  'unapproved',
  'stale-approval',
];

/** Parses and evaluates a comma-separated `--fail-on` value. Unknown gates are a usage error (exit 2). */
export const evaluateGates = (assessment: Assessment, spec: string): readonly GateResult[] =>
  spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((gate) => {
      const [name = '', argument] = gate.split(':');
      const check = GATES[name];
      if (
        !check ||
        (name === 'findings' &&
          argument !== undefined &&
          !(SEVERITIES as readonly string[]).includes(argument))
      ) {
        throw new CliError(`--fail-on: unknown gate "${gate}"; use one of ${GATE_NAMES.join(', ')}.`);
      }
      return { gate, failures: check(assessment, argument) };
    });
