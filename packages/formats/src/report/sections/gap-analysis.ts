import {
  FOUNDATIONAL_REQUIREMENTS,
  FR_INFO,
  type EntityRef,
  type RequirementsResult,
  type SecurityLevelVector,
} from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  link,
  note,
  paragraph,
  section,
  table,
  text,
  type Block,
  type FigureBlock,
  type InlineContent,
  type Section,
} from '../document-model';
import {
  idsInline,
  kindLabel,
  requirementStateBadge,
  subjectAnchor,
  subjectsOf,
  targetOf,
  hasOwnSections,
  subjectsLeftOutNote,
  type ReportContext,
} from '../report-context';
import { REGISTER_SOURCES, cutDownNote, isOverLimit, sizedTable, topItems } from '../report-size';
import { securityLevelFigure } from './figures';

/** Above this many zones the per-zone radar charts are left out; the SL table carries the same numbers. */
export const MAX_RADAR_FIGURES = 24;

const BASIS_TEXT: Readonly<Record<RequirementsResult['requirements'][number]['basis'], string>> = {
  'status-entry': 'Status entry',
  countermeasure: 'Countermeasure',
  capability: 'SL-C of the assets',
  none: 'No evidence',
};

const levelCell = (
  vector: SecurityLevelVector | undefined,
  target: SecurityLevelVector,
  fr: (typeof FOUNDATIONAL_REQUIREMENTS)[number],
): InlineContent => {
  if (vector === undefined) return cell('–');
  return cell(vector[fr] < target[fr] ? `${vector[fr]} ▼` : String(vector[fr]));
};

/** The compliance matrix of one zone or conduit: every selected SR/RE with its status (IEC 62443-3-3). */
const complianceSection = (context: ReportContext, subject: EntityRef, result: RequirementsResult): Section =>
  section(
    subjectAnchor(context, 'compliance', subject),
    `Compliance: ${kindLabel(subject).toLowerCase()} ${subject.name ?? subject.id} (${subject.id})`,
    sizedTable(context.limits, {
      columns: [
        'Requirement',
        'FR',
        'Title',
        { header: 'From SL', align: 'center' },
        'Status',
        'Basis',
        'Countermeasures',
        'Evidence or justification',
      ],
      items: result.requirements,
      scope: 'subject',
      what: 'requirements',
      rank: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
      rankedBy: 'not met, open or partial first',
      groups: [{ label: 'Status', key: (requirement) => requirement.status }],
      fullList: REGISTER_SOURCES.compliance,
      emptyText: 'SL-T selects no requirements.',
      row: (requirement) => [
        [code(requirement.requirement.id)],
        cell(requirement.requirement.fr),
        cell(requirement.requirement.title),
        cell(requirement.requirement.minLevel),
        [requirementStateBadge(requirement.status)],
        cell(BASIS_TEXT[requirement.basis]),
        idsInline(requirement.countermeasures),
        cell(
          [requirement.evidence, requirement.justification].filter((part) => part !== undefined).join(' — '),
        ),
      ],
    }),
  );

const STATUS_ORDER: readonly RequirementsResult['requirements'][number]['status'][] = [
  'not-met',
  'open',
  'partial',
  'compensated',
  'met',
  'not-applicable',
];

/** Orders zones and conduits by their requirement gaps, most first; ties keep their order. */
const byGapsDescending = (
  a: { readonly result: RequirementsResult },
  b: { readonly result: RequirementsResult },
): number => b.result.counts.gaps - a.result.counts.gaps;

/** A link to a subject's compliance matrix, or where it is when the size rule left its sub-section out. */
export const complianceLink = (context: ReportContext, subject: EntityRef): InlineContent =>
  hasOwnSections(context, subject)
    ? [link('compliance matrix', subjectAnchor(context, 'compliance', subject))]
    : [text('Compliance matrix sheet')];

