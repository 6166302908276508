import type { RiskRating } from '@zonewise/core';
import {
  cell,
  code,
  codeCell,
  joinInline,
  note,
  paragraph,
  section,
  text,
  type Block,
  type InlineContent,
  type Section,
} from '../document-model';
import {
  bandBadge,
  bandLabel,
  byRiskDescending,
  idsInline,
  kindLabel,
  ratingInline,
  subjectsOf,
  requirementsOf,
  type ReportContext,
} from '../report-context';
import { REGISTER_SOURCES, sizedTable } from '../report-size';
import { complianceLink } from './gap-analysis';

/** Recommendations: planned countermeasures with owner, due date and the risk after each; unmet scenarios (ZCR 5.12). */
export const recommendationsSection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const planned = model.countermeasures.filter((countermeasure) => countermeasure.status === 'planned');
  const stillAbove = assessment.scenarios.filter((scenario) => !scenario.residual.isTolerable);
  const subjectsWithGaps = subjectsOf(context)
    .map((subject) => ({ subject, result: requirementsOf(context, subject) }))
    .filter((entry) => (entry.result?.counts.gaps ?? 0) > 0);

  // The effect of a planned countermeasure, grouped by transition: "2 × High → Medium"; scenarios are in the worksheets.
  const effectOf = (countermeasureId: string): InlineContent => {
    const affected = assessment.scenarios.filter((scenario) =>
      scenario.plannedCountermeasures.some((ref) => ref.id === countermeasureId),
    );
    if (affected.length === 0) return cell('not credited to a scenario');
    const transitions = new Map<string, { from: RiskRating; to: RiskRating; count: number }>();
    for (const scenario of affected) {
      const key = `${scenario.residual.band}\u0000${scenario.projected.band}`;
      const entry = transitions.get(key);
      if (entry) entry.count += 1;
      else transitions.set(key, { from: scenario.residual, to: scenario.projected, count: 1 });
    }
    return [...transitions.values()]
      .sort((a, b) => byRiskDescending(a.from, b.from) || byRiskDescending(a.to, b.to))
      .flatMap((entry, index) => [
        ...(index === 0 ? [] : [{ kind: 'line-break' as const }]),
        text(`${entry.count} × `),
        bandBadge(context, entry.from.band),
        text(' → '),
        bandBadge(context, entry.to.band),
      ]);
  };

  const blocks: Block[] = [
    paragraph(
      'The planned countermeasures below are what the assessment relies on to bring risk down to the tolerable band (',
      bandLabel(context, model.riskCriteria.tolerable),
      '). The last column counts the scenarios they are credited to by their residual risk today and their projected risk once the planned countermeasures are in place; the worksheets give each scenario.',
    ),
    ...sizedTable(context.limits, {
      columns: [
        'Countermeasure',
        'Title',
        'Type',
        'Applies to',
        'Requirements',
        'Owner',
        { header: 'Due', isNoWrap: true },
        { header: 'Residual → projected', isNoWrap: true },
      ],
      items: planned,
      scope: 'model',
      what: 'planned countermeasures',
      rankedBy: 'first in the model',
      groups: [
        { label: 'Type', key: (countermeasure) => countermeasure.type },
        { label: 'Owner', key: (countermeasure) => countermeasure.owner ?? 'not assigned' },
      ],
      fullList: REGISTER_SOURCES.countermeasures,
      caption: 'Planned countermeasures',
      emptyText: 'No countermeasures are planned.',
      row: (countermeasure) => [
        codeCell(countermeasure.id),
        cell(countermeasure.title),
        cell(countermeasure.type),
        idsInline(countermeasure.appliesTo),
        joinInline((countermeasure.requirements ?? []).map((requirement) => [code(requirement)])),
        cell(countermeasure.owner ?? 'not assigned'),
        cell(countermeasure.dueDate ?? 'not set'),
        effectOf(countermeasure.id),
      ],
    }),
  ];
  if (stillAbove.length === 0) {
    blocks.push(
      note('ok', 'Every threat scenario is within the tolerable risk with the existing countermeasures.'),
    );
  } else {
    blocks.push(
      ...sizedTable(context.limits, {
        columns: [
          'Scenario',
          'Assessed in',
          { header: 'Residual', isNoWrap: true },
          'Planned countermeasures',
          'Projected',
          'Suggested requirements',
        ],
        items: stillAbove,
        scope: 'model',
        what: 'scenarios above the tolerable risk',
        rank: (a, b) => byRiskDescending(a.residual, b.residual),
        rankedBy: 'with the highest residual risk first',
        groups: [
          { label: 'Residual risk', key: (scenario) => bandLabel(context, scenario.residual.band) },
          { label: 'Projected risk', key: (scenario) => bandLabel(context, scenario.projected.band) },
        ],
        fullList: REGISTER_SOURCES.risk,
        caption:
          'Scenarios above the tolerable risk with existing countermeasures, and the IEC 62443-3-3 requirements that address their FRs',
        row: (scenario) => [
          [text(scenario.title), { kind: 'line-break' }, code(scenario.id)],
          [text(`${kindLabel(scenario.subject)} `), code(scenario.subject.id)],
          ratingInline(context, scenario.residual),
          scenario.plannedCountermeasures.length > 0
            ? idsInline(scenario.plannedCountermeasures)
            : cell('none'),
          [
            ...ratingInline(context, scenario.projected),
            text(scenario.projected.isTolerable ? ' tolerable' : ' still above tolerable'),
          ],
          joinInline(scenario.suggestedRequirements.map((requirement) => [code(requirement)])),
        ],
      }),
    );
  }
  blocks.push(
    ...sizedTable(context.limits, {
      columns: ['Subject', { header: 'Open requirements', align: 'right' }, 'Matrix'],
      items: subjectsWithGaps,
      scope: 'model',
      what: 'zones and conduits with requirement gaps',
      rank: (a, b) => (b.result?.counts.gaps ?? 0) - (a.result?.counts.gaps ?? 0),
      rankedBy: 'with the most open requirements first',
      groups: [{ label: 'Kind', key: ({ subject }) => kindLabel(subject) }],
      fullList: REGISTER_SOURCES.compliance,
      caption: 'Requirement gaps to close',
      emptyText: 'No requirement gaps.',
      row: ({ subject, result }) => [
        [text(`${kindLabel(subject)} `), code(subject.id)],
        cell(result?.counts.gaps ?? 0),
        complianceLink(context, subject),
      ],
    }),
  );
  return section('recommendations', 'Recommendations (ZCR 5.12)', blocks);
};
