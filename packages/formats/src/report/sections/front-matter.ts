import { SEVERITIES, severityRank, type ScenarioAssessment } from '@zonewise/core';
import {
  badge,
  cell,
  code,
  codeCell,
  keyValues,
  link,
  list,
  note,
  paragraph,
  section,
  strong,
  table,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import {
  bandBadge,
  bandLabel,
  byRiskDescending,
  impactCategoryName,
  impactLevelText,
  refName,
  type ReportContext,
} from '../report-context';
import { heatMapFigure } from './figures';

/** Approvals with their validity: an approval of another model version is stale (ZCR 7.1). */
export const approvalsTable = (context: ReportContext): Block =>
  table(
    ['Approver', 'Role', 'Meaning', 'Signed at', 'Approved model (SHA-256)', 'Status'],
    context.assessment.approvals.map(({ approval, isStale }) => [
      cell(approval.approver),
      cell(approval.role),
      cell(approval.meaning === 'approved' ? 'Approved' : 'Reviewed'),
      cell(approval.signedAt),
      [code(approval.modelSha256)],
      [isStale ? badge('Stale: model changed since signing', 'high') : badge('Valid', 'ok')],
    ]),
    { caption: 'Approvals (ZCR 7)', emptyText: 'Not yet approved.' },
  );

/** Document control: identity of the document, revisions, approvals, team and references (ZCR 5.13). */
export const documentControlSection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const info = model.assessment;
  return section('document-control', 'Document control', [
    keyValues([
      ['Document', info.documentId],
      ['Title', info.title],
      ['Version', info.version],
      ['Date', info.date],
      ['Classification', info.confidentiality],
      [
        'System under consideration',
        model.system.id ? `${model.system.name} (${model.system.id})` : model.system.name,
      ],
      ['Generated at', context.generatedAt],
      ['Engine version', assessment.engineVersion],
      ['Model SHA-256', [code(assessment.modelSha256)]],
    ]),
    table(
      ['Version', 'Date', 'Author', 'Change'],
      (info.revisions ?? []).map((revision) => [
        cell(revision.version),
        cell(revision.date),
        cell(revision.author),
        cell(revision.change),
      ]),
      { caption: 'Revisions', emptyText: 'No revisions recorded.' },
    ),
    approvalsTable(context),
    table(
      ['Name', 'Role', 'Organisation'],
      (info.team ?? []).map((member) => [cell(member.name), cell(member.role), cell(member.organisation)]),
      { caption: 'Assessment team', emptyText: 'No team recorded.' },
    ),
    table(
      ['Date', 'Topic', 'Participants'],
      (info.sessions ?? []).map((session) => [
        cell(session.date),
        cell(session.topic),
        cell((session.participants ?? []).join(', ')),
      ]),
      { caption: 'Assessment sessions', emptyText: 'No sessions recorded.' },
    ),
    table(
      ['Reference', 'Title', 'Description', 'Location'],
      (model.system.references ?? []).map((reference) => [
        codeCell(reference.id),
        cell(reference.title),
        cell(reference.description),
        codeCell(reference.url),
      ]),
      { caption: 'References (PHA/HAZOP, drawings, other documents)', emptyText: 'No references recorded.' },
    ),
  ]);
};

/** One top risk in plain words, for readers who do not read worksheets. */
const topRiskSentence = (context: ReportContext, scenario: ScenarioAssessment): InlineContent => {
  const worst = Object.entries(scenario.consequences).sort(([, a], [, b]) => b - a)[0];
  const targets = scenario.targets.slice(0, 3).map((target) => target.name ?? target.id);
  const moreTargets = scenario.targets.length > 3 ? ` and ${scenario.targets.length - 3} more` : '';
  const where = refName(context, scenario.subject);
  const consequence =
    worst === undefined
      ? ''
      : ` The worst consequence is ${impactCategoryName(context, worst[0]).toLowerCase()} at level ${worst[1]}${
          impactLevelText(context, worst[0], worst[1])
            ? ` (${impactLevelText(context, worst[0], worst[1])})`
            : ''
        }.`;
  const projected =
    scenario.plannedCountermeasures.length > 0 && scenario.projected.band !== scenario.residual.band
      ? ` With the planned countermeasures it becomes ${bandLabel(context, scenario.projected.band).toLowerCase()}.`
      : '';
  return [
    strong(scenario.title),
    text(
      ` ${scenario.source.name ?? scenario.source.id}${
        scenario.entryPoint ? ` entering through ${scenario.entryPoint.name ?? scenario.entryPoint.id}` : ''
      } could affect ${targets.length > 0 ? `${targets.join(', ')}${moreTargets} in ` : ''}${where}.${consequence} Risk before countermeasures: `,
    ),
    bandBadge(context, scenario.unmitigated.band),
    text('; with existing countermeasures: '),
    bandBadge(context, scenario.residual.band),
    text(`${scenario.residual.isTolerable ? ' (tolerable).' : ' (above tolerable).'}${projected}`),
  ];
};

