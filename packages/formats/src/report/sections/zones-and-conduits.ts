import { severityRank, type Finding } from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  note,
  paragraph,
  section,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import {
  findingStatusBadge,
  idsInline,
  severityBadge,
  targetOf,
  vectorInline,
  yesNo,
  type ReportContext,
} from '../report-context';
import { REGISTER_SOURCES, sizedList, sizedTable } from '../report-size';
import { PURDUE_LEVEL_NAMES } from '../svg/zone-diagram';
import { zoneDiagramFigure } from './figures';

/** ZCR 3 partitioning requirements with the question each answers (our wording). */
export const PARTITIONING_CLAUSES = [
  {
    clause: 'ZCR 3.1',
    title: 'Establish zones and conduits',
    question:
      'Is every asset in exactly one zone, and does every communication between zones pass through a conduit that allows it?',
  },
  {
    clause: 'ZCR 3.2',
    title: 'Separate business and IACS assets',
    question: 'Are enterprise and business systems kept out of the zones that hold control-system assets?',
  },
  {
    clause: 'ZCR 3.3',
    title: 'Separate safety-related assets',
    question: 'Are safety instrumented systems and other safety-related assets in zones of their own?',
  },
  {
    clause: 'ZCR 3.4',
    title: 'Separate temporarily connected devices',
    question: 'Are laptops, removable media and portable tools in zones of their own?',
  },
  {
    clause: 'ZCR 3.5',
    title: 'Separate wireless devices',
    question:
      'Are wireless devices and networks in zones of their own, joined to wired zones through conduits?',
  },
  {
    clause: 'ZCR 3.6',
    title: 'Separate devices connected via external networks',
    question: 'Are remote, vendor, cloud and WAN connections in zones of their own?',
  },
] as const;

/** Anchor of the partitioning check of a clause: "ZCR 3.4" → "partition-3-4". */
export const partitionAnchor = (clause: string): string =>
  `partition-${clause.replace(/\D+/g, '-').replace(/^-|-$/g, '')}`;

/** One finding as a list item: severity, title, subject, because, remedy. */
export const findingItem = (finding: Finding): InlineContent => [
  severityBadge(finding.severity),
  text(' '),
  ...(finding.status === 'open' ? [] : [findingStatusBadge(finding.status), text(' ')]),
  text(`${finding.title}: ${finding.because} Remedy: ${finding.remediation} `),
  code(finding.id),
];

/** Sum of a zone's or conduit's SL-T levels (0 without one), to rank the most demanding first. */
const levelSum = (context: ReportContext, kind: 'zone' | 'conduit', id: string): number => {
  const target = targetOf(context, { kind, id })?.target;
  return target === undefined
    ? 0
    : Object.values(target).reduce((sum: number, level: number) => sum + level, 0);
};

/** The Purdue level band the diagram puts a zone in (lower median of its assets' levels). */
const zoneLevelText = (context: ReportContext, zoneId: string): string => {
  const levels = context.model
    .assetsIn(zoneId)
    .map((asset) => asset.purdueLevel ?? asset.kind.purdueLevel)
    .sort((a, b) => a - b);
  const level = levels[Math.floor((levels.length - 1) / 2)];
  return level === undefined ? '–' : `${level} ${PURDUE_LEVEL_NAMES[String(level)] ?? ''}`.trim();
};

/** Partition checks for one ZCR 3.x clause: the question, then its findings or a statement that there are none. */
const partitionCheck = (
  context: ReportContext,
  clause: (typeof PARTITIONING_CLAUSES)[number],
  findings: readonly Finding[],
  anchorId: string,
): Section =>
  section(anchorId, `${clause.clause} ${clause.title}`, [
    paragraph(clause.question),
    ...(findings.length === 0
      ? [note('ok', `No findings for ${clause.clause}.`)]
      : sizedList(context.limits, {
          items: findings,
          item: findingItem,
          scope: 'model',
          what: `findings for ${clause.clause}`,
          rank: bySeverityDescending,
          rankedBy: 'most severe first',
          groups: [
            { label: 'Severity', key: (finding) => finding.severity },
            { label: 'Rule', key: (finding) => finding.ruleId },
          ],
          fullList: { kind: 'results', field: 'findings' },
        })),
  ]);

