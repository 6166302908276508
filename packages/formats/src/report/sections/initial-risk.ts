import { badge, cell, keyValues, paragraph, section, text, type Section } from '../document-model';
import {
  bandBadge,
  bandLabel,
  byRiskDescending,
  idsInline,
  kindLabel,
  ratingInline,
  type ReportContext,
} from '../report-context';
import { REGISTER_SOURCES, sizedTable } from '../report-size';
import { heatMapFigure } from './figures';

/** Initial worst-case risk per zone and conduit and the comparison with tolerable risk (ZCR 2.1, 4.1). */
export const initialRiskSection = (context: ReportContext): Section => {
  const { model, assessment } = context;
  const usedCategories = model.riskCriteria.impactCategories.filter((category) =>
    assessment.initialRisk.some((risk) => risk.impacts[category.id] !== undefined),
  );
  const extraCategories = [...new Set(assessment.initialRisk.flatMap((risk) => Object.keys(risk.impacts)))]
    .filter((id) => !usedCategories.some((category) => category.id === id))
    .sort();
  const categories = [
    ...usedCategories.map((category) => ({ id: category.id, name: category.name })),
    ...extraCategories.map((id) => ({ id, name: id })),
  ];
  const detailed = assessment.initialRisk.filter((risk) => risk.requiresDetailedAssessment);

  return section('initial-risk', 'Initial risk (ZCR 2 and ZCR 4)', [
    paragraph(
      'The initial risk is the worst case: every zone is rated as if it were compromised, with the likelihood at the top of the scale and the worst impact of its assets in each category. Where that risk is above the tolerable band (',
      bandLabel(context, model.riskCriteria.tolerable),
      '), the zone needs a detailed assessment (ZCR 4.1).',
    ),
    keyValues([
      [
        'Initial risk of the SuC',
        assessment.systemInitialRisk ? ratingInline(context, assessment.systemInitialRisk) : 'not rated',
      ],
      ['Need a detailed assessment', `${detailed.length} of ${assessment.initialRisk.length}`],
    ]),
    ...sizedTable(context.limits, {
      columns: [
        'Subject',
        ...categories.map((category) => ({ header: category.name, align: 'center' as const })),
        { header: 'L', align: 'center' },
        { header: 'I', align: 'center' },
        'Initial risk',
        'Driven by',
        'Detailed assessment',
      ],
      items: assessment.initialRisk,
      scope: 'model',
      what: 'zones and conduits rated',
      rank: (a, b) => byRiskDescending(a.rating, b.rating),
      rankedBy: 'with the highest initial risk first',
      groups: [
        { label: 'Initial risk', key: (risk) => bandLabel(context, risk.rating.band) },
        {
          label: 'Detailed assessment',
          key: (risk) => (risk.requiresDetailedAssessment ? 'Required' : 'Not required'),
        },
      ],
      fullList: REGISTER_SOURCES.zonesConduits,
      caption: 'Initial risk per zone and conduit',
      emptyText: 'No initial risk was rated.',
      row: (risk) => [
        [text(`${kindLabel(risk.subject)} `), ...idsInline([risk.subject])],
        ...categories.map((category) => cell(risk.impacts[category.id])),
        cell(risk.rating.likelihood),
        cell(risk.rating.impact),
        [bandBadge(context, risk.rating.band)],
        idsInline(risk.drivers),
        [risk.requiresDetailedAssessment ? badge('Required', 'high') : badge('Not required', 'ok')],
      ],
    }),
    heatMapFigure(
      context,
      assessment.heatMaps.initial,
      'figure-heat-map-initial',
      'Initial (worst-case) risk',
    ),
  ]);
};
