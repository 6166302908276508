import { FOUNDATIONAL_REQUIREMENTS, type EntityRef, type HeatMap } from '@zonewise/core';
import { cell, code, table, text, type FigureBlock } from '../document-model';
import { bandLabel, kindLabel, requirementsOf, targetOf, type ReportContext } from '../report-context';
import { likelihoodRowsTopDown, renderRiskHeatMapSvg } from '../svg/risk-heat-map';
import { renderSecurityLevelRadarSvg } from '../svg/security-level-radar';
import { REGISTER_SOURCES, isOverLimit, topItems } from '../report-size';
import { renderZoneDiagramSvg } from '../svg/zone-diagram';

/** A heat map figure with its counts as a fallback table. */
export const heatMapFigure = (
  context: ReportContext,
  heatMap: HeatMap,
  id: string,
  caption: string,
): FigureBlock => {
  const criteria = context.model.riskCriteria;
  const figure = renderRiskHeatMapSvg(criteria, heatMap, { title: caption, idPrefix: id });
  const impactCount = Math.max(0, ...criteria.matrix.map((row) => row.length));
  const impacts = Array.from({ length: impactCount }, (_, index) => index + 1);
  const total = heatMap.flat().reduce((sum, ids) => sum + ids.length, 0);
  return {
    kind: 'figure',
    id,
    caption,
    ...figure,
    alt: `${caption}: risk heat map of likelihood against impact with ${total} entries; counts per cell are in the table.`,
    fallback: table(
      ['Likelihood', ...impacts.map((impact) => ({ header: `Impact ${impact}`, align: 'center' as const }))],
      likelihoodRowsTopDown(criteria).map((likelihood) => [
        cell(
          `${likelihood} ${criteria.likelihood.levels.find((level) => level.level === likelihood)?.label ?? ''}`.trim(),
        ),
        ...impacts.map((impact) => {
          const count = heatMap[likelihood - 1]?.[impact - 1]?.length ?? 0;
          const band = criteria.matrix[likelihood - 1]?.[impact - 1] ?? '';
          return cell(`${count} (${bandLabel(context, band)})`);
        }),
      ]),
    ),
  };
};

/** The zone and conduit diagram figure; its fallback points at the zone and conduit tables. */
export const zoneDiagramFigure = (context: ReportContext, id: string, caption: string): FigureBlock => {
  const conduits = context.model.conduits;
  const shownConduits = isOverLimit(context.limits, 'model', conduits.length)
    ? topItems(
        conduits,
        context.limits.topRows,
        (a, b) =>
          Number(b.isExternal) - Number(a.isExternal) ||
          Number(a.enforcement.length > 0) - Number(b.enforcement.length > 0),
      )
    : conduits;
  const figure = renderZoneDiagramSvg(context.model, {
    title: caption,
    idPrefix: id,
    targets: context.assessment.targets,
  });
  return {
    kind: 'figure',
    id,
    caption,
    ...figure,
    alt: `${caption}: ${context.model.zones.length} zones by Purdue level and ${context.model.conduits.length} conduits between them.`,
    fallback: table(
      ['Conduit', 'Joins', 'External', 'Enforcement'],
      shownConduits.map((conduit) => [
        [code(conduit.id)],
        [text(conduit.zones.join(' ↔ '))],
        cell(conduit.isExternal ? 'Yes' : 'No'),
        cell(conduit.enforcement.join(', ') || 'none'),
      ]),
      {
        emptyText: 'No conduits.',
        // Above the size limit the fallback keeps the external and unenforced conduits first, as the Conduits table.
        ...(shownConduits.length < conduits.length
          ? {
              caption: `The ${shownConduits.length} external or unenforced conduits first, of ${conduits.length}; the full list is the “${REGISTER_SOURCES.zonesConduits.sheet}” sheet of the registers workbook (zonewise export registers)`,
            }
          : {}),
      },
    ),
  };
};

/** SL-T vs SL-C vs SL-A radar for one zone or conduit, with the vectors as a fallback table. */
export const securityLevelFigure = (context: ReportContext, subject: EntityRef, id: string): FigureBlock => {
  const target = targetOf(context, subject)?.target;
  const result = requirementsOf(context, subject);
  const series = [
    { label: 'SL-T', vector: target ?? result?.target },
    { label: 'SL-C', vector: result?.capability },
    { label: 'SL-A', vector: result?.achieved },
  ];
  const caption = `${kindLabel(subject)} ${subject.name ?? subject.id}: SL-T, SL-C and SL-A per FR`;
  const figure = renderSecurityLevelRadarSvg(series, {
    title: `${kindLabel(subject)} ${subject.name ?? subject.id}`,
    idPrefix: id,
  });
  return {
    kind: 'figure',
    id,
    caption,
    ...figure,
    alt: `${caption}.`,
    fallback: table(
      ['Vector', ...FOUNDATIONAL_REQUIREMENTS.map((fr) => ({ header: fr, align: 'center' as const }))],
      series.map((entry) => [
        cell(entry.label),
        ...FOUNDATIONAL_REQUIREMENTS.map((fr) =>
          cell(entry.vector === undefined ? '–' : String(entry.vector[fr])),
        ),
      ]),
    ),
  };
};