/** Orders findings most severe first; ties keep their order. */
export const bySeverityDescending = (a: Finding, b: Finding): number =>
  severityRank(b.severity) - severityRank(a.severity);

/** Zones and conduits: the diagram, both registers and the partitioning checks per ZCR 3.x (ZCR 3, 6.3). */
export const zonesAndConduitsSection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const partitionFindings = (clause: string): readonly Finding[] =>
    assessment.findings.filter(
      (finding) =>
        finding.reference.clause === clause ||
        // Findings that cite ZCR 3 as a whole belong with 3.1, the clause that establishes zones and conduits.
        (clause === 'ZCR 3.1' && /^ZCR 3(\.0)?$/.test(finding.reference.clause)),
    );
  const blocks: Block[] = [
    paragraph(
      'The SuC is partitioned into zones (groups of assets with common security requirements) joined by conduits (the communication channels between them). The diagram places each zone in the row of the Purdue level of most of its assets.',
    ),
    zoneDiagramFigure(context, 'figure-zone-diagram', `Zones and conduits of ${model.system.name}`),
    ...sizedTable(context.limits, {
      columns: [
        'Zone',
        'Name',
        'Purdue level',
        { header: 'Assets', align: 'right' },
        'Safety-related',
        'Organisation',
        'SL-T',
      ],
      items: model.zones,
      scope: 'model',
      what: 'zones',
      rank: (a, b) => levelSum(context, 'zone', b.id) - levelSum(context, 'zone', a.id),
      rankedBy: 'with the highest SL-T first',
      groups: [
        { label: 'Purdue level', key: (zone) => zoneLevelText(context, zone.id) },
        { label: 'Safety-related', key: (zone) => yesNo(zone.isSafetyRelated) },
      ],
      fullList: REGISTER_SOURCES.zonesConduits,
      caption: 'Zones',
      emptyText: 'No zones defined.',
      row: (zone) => [
        codeCell(zone.id),
        cell(zone.name),
        cell(zoneLevelText(context, zone.id)),
        cell(model.assetsIn(zone.id).length),
        cell(yesNo(zone.isSafetyRelated)),
        cell(zone.organisation),
        vectorInline(targetOf(context, { kind: 'zone', id: zone.id })?.target),
      ],
    }),
    ...sizedTable(context.limits, {
      columns: ['Conduit', 'Name', 'Joins', 'Channels', 'Enforcement', 'External', 'SL-T'],
      items: model.conduits,
      scope: 'model',
      what: 'conduits',
      rank: (a, b) => levelSum(context, 'conduit', b.id) - levelSum(context, 'conduit', a.id),
      rankedBy: 'with the highest SL-T first',
      groups: [
        { label: 'Enforcement', key: (conduit) => conduit.enforcement.join(', ') || 'none' },
        { label: 'External', key: (conduit) => yesNo(conduit.isExternal) },
      ],
      fullList: REGISTER_SOURCES.zonesConduits,
      caption: 'Conduits',
      emptyText: 'No conduits defined.',
      row: (conduit) => [
        codeCell(conduit.id),
        cell(conduit.name),
        idsInline(conduit.zones),
        cell(
          (conduit.channels ?? [])
            .map(
              (channel) =>
                `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} ${channel.from}→${channel.to}${channel.isEncrypted ? ' (encrypted)' : ''}`,
            )
            .join('; '),
        ),
        cell(conduit.enforcement.join(', ') || 'none'),
        cell(yesNo(conduit.isExternal)),
        vectorInline(targetOf(context, { kind: 'conduit', id: conduit.id })?.target),
      ],
    }),
    paragraph(
      'The partitioning checks below ask the questions of ZCR 3.1 to 3.6 of the model. Each finding names the entities involved, the reason and the remedy.',
    ),
  ];
  return section(
    'zones-and-conduits',
    'Zones and conduits (ZCR 3)',
    blocks,
    PARTITIONING_CLAUSES.map((clause) =>
      partitionCheck(context, clause, partitionFindings(clause.clause), partitionAnchor(clause.clause)),
    ),
  );
};
