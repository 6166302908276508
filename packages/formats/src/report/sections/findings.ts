import { SEVERITIES, severityRank } from '@zonewise/core';
import { cell, code, keyValues, paragraph, section, text, type Block, type Section } from '../document-model';
import {
  findingStatusBadge,
  idsInline,
  kindLabel,
  severityBadge,
  type ReportContext,
} from '../report-context';
import { isOverLimit, sizedTable, topItems } from '../report-size';
import { bySeverityDescending } from './zones-and-conduits';

/** All findings: a register, then each finding with its reason, evidence, rationale and remedy. */
export const findingsSection = (context: ReportContext): Section => {
  const findings = context.assessment.findings;
  const bySeverity = [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a));
  const blocks: Block[] = [
    paragraph(
      'Findings come from the partitioning and consistency rules. Each has a stable id (rule@subject) so that triage decisions survive re-assessment.',
    ),
    keyValues(
      bySeverity.map((severity) => [
        severity.charAt(0).toUpperCase() + severity.slice(1),
        String(context.assessment.summary.findingsBySeverity[severity] ?? 0),
      ]),
    ),
    ...sizedTable(context.limits, {
      columns: ['Severity', 'Finding', 'Title', 'Clause', 'Subject', 'Status'],
      items: findings,
      scope: 'model',
      what: 'findings',
      rank: bySeverityDescending,
      rankedBy: 'most severe first',
      groups: [
        { label: 'Rule', key: (finding) => finding.ruleId },
        { label: 'Status', key: (finding) => finding.status },
      ],
      fullList: { kind: 'results', field: 'findings' },
      caption: 'Findings register',
      emptyText: 'No findings.',
      row: (finding) => [
        [severityBadge(finding.severity)],
        [code(finding.id)],
        cell(finding.title),
        cell(`${finding.reference.standard} ${finding.reference.clause}`),
        [text(`${kindLabel(finding.subject)} `), code(finding.subject.id)],
        [findingStatusBadge(finding.status)],
      ],
    }),
  ];
  // Above the size limit only the findings the register shows get their details.
  const detailed = isOverLimit(context.limits, 'model', findings.length)
    ? topItems(findings, context.limits.topRows, bySeverityDescending)
    : findings;
  for (const finding of detailed) {
    blocks.push(
      keyValues([
        ['Finding', [severityBadge(finding.severity), text(' '), code(finding.id)]],
        ['Title', finding.title],
        ['Because', finding.because],
        ['Evidence', idsInline(finding.evidence)],
        ['Why it matters', finding.rationale],
        ['Remedy', finding.remediation],
        ['Status', [findingStatusBadge(finding.status)]],
        ['Triage justification', finding.triageJustification],
      ]),
    );
  }
  return section('findings', 'Findings', blocks);
};
