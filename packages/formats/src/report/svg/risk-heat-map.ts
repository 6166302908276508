import type { HeatMap, RiskCriteria } from '@zonewise/core';
import { escapeXml } from '../escape';
import { bandColor, bandShortLabels } from './risk-bands';
import { contrastText, fitText, num, svgAttributes, svgDocument, svgText, type SvgFigure } from './svg-text';

/** Options of the heat map. */
export interface RiskHeatMapOptions {
  /** Figure title, also the accessible name. */
  readonly title: string;
  /** Prefix for element ids, unique within the page the figure is embedded in. */
  readonly idPrefix?: string;
}

const CELL_WIDTH = 64;
const CELL_HEIGHT = 44;
const AXIS_WIDTH = 150;
const TOP = 40;

/** Likelihood levels in display order: the most likely row on top, whichever way the scale is numbered. */
export const likelihoodRowsTopDown = (criteria: RiskCriteria): readonly number[] => {
  const levels = criteria.matrix.map((_row, index) => index + 1);
  return criteria.likelihood.direction === 'ascending' ? [...levels].reverse() : levels;
};

/**
 * Risk heat map (likelihood × worst impact, ZCR 2 and 5.5/5.10): each cell is filled with its band colour and
 * labelled with the number of scenarios and the band's initial, and cells above the tolerable band are outlined,
 * so the figure reads without colour.
 */
export const renderRiskHeatMapSvg = (
  criteria: RiskCriteria,
  heatMap: HeatMap,
  options: RiskHeatMapOptions,
): SvgFigure => {
  const prefix = options.idPrefix ?? 'heat-map';
  const rows = likelihoodRowsTopDown(criteria);
  const impactCount = Math.max(0, ...criteria.matrix.map((row) => row.length));
  const bandsById = new Map(criteria.bands.map((band) => [band.id, band]));
  const shortLabels = bandShortLabels(criteria.bands);
  const tolerableRank = bandsById.get(criteria.tolerable)?.rank ?? 0;
  const gridWidth = impactCount * CELL_WIDTH;
  const gridHeight = rows.length * CELL_HEIGHT;
  const legendTop = TOP + gridHeight + 44;
  const legendRows = criteria.bands.length + 1;
  const width = Math.max(AXIS_WIDTH + gridWidth + 20, 360);
  const height = legendTop + legendRows * 18 + 10;
  const body: string[] = [];

  body.push(
    svgText(8, 22, fitText(options.title, width - 16, 14), { 'font-size': 14, 'font-weight': 'bold' }),
  );
  rows.forEach((likelihood, rowIndex) => {
    const y = TOP + rowIndex * CELL_HEIGHT;
    const label = criteria.likelihood.levels.find((level) => level.level === likelihood)?.label ?? '';
    body.push(
      svgText(
        AXIS_WIDTH - 8,
        y + CELL_HEIGHT / 2 + 4,
        fitText(`${likelihood} ${label}`, AXIS_WIDTH - 40, 11),
        {
          'font-size': 11,
          'text-anchor': 'end',
        },
      ),
    );
    for (let impact = 1; impact <= impactCount; impact += 1) {
      const x = AXIS_WIDTH + (impact - 1) * CELL_WIDTH;
      const bandId = criteria.matrix[likelihood - 1]?.[impact - 1] ?? '';
      const band = bandsById.get(bandId);
      const fill = band ? bandColor(band, criteria.bands.length) : '#eeeeee';
      const ink = contrastText(fill);
      const count = heatMap[likelihood - 1]?.[impact - 1]?.length ?? 0;
      const isAboveTolerable = band !== undefined && band.rank > tolerableRank;
      const short = shortLabels.get(bandId) ?? '?';
      body.push(
        `<g><title>${escapeXml(`Likelihood ${likelihood}, impact ${impact}: ${band?.label ?? bandId}, ${count} scenario(s)`)}</title>`,
        `<rect${svgAttributes({ x, y, width: CELL_WIDTH, height: CELL_HEIGHT, fill, stroke: '#ffffff', 'stroke-width': 1 })}/>`,
        ...(isAboveTolerable
          ? [
              `<rect${svgAttributes({ x: x + 3, y: y + 3, width: CELL_WIDTH - 6, height: CELL_HEIGHT - 6, fill: 'none', stroke: ink, 'stroke-width': 1.5, 'stroke-dasharray': '4 2' })}/>`,
            ]
          : []),
        svgText(x + CELL_WIDTH / 2, y + CELL_HEIGHT / 2 + 2, String(count), {
          'font-size': count > 0 ? 18 : 13,
          'font-weight': count > 0 ? 'bold' : 'normal',
          'text-anchor': 'middle',
          fill: ink,
        }),
        svgText(x + CELL_WIDTH / 2, y + CELL_HEIGHT - 7, short, {
          'font-size': 9,
          'text-anchor': 'middle',
          fill: ink,
        }),
        '</g>',
      );
    }
  });
  for (let impact = 1; impact <= impactCount; impact += 1) {
    body.push(
      svgText(AXIS_WIDTH + (impact - 0.5) * CELL_WIDTH, TOP + gridHeight + 16, String(impact), {
        'font-size': 11,
        'text-anchor': 'middle',
      }),
    );
  }
  body.push(
    svgText(AXIS_WIDTH + gridWidth / 2, TOP + gridHeight + 32, 'Impact (worst category) →', {
      'font-size': 11,
      'text-anchor': 'middle',
    }),
    svgText(12, TOP + gridHeight / 2, 'Likelihood ↑', {
      'font-size': 11,
      transform: `rotate(-90 12 ${num(TOP + gridHeight / 2)})`,
      'text-anchor': 'middle',
    }),
  );
  criteria.bands.forEach((band, index) => {
    const y = legendTop + index * 18;
    const fill = bandColor(band, criteria.bands.length);
    body.push(
      `<rect${svgAttributes({ x: 8, y: y - 11, width: 22, height: 14, fill })}/>`,
      svgText(19, y, shortLabels.get(band.id) ?? '?', {
        'font-size': 10,
        'text-anchor': 'middle',
        fill: contrastText(fill),
      }),
      svgText(
        38,
        y,
        fitText(
          `${band.label}${band.rank <= tolerableRank ? ' (tolerable)' : ' (above tolerable)'}`,
          width - 46,
          11,
        ),
        { 'font-size': 11 },
      ),
    );
  });
  body.push(
    svgText(8, legendTop + criteria.bands.length * 18, 'Dashed outline: band above the tolerable risk.', {
      'font-size': 10,
      fill: '#444444',
    }),
  );
  return svgDocument(width, height, options.title, body, prefix);
};