/** Executive summary: scope, counts, heat maps before and after, top risks in plain words (ZCR 5.13). */
export const executiveSummarySection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const system = model.system;
  const summary = assessment.summary;
  const scenarioCount = assessment.scenarios.length;
  const detailed = assessment.initialRisk.filter((risk) => risk.requiresDetailedAssessment).length;
  const tolerable = bandLabel(context, model.riskCriteria.tolerable);
  const severityCounts = [...SEVERITIES]
    .sort((a, b) => severityRank(b) - severityRank(a))
    .map((severity) => `${summary.findingsBySeverity[severity] ?? 0} ${severity}`)
    .join(', ');
  const completed = assessment.completeness.filter((step) => step.isComplete).length;
  const hasApproval = assessment.approvals.length > 0;
  const topRisks = [...assessment.scenarios]
    .sort(
      (a, b) =>
        byRiskDescending(a.residual, b.residual) ||
        byRiskDescending(a.unmitigated, b.unmitigated) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, 5);

  return section('executive-summary', 'Executive summary', [
    paragraph(
      `This report documents the IEC 62443-3-2 cybersecurity risk assessment of ${system.name}`,
      system.intendedUse ? `, used for: ${system.intendedUse.replace(/\.$/, '')}` : '',
      '. It follows the steps ZCR 1 to ZCR 7: the system under consideration, the initial risk, the zones and conduits, the detailed risk per zone and conduit with the target security levels (SL-T), the cybersecurity requirements specification (CRS) and the approval.',
    ),
    keyValues([
      ['System', system.name],
      ['Intended use', system.intendedUse],
      ['Equipment under control', system.equipmentUnderControl],
      ['Site', system.site],
      ['Asset owner', system.owner],
      ['Logical boundary', system.boundary?.logical],
      ['Physical boundary', system.boundary?.physical],
    ]),
    table(
      [
        { header: 'Assets', align: 'right' },
        { header: 'Zones', align: 'right' },
        { header: 'Conduits', align: 'right' },
        { header: 'Access points', align: 'right' },
        { header: 'Data flows', align: 'right' },
        { header: 'Threat scenarios', align: 'right' },
        { header: 'Vulnerabilities', align: 'right' },
        { header: 'Countermeasures', align: 'right' },
      ],
      [
        [
          cell(assessment.counts.assets),
          cell(assessment.counts.zones),
          cell(assessment.counts.conduits),
          cell(assessment.counts.accessPoints),
          cell(assessment.counts.dataFlows),
          cell(assessment.counts.scenarios),
          cell(assessment.counts.vulnerabilities),
          cell(assessment.counts.countermeasures),
        ],
      ],
      { caption: 'Scope in numbers' },
    ),
    list([
      [
        text('Initial (worst-case) risk of the system: '),
        ...(assessment.systemInitialRisk
          ? [bandBadge(context, assessment.systemInitialRisk.band)]
          : [text('not rated')]),
        text(
          `; ${detailed} of ${assessment.initialRisk.length} zones and conduits need a detailed assessment (ZCR 4).`,
        ),
      ],
      [
        text(
          `Threat scenarios above the tolerable risk (${tolerable}): ${summary.scenariosAboveTolerable.unmitigated} of ${scenarioCount} before countermeasures, ${summary.scenariosAboveTolerable.residual} with the existing countermeasures, ${summary.scenariosAboveTolerable.projected} once the planned countermeasures are in place.`,
        ),
      ],
      [
        text(`Findings: ${severityCounts}; ${summary.openFindings} open. See `),
        link('Findings', 'findings'),
        text('.'),
      ],
      [
        text(`Requirement gaps: ${summary.requirementGaps} open IEC 62443-3-3 requirements. See `),
        link('Gap analysis', 'gap-analysis'),
        text('.'),
      ],
      [
        text(`Completeness: ${completed} of ${assessment.completeness.length} ZCR steps complete `),
        summary.isComplete ? badge('Complete', 'ok') : badge('Incomplete', 'medium'),
        text('.'),
      ],
      [
        text('Approval: '),
        summary.hasValidApproval
          ? badge('Valid approval', 'ok')
          : hasApproval
            ? badge('Stale: the model changed after approval', 'high')
            : badge('Not approved', 'medium'),
        text('.'),
      ],
    ]),
    {
      kind: 'figure-row',
      figures: [
        heatMapFigure(
          context,
          assessment.heatMaps.unmitigated,
          'figure-heat-map-unmitigated',
          'Threat scenarios before countermeasures (unmitigated)',
        ),
        heatMapFigure(
          context,
          assessment.heatMaps.residual,
          'figure-heat-map-residual',
          'Threat scenarios with existing countermeasures (residual)',
        ),
      ],
    },
    paragraph(strong('Top risks')),
    topRisks.length === 0
      ? note('info', 'No threat scenarios were assessed.')
      : list(
          topRisks.map((scenario) => topRiskSentence(context, scenario)),
          true,
        ),
  ]);
};
