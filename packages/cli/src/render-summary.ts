import { FOUNDATIONAL_REQUIREMENTS, FR_INFO, formatVector, type Assessment } from '@zonewise/core';

const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

/** The terminal summary of an assessment: what an assessor reads first. Plain text, no colours. */
export const renderSummary = (assessment: Assessment): string => {
  const lines: string[] = [];
  const { counts, summary } = assessment;
  lines.push(`${assessment.system.name}`);
  lines.push(
    `  ${counts.assets} assets · ${counts.zones} zones · ${counts.conduits} conduits · ${counts.accessPoints} access points · ${counts.dataFlows} data flows · ${counts.scenarios} scenarios`,
  );
  lines.push(`  model sha256 ${assessment.modelSha256}`);
  lines.push('');

  lines.push('Initial risk (ZCR 2, ZCR 4)');
  if (assessment.systemInitialRisk) lines.push(`  SuC worst case: ${assessment.systemInitialRisk.band}`);
  for (const risk of assessment.initialRisk.filter((entry) => entry.subject.kind === 'zone')) {
    lines.push(
      `  ${pad(risk.subject.id, 28)} ${pad(risk.rating.band, 9)} ${risk.requiresDetailedAssessment ? 'detailed assessment required' : 'tolerable'}`,
    );
  }
  lines.push('');

  lines.push(`Threat scenarios (ZCR 5): ${assessment.scenarios.length}`);
  lines.push(
    `  above tolerable: unmitigated ${summary.scenariosAboveTolerable.unmitigated} · residual ${summary.scenariosAboveTolerable.residual} · with planned countermeasures ${summary.scenariosAboveTolerable.projected}`,
  );
  const worst = [...assessment.scenarios]
    .filter((scenario) => !scenario.residual.isTolerable)
    .sort((a, b) => b.residual.rank - a.residual.rank || (a.id < b.id ? -1 : 1))
    .slice(0, 8);
  for (const scenario of worst) {
    lines.push(`  ${pad(scenario.residual.band, 9)} ${scenario.id}: ${scenario.title}`);
  }
  lines.push('');

  lines.push(`SL-T (ZCR 5.6)  ${FOUNDATIONAL_REQUIREMENTS.map((fr) => FR_INFO[fr].abbreviation).join(' ')}`);
  for (const target of assessment.targets) {
    lines.push(
      `  ${pad(`${target.subject.kind} ${target.subject.id}`, 36)} ${formatVector(target.target)}  ${target.method}`,
    );
  }
  lines.push('');

  lines.push(`Requirements (ZCR 6): ${summary.requirementGaps} gaps`);
  for (const result of assessment.requirements.filter((entry) => entry.counts.gaps > 0).slice(0, 12)) {
    lines.push(
      `  ${pad(result.subject.id, 28)} ${result.counts.selected} selected, ${result.counts.satisfied} satisfied, ${result.counts.gaps} gaps; SL-A ${formatVector(result.achieved)}`,
    );
  }
  lines.push('');

  const severities = Object.entries(summary.findingsBySeverity)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
  lines.push(
    `Findings: ${assessment.findings.length}${severities ? ` (${severities})` : ''}, ${summary.openFindings} open`,
  );
  for (const finding of assessment.findings.filter((entry) => entry.status === 'open').slice(0, 15)) {
    lines.push(`  ${pad(finding.severity, 8)} ${finding.id}`);
    lines.push(`           ${finding.because}`);
  }
  if (summary.openFindings > 15)
    lines.push(`  … ${summary.openFindings - 15} more (zonewise assess --format json)`);
  lines.push('');

  if (assessment.attackPaths.length > 0) {
    lines.push('Weakest attack paths');
    for (const path of assessment.attackPaths.filter((entry) => entry.isWeakest).slice(0, 8)) {
      lines.push(
        `  ${path.accessPoint.id} → ${path.zones.map((zone) => zone.id).join(' → ')} (strength ${path.strength})`,
      );
    }
    lines.push('');
  }

  lines.push('Completeness');
  for (const step of assessment.completeness) {
    lines.push(
      `  ${step.isComplete ? '[x]' : '[ ]'} ${pad(step.step, 8)} ${step.title}${step.isComplete ? '' : ` (${step.missing.length} missing)`}`,
    );
  }
  lines.push('');
  lines.push(
    `Approval (ZCR 7): ${summary.hasValidApproval ? 'approved for this exact model' : assessment.approvals.some((state) => state.isStale) ? 'stale: the model changed after signing' : 'not approved'}`,
  );
  for (const warning of assessment.warnings) lines.push(`warning ${warning.code}: ${warning.message}`);
  return `${lines.join('\n')}\n`;
};