/** Gap analysis: SL-T vs SL-C vs SL-A per FR, capability gaps and the IEC 62443-3-3 compliance matrix (ZCR 6.4 l). */
export const gapAnalysisSection = (context: ReportContext): Section => {
  const subjects = subjectsOf(context);
  const withResults = subjects
    .map((subject) => ({
      subject,
      result: context.assessment.requirements.find(
        (entry) => entry.subject.kind === subject.kind && entry.subject.id === subject.id,
      ),
    }))
    .filter(
      (entry): entry is { subject: EntityRef; result: RequirementsResult } => entry.result !== undefined,
    );
  const zones = withResults.filter((entry) => entry.subject.kind === 'zone');
  const radarFigures: FigureBlock[] =
    zones.length <= MAX_RADAR_FIGURES
      ? zones.map(({ subject }) =>
          securityLevelFigure(context, subject, `figure-sl-${subjectAnchor(context, 'compliance', subject)}`),
        )
      : [];

  // The SL table has two or three rows per subject; above the row limit it keeps the subjects with the most gaps.
  const levelsCut = isOverLimit(
    context.limits,
    'model',
    withResults.reduce((rows, { result }) => rows + (result.capability === undefined ? 2 : 3), 0),
  );
  const levelSubjects = levelsCut
    ? topItems(withResults, Math.ceil(context.limits.topRows / 3), byGapsDescending)
    : withResults;
  const levelRows = levelSubjects.flatMap(({ subject, result }) => {
    const target = targetOf(context, subject)?.target ?? result.target;
    const subjectCell = [code(subject.id)];
    return [
      [subjectCell, cell('SL-T'), ...FOUNDATIONAL_REQUIREMENTS.map((fr) => cell(target[fr]))],
      ...(result.capability === undefined
        ? []
        : [
            [
              subjectCell,
              cell('SL-C'),
              ...FOUNDATIONAL_REQUIREMENTS.map((fr) => levelCell(result.capability, target, fr)),
            ],
          ]),
      [
        subjectCell,
        cell(result.achievedBasis === 'declared' ? 'SL-A (declared)' : 'SL-A (derived)'),
        ...FOUNDATIONAL_REQUIREMENTS.map((fr) => levelCell(result.achieved, target, fr)),
      ],
    ];
  });

  const levelTable = table(
    [
      'Subject',
      'Vector',
      ...FOUNDATIONAL_REQUIREMENTS.map((fr) => ({
        header: `${fr} ${FR_INFO[fr].abbreviation}`,
        align: 'center' as const,
      })),
    ],
    levelRows,
    {
      caption: levelsCut
        ? `SL-T, SL-C and SL-A per foundational requirement: the ${levelSubjects.length} zones and conduits with the most requirement gaps, of ${withResults.length}`
        : 'SL-T, SL-C and SL-A per foundational requirement',
      emptyText: 'No requirements were derived.',
    },
  );
  const levelBlocks: Block[] = levelsCut
    ? [
        cutDownNote(
          withResults.length,
          'zones and conduits with SL vectors',
          context.limits.tableRows,
          levelSubjects.length,
          'with the most requirement gaps',
          REGISTER_SOURCES.zonesConduits,
          false,
        ),
        levelTable,
      ]
    : [levelTable];
  const blocks: Block[] = [
    paragraph(
      'SL-T is the target from the risk assessment, SL-C the weakest capability declared by the assets of a zone (IEC 62443-4-2), SL-A the level achieved: declared after verification, or derived as the highest level whose requirements are all met or compensated. SL-C rows appear where assets declare a capability; ▼ marks a level below SL-T.',
    ),
    ...levelBlocks,
  ];
  if (radarFigures.length > 0) blocks.push({ kind: 'figure-row', figures: radarFigures });
  else if (zones.length > MAX_RADAR_FIGURES) {
    blocks.push(
      note(
        'info',
        `${zones.length} zones: the per-zone SL charts are left out; the table above gives the same levels.`,
      ),
    );
  }
  blocks.push(
    ...sizedTable(context.limits, {
      columns: [
        'Subject',
        'FR',
        { header: 'SL-T', align: 'center' },
        { header: 'SL-C', align: 'center' },
        'Limited by',
      ],
      items: withResults.flatMap(({ subject, result }) =>
        result.capabilityGaps.map((gap) => ({ subject, gap })),
      ),
      scope: 'model',
      what: 'capability gaps',
      rank: (a, b) => b.gap.target - b.gap.capability - (a.gap.target - a.gap.capability),
      rankedBy: 'widest first',
      groups: [{ label: 'FR', key: ({ gap }) => `${gap.fr} ${FR_INFO[gap.fr].abbreviation}` }],
      fullList: REGISTER_SOURCES.zonesConduits,
      caption: 'Capability gaps: SL-C below SL-T',
      emptyText: 'No asset declares an SL-C below the SL-T of its zone.',
      row: ({ subject, gap }) => [
        codeCell(subject.id),
        cell(`${gap.fr} ${FR_INFO[gap.fr].abbreviation}`),
        cell(gap.target),
        cell(gap.capability),
        idsInline(gap.assets),
      ],
    }),
    ...sizedTable(context.limits, {
      columns: [
        'Subject',
        { header: 'Selected', align: 'right' },
        { header: 'SRs', align: 'right' },
        { header: 'REs', align: 'right' },
        { header: 'Satisfied', align: 'right' },
        { header: 'Gaps', align: 'right' },
        'Matrix',
      ],
      items: withResults,
      scope: 'model',
      what: 'zones and conduits with requirements',
      rank: byGapsDescending,
      rankedBy: 'with the most requirement gaps first',
      groups: [{ label: 'Kind', key: ({ subject }) => kindLabel(subject) }],
      fullList: REGISTER_SOURCES.compliance,
      caption: 'IEC 62443-3-3 requirements per zone and conduit',
      row: ({ subject, result }) => [
        [text(`${kindLabel(subject)} `), code(subject.id)],
        cell(result.counts.selected),
        cell(result.counts.srs),
        cell(result.counts.res),
        cell(result.counts.satisfied),
        cell(result.counts.gaps),
        complianceLink(context, subject),
      ],
    }),
    ...subjectsLeftOutNote(context, subjects.length, REGISTER_SOURCES.compliance),
  );
  return section(
    'gap-analysis',
    'Gap analysis (SL-T, SL-C, SL-A and IEC 62443-3-3 compliance)',
    blocks,
    withResults
      .filter(({ subject }) => hasOwnSections(context, subject))
      .map(({ subject, result }) => complianceSection(context, subject, result)),
  );
};
