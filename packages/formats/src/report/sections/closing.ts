import { formatPath, formatVector } from '@zonewise/core';
import {
  badge,
  cell,
  code,
  codeCell,
  joinInline,
  list,
  note,
  paragraph,
  section,
  table,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import { idsInline, yesNo, type ReportContext } from '../report-context';
import { REGISTER_SOURCES, boundedItems, fullListInline, isOverLimit, sizedTable } from '../report-size';
import { approvalsTable } from './front-matter';

/** Events after which the assessment must be repeated; the model-specific ones first. */
const reassessmentTriggers = (context: ReportContext): InlineContent[] => {
  const { model, assessment } = context;
  const planned = model.countermeasures
    .filter((countermeasure) => countermeasure.status === 'planned')
    .map((countermeasure): InlineContent => [
      text('When planned countermeasure '),
      code(countermeasure.id),
      text(
        ` (${countermeasure.title}) is in place${countermeasure.dueDate ? `, due ${countermeasure.dueDate}` : ''}: re-rate the scenarios it is credited to and confirm the projected risk.`,
      ),
    ]);
  const incomplete = assessment.completeness
    .filter((step) => !step.isComplete)
    .map((step): InlineContent => [
      text(
        `When ${step.step} (${step.title}) is completed: ${step.missing.length} item(s) are missing today.`,
      ),
    ]);
  // Above the size limit, the planned countermeasures are one item; the countermeasure register lists them.
  const plannedItems: InlineContent[] = isOverLimit(context.limits, 'model', planned.length)
    ? [
        [
          text(
            `When any of the ${planned.length} planned countermeasures is in place: re-rate the scenarios it is credited to and confirm the projected risk; `,
          ),
          ...fullListInline(REGISTER_SOURCES.countermeasures),
          text('.'),
        ],
      ]
    : planned;
  return [
    ...plannedItems,
    ...incomplete,
    [
      text(
        'Any change to zones, conduits, assets, access points or data flows: the approval becomes stale as soon as the model’s SHA-256 changes.',
      ),
    ],
    [text('A new access point, remote-access path or external connection, or a new wireless network.')],
    [text('A new vulnerability advisory or known-exploited vulnerability affecting an asset in scope.')],
    [
      text(
        'A security incident or near miss in the SuC or a comparable plant, or a significant change in the threat environment.',
      ),
    ],
    [
      text(
        'A change to the risk criteria, the tolerable risk, the process hazards (PHA/HAZOP) or the applicable regulations.',
      ),
    ],
    [text('At the latest at the periodic review interval set by the asset owner’s security programme.')],
  ];
};

/** Approval and re-assessment triggers (ZCR 7.1). */
export const approvalSection = (context: ReportContext): Section => {
  const { assessment } = context;
  const valid = assessment.approvals.filter((entry) => !entry.isStale);
  const blocks: Block[] = [
    paragraph(
      'The asset owner approves the assessment results (ZCR 7.1). Each approval records the SHA-256 of the exact model version it approves; when the model changes, the hash changes and the approval is stale.',
    ),
    paragraph('This report describes the model with SHA-256 ', code(assessment.modelSha256), '.'),
    approvalsTable(context),
  ];
  for (const { approval } of assessment.approvals) {
    if (approval.statement) blocks.push(paragraph(`Statement of ${approval.approver}: `, approval.statement));
  }
  blocks.push(
    valid.length > 0
      ? note('ok', `${valid.length} approval(s) apply to this exact model version.`)
      : note(
          assessment.approvals.length > 0 ? 'high' : 'medium',
          assessment.approvals.length > 0
            ? 'Every approval on record is for a different model version: this version is not approved.'
            : 'This version has not been approved.',
        ),
    table(['Name', 'Role', 'Meaning (reviewed / approved)', 'Date', 'Signature'], [[[], [], [], [], []]], {
      caption: `Sign-off for model ${assessment.modelSha256.slice(0, 12)}…`,
    }),
    paragraph('Re-assess when any of the following happens:'),
    list(reassessmentTriggers(context)),
  );
  return section('approval', 'Approval and re-assessment (ZCR 7)', blocks);
};

/** Completeness of each ZCR step with what is missing. */
export const completenessSection = (context: ReportContext): Section =>
  section('completeness', 'Completeness per ZCR step', [
    table(
      ['Step', 'Title', 'Clause', 'Status', 'Missing'],
      context.assessment.completeness.map((step) => [
        cell(step.step),
        cell(step.title),
        cell(`${step.reference.standard} ${step.reference.clause}`),
        [step.isComplete ? badge('Complete', 'ok') : badge('Incomplete', 'medium')],
        boundedItems(step.missing, context.limits.tableRows).flatMap((item, index) => [
          ...(index === 0 ? [] : [{ kind: 'line-break' as const }]),
          text(item),
        ]),
      ]),
      { emptyText: 'No completeness results.' },
    ),
  ]);

const attributeList = (attributes: Readonly<Record<string, boolean>>): string =>
  [
    attributes['isSafetyRelated'] ? 'safety' : '',
    attributes['controlsProcess'] ? 'controls process' : '',
    attributes['isWireless'] ? 'wireless' : '',
    attributes['isTemporarilyConnected'] ? 'temporary' : '',
    attributes['isExternallyConnected'] ? 'external' : '',
    attributes['isBusinessSystem'] ? 'business' : '',
    attributes['isNetworkDevice'] ? 'network device' : '',
  ]
    .filter((attribute) => attribute !== '')
    .join(', ');

/** Appendices: asset list, vulnerability list, countermeasures, evidence, warnings. */
export const appendicesSection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const children: Section[] = [
    section('appendix-assets', 'Appendix: asset list', [
      ...sizedTable(context.limits, {
        columns: [
          'Asset',
          'Name',
          'Kind',
          'Vendor / product / version',
          { header: 'Purdue', align: 'center' },
          'Zone',
          { header: 'Worst impact', align: 'center' },
          'Attributes',
          'SL-C',
          'In scope',
        ],
        items: model.assets,
        scope: 'model',
        what: 'assets',
        rank: (a, b) => (b.worstImpact ?? 0) - (a.worstImpact ?? 0),
        rankedBy: 'with the worst impact first',
        groups: [
          { label: 'Kind', key: (asset) => asset.kind.title },
          {
            label: 'Zone',
            key: (asset) => model.zoneOf(asset.id)?.id ?? model.conduitOf(asset.id)?.id ?? '',
          },
        ],
        fullList: REGISTER_SOURCES.assets,
        emptyText: 'No assets.',
        row: (asset) => [
          codeCell(asset.id),
          cell(asset.name),
          cell(asset.kind.title),
          cell([asset.vendor, asset.product, asset.version].filter((part) => part !== undefined).join(' / ')),
          cell(asset.purdueLevel ?? asset.kind.purdueLevel),
          codeCell(model.zoneOf(asset.id)?.id ?? model.conduitOf(asset.id)?.id),
          cell(asset.worstImpact),
          cell(attributeList(asset.attributes)),
          asset.securityLevelCapability ? [code(formatVector(asset.securityLevelCapability))] : [],
          cell(yesNo(asset.isInScope !== false)),
        ],
      }),
    ]),
    section('appendix-vulnerabilities', 'Appendix: vulnerability list', [
      ...sizedTable(context.limits, {
        columns: [
          'Vulnerability',
          'CVE',
          'Advisory',
          'Title',
          { header: 'CVSS', align: 'right' },
          'Known exploited',
          'Assets',
          'Remediation',
        ],
        items: model.vulnerabilities,
        scope: 'model',
        what: 'vulnerabilities',
        rank: (a, b) =>
          Number(b.isKnownExploited === true) - Number(a.isKnownExploited === true) ||
          (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0),
        rankedBy: 'known exploited first, then by CVSS score',
        groups: [
          {
            label: 'Known exploited',
            key: (vulnerability) => yesNo(vulnerability.isKnownExploited === true),
          },
        ],
        fullList: REGISTER_SOURCES.vulnerabilities,
        emptyText: 'No vulnerabilities recorded.',
        row: (vulnerability) => [
          codeCell(vulnerability.id),
          codeCell(vulnerability.cve),
          codeCell(vulnerability.advisory),
          cell(vulnerability.title),
          cell(
            vulnerability.cvss
              ? `${vulnerability.cvss.score.toFixed(1)} (v${vulnerability.cvss.version})`
              : undefined,
          ),
          vulnerability.isKnownExploited ? [badge('KEV', 'critical')] : cell('No'),
          idsInline(vulnerability.assets),
          cell(vulnerability.remediation),
        ],
      }),
    ]),
    section('appendix-countermeasures', 'Appendix: countermeasures', [
      ...sizedTable(context.limits, {
        columns: [
          'Countermeasure',
          'Title',
          'Type',
          'Status',
          'Applies to',
          'Requirements',
          { header: 'Likelihood −', align: 'center' },
          { header: 'Impact −', align: 'center' },
          'Owner',
          'Due',
        ],
        items: model.countermeasures,
        scope: 'model',
        what: 'countermeasures',
        rankedBy: 'first in the model',
        groups: [
          { label: 'Status', key: (countermeasure) => countermeasure.status },
          { label: 'Type', key: (countermeasure) => countermeasure.type },
        ],
        fullList: REGISTER_SOURCES.countermeasures,
        emptyText: 'No countermeasures recorded.',
        row: (countermeasure) => [
          codeCell(countermeasure.id),
          cell(countermeasure.title),
          cell(countermeasure.type),
          cell(countermeasure.status),
          idsInline(countermeasure.appliesTo),
          joinInline((countermeasure.requirements ?? []).map((requirement) => [code(requirement)])),
          cell(countermeasure.likelihoodReduction ?? 0),
          cell(countermeasure.impactReduction ?? 0),
          cell(countermeasure.owner),
          cell(countermeasure.dueDate),
        ],
      }),
    ]),
    section('appendix-evidence', 'Appendix: evidence and triage', [
      ...sizedTable(context.limits, {
        columns: ['Subject', 'Requirement', 'Status', 'Countermeasure', 'Evidence', 'Justification'],
        items: model.requirementStatus,
        scope: 'model',
        what: 'requirement status entries',
        rankedBy: 'first in the model',
        groups: [{ label: 'Status', key: (entry) => entry.status }],
        fullList: REGISTER_SOURCES.compliance,
        caption: 'Requirement status entries',
        emptyText: 'No requirement status recorded.',
        row: (entry) => [
          codeCell(entry.subject),
          codeCell(entry.requirement),
          cell(entry.status),
          codeCell(entry.countermeasure),
          cell(entry.evidence),
          cell(entry.justification),
        ],
      }),
      ...sizedTable(context.limits, {
        columns: ['Finding', 'Decision', 'Justification', 'By', 'Date'],
        items: model.triage,
        scope: 'model',
        what: 'triage decisions',
        rankedBy: 'first in the model',
        groups: [{ label: 'Decision', key: (entry) => entry.status }],
        fullList: { kind: 'model', field: 'triage' },
        caption: 'Triage decisions on findings',
        emptyText: 'No triage decisions recorded.',
        row: (entry) => [
          codeCell(entry.finding),
          cell(entry.status),
          cell(entry.justification),
          cell(entry.by),
          cell(entry.date),
        ],
      }),
    ]),
  ];
  if (assessment.warnings.length > 0) {
    children.push(
      section('appendix-warnings', 'Appendix: warnings from loading the model', [
        ...sizedTable(context.limits, {
          columns: ['Code', 'Where', 'Message'],
          items: assessment.warnings,
          scope: 'model',
          what: 'warnings',
          rankedBy: 'first reported',
          groups: [{ label: 'Code', key: (warning) => warning.code }],
          fullList: { kind: 'results', field: 'warnings' },
          row: (warning) => [
            [code(warning.code)],
            codeCell(formatPath(warning.path) || undefined),
            cell(warning.message),
          ],
        }),
      ]),
    );
  }
  return section('appendices', 'Appendices', [paragraph('Reference lists behind the report.')], children);
};
