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
  type ReportContext,
} from '../report-context';
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
    [
      table(
        [
          'Requirement',
          'FR',
          'Title',
          { header: 'From SL', align: 'center' },
          'Status',
          'Basis',
          'Countermeasures',
          'Evidence or justification',
        ],
        result.requirements.map((requirement) => [
          [code(requirement.requirement.id)],
          cell(requirement.requirement.fr),
          cell(requirement.requirement.title),
          cell(requirement.requirement.minLevel),
          [requirementStateBadge(requirement.status)],
          cell(BASIS_TEXT[requirement.basis]),
          idsInline(requirement.countermeasures),
          cell(
            [requirement.evidence, requirement.justification]
              .filter((part) => part !== undefined)
              .join(' — '),
          ),
        ]),
        { emptyText: 'SL-T selects no requirements.' },
      ),
    ],
  );

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

  const levelRows = withResults.flatMap(({ subject, result }) => {
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

  const blocks: Block[] = [
    paragraph(
      'SL-T is the target from the risk assessment, SL-C the weakest capability declared by the assets of a zone (IEC 62443-4-2), SL-A the level achieved: declared after verification, or derived as the highest level whose requirements are all met or compensated. SL-C rows appear where assets declare a capability; ▼ marks a level below SL-T.',
    ),
    table(
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
        caption: 'SL-T, SL-C and SL-A per foundational requirement',
        emptyText: 'No requirements were derived.',
      },
    ),
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
    table(
      [
        'Subject',
        'FR',
        { header: 'SL-T', align: 'center' },
        { header: 'SL-C', align: 'center' },
        'Limited by',
      ],
      withResults.flatMap(({ subject, result }) =>
        result.capabilityGaps.map((gap) => [
          codeCell(subject.id),
          cell(`${gap.fr} ${FR_INFO[gap.fr].abbreviation}`),
          cell(gap.target),
          cell(gap.capability),
          idsInline(gap.assets),
        ]),
      ),
      {
        caption: 'Capability gaps: SL-C below SL-T',
        emptyText: 'No asset declares an SL-C below the SL-T of its zone.',
      },
    ),
    table(
      [
        'Subject',
        { header: 'Selected', align: 'right' },
        { header: 'SRs', align: 'right' },
        { header: 'REs', align: 'right' },
        { header: 'Satisfied', align: 'right' },
        { header: 'Gaps', align: 'right' },
        'Matrix',
      ],
      withResults.map(({ subject, result }) => [
        [text(`${kindLabel(subject)} `), code(subject.id)],
        cell(result.counts.selected),
        cell(result.counts.srs),
        cell(result.counts.res),
        cell(result.counts.satisfied),
        cell(result.counts.gaps),
        [link('compliance matrix', subjectAnchor(context, 'compliance', subject))],
      ]),
      { caption: 'IEC 62443-3-3 requirements per zone and conduit' },
    ),
  );
  return section(
    'gap-analysis',
    'Gap analysis (SL-T, SL-C, SL-A and IEC 62443-3-3 compliance)',
    blocks,
    withResults.map(({ subject, result }) => complianceSection(context, subject, result)),
  );
};
