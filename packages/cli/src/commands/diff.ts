import { composeModelDiff, formatVector, type ModelDiff } from '@zonewise/core';
import { assess } from '../engine';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';

/** The diff as text: model changes first, then what they changed in the results. */
export const renderDiffText = (diff: ModelDiff, beforeName: string, afterName: string): string => {
  const lines: string[] = [`${beforeName} → ${afterName}`];
  const { entities, results } = diff;
  if (!diff.modelSha256.isChanged) {
    lines.push('No change to the model (same canonical SHA-256).');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `model sha256 ${diff.modelSha256.before.slice(0, 12)} → ${diff.modelSha256.after.slice(0, 12)}`,
    '',
  );
  lines.push(
    `Model: ${entities.counts.added} added, ${entities.counts.removed} removed, ${entities.counts.changed} changed`,
  );
  for (const change of entities.changes) {
    const sign = change.change === 'added' ? '+' : change.change === 'removed' ? '-' : '~';
    lines.push(
      `  ${sign} ${change.kind} ${change.id}${change.name ? ` (${change.name})` : ''}${change.fields.length > 0 ? `: ${change.fields.join(', ')}` : ''}`,
    );
  }
  lines.push('');
  lines.push('Results');
  for (const finding of results.findings.added)
    lines.push(`  + finding ${finding.severity} ${finding.id}: ${finding.because}`);
  for (const finding of results.findings.resolved)
    lines.push(`  - finding ${finding.severity} ${finding.id} (resolved)`);
  for (const change of results.findings.statusChanges)
    lines.push(`  ~ finding ${change.id}: ${change.before} → ${change.after}`);
  for (const { subject, change } of results.initialRisk)
    lines.push(
      `  ~ initial risk ${subject.id}: ${change.before} → ${change.after}${change.isWorse ? ' (worse)' : ''}`,
    );
  for (const scenario of results.scenarios.added)
    lines.push(
      `  + scenario ${scenario.id}: unmitigated ${scenario.unmitigated}, residual ${scenario.residual}`,
    );
  for (const scenario of results.scenarios.removed) lines.push(`  - scenario ${scenario.id}`);
  for (const scenario of results.scenarios.changed) {
    const parts = [
      scenario.unmitigated
        ? `unmitigated ${scenario.unmitigated.before} → ${scenario.unmitigated.after}`
        : '',
      scenario.residual ? `residual ${scenario.residual.before} → ${scenario.residual.after}` : '',
    ].filter((part) => part !== '');
    lines.push(`  ~ scenario ${scenario.id}: ${parts.join(', ')}`);
  }
  for (const target of results.targets) {
    lines.push(
      `  ~ SL-T ${target.subject.kind} ${target.subject.id}: ${target.before ? formatVector(target.before) : 'none'} → ${target.after ? formatVector(target.after) : 'none'} (${target.frs.join(', ')})`,
    );
  }
  for (const requirement of results.requirements) {
    const parts = [
      requirement.added.length > 0
        ? `+${requirement.added.length} (${requirement.added.slice(0, 6).join(', ')}${requirement.added.length > 6 ? ', …' : ''})`
        : '',
      requirement.removed.length > 0
        ? `-${requirement.removed.length} (${requirement.removed.slice(0, 6).join(', ')}${requirement.removed.length > 6 ? ', …' : ''})`
        : '',
      requirement.statusChanges.length > 0 ? `${requirement.statusChanges.length} status change(s)` : '',
    ].filter((part) => part !== '');
    lines.push(`  ~ requirements ${requirement.subject.id}: ${parts.join('; ')}`);
  }
  for (const approval of results.approvals)
    lines.push(`  ~ approval ${approval.id} by ${approval.approver}: ${approval.before} → ${approval.after}`);
  return `${lines.join('\n')}\n`;
};

/** `zonewise diff <old> <new>`: entity changes and their effect on findings, risk, SL-T, requirements, approvals. */
export const diffCommand = (
  io: CliIo,
  beforePath: string,
  afterPath: string,
  options: { readonly format: 'text' | 'json' },
): number => {
  const before = loadAssessment(io, beforePath);
  const after = loadAssessment(io, afterPath);
  const failed = [before, after].flatMap((outcome) => (outcome.ok ? [] : outcome.diagnostics));
  if (!before.ok || !after.ok) {
    printDiagnostics(io, failed);
    return EXIT.invalidInput;
  }
  const diff = composeModelDiff(
    { model: before.model, assessment: assess(before.model) },
    { model: after.model, assessment: assess(after.model) },
  );
  io.stdout(
    options.format === 'json'
      ? `${JSON.stringify(diff, null, 2)}\n`
      : renderDiffText(diff, beforePath, afterPath),
  );
  return EXIT.ok;
};
