import { FOUNDATIONAL_REQUIREMENTS, FR_INFO } from '@zonewise/core';
import { escapeXml } from '../escape';
import { formatVector } from '@zonewise/core';
import {
  SERIES_STYLES,
  type SecurityLevelChartOptions,
  type SecurityLevelSeries,
} from './security-level-radar';
import { fitText, svgAttributes, svgDocument, svgText, type SvgFigure } from './svg-text';

const BAR_WIDTH = 11;
const LEVEL_HEIGHT = 26;
const MAX_LEVEL = 4;

/**
 * Grouped bars of security-level vectors per FR: the compact alternative to the radar chart. Every bar carries its
 * level as a number, and series differ by fill pattern as well as colour.
 */
export const renderSecurityLevelBarsSvg = (
  series: readonly SecurityLevelSeries[],
  options: SecurityLevelChartOptions,
): SvgFigure => {
  const prefix = options.idPrefix ?? 'sl-bars';
  const groupWidth = Math.max(series.length, 1) * BAR_WIDTH + 14;
  const left = 30;
  const chartTop = 44;
  const chartHeight = MAX_LEVEL * LEVEL_HEIGHT;
  const width = Math.max(left + FOUNDATIONAL_REQUIREMENTS.length * groupWidth + 10, 320);
  const legendTop = chartTop + chartHeight + 46;
  const height = legendTop + series.length * 18 + 6;
  const baseline = chartTop + chartHeight;
  const patternId = `${prefix}-hatch`;
  // Solid, hatched, hollow: the three series differ in print without colour.
  const fillOf = (index: number, stroke: string): string =>
    index % 3 === 1 ? `url(#${patternId})` : index % 3 === 2 ? '#ffffff' : stroke;
  const body: string[] = [
    `<defs><pattern id="${escapeXml(patternId)}" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="4" stroke="${SERIES_STYLES[1].stroke}" stroke-width="2"/></pattern></defs>`,
    svgText(8, 22, fitText(options.title, width - 16, 13), { 'font-size': 13, 'font-weight': 'bold' }),
  ];
  for (let level = 0; level <= MAX_LEVEL; level += 1) {
    const y = baseline - level * LEVEL_HEIGHT;
    body.push(
      `<line${svgAttributes({ x1: left, y1: y, x2: width - 8, y2: y, stroke: level === 0 ? '#555555' : '#dddddd', 'stroke-width': 1 })}/>`,
      svgText(left - 6, y + 4, String(level), { 'font-size': 9, 'text-anchor': 'end', fill: '#555555' }),
    );
  }
  FOUNDATIONAL_REQUIREMENTS.forEach((fr, group) => {
    const groupLeft = left + group * groupWidth + 7;
    series.forEach((entry, index) => {
      const style = SERIES_STYLES[index % SERIES_STYLES.length] ?? SERIES_STYLES[0];
      const x = groupLeft + index * BAR_WIDTH;
      const level = entry.vector?.[fr];
      const fill = fillOf(index, style.stroke);
      if (level !== undefined && level > 0) {
        body.push(
          `<rect${svgAttributes({ x, y: baseline - level * LEVEL_HEIGHT, width: BAR_WIDTH - 2, height: level * LEVEL_HEIGHT, fill, stroke: style.stroke, 'stroke-width': 1.2 })}><title>${escapeXml(`${entry.label} ${fr}: ${level}`)}</title></rect>`,
        );
      }
      body.push(
        svgText(
          x + (BAR_WIDTH - 2) / 2,
          baseline - (level ?? 0) * LEVEL_HEIGHT - 3,
          level === undefined ? '–' : String(level),
          {
            'font-size': 8,
            'text-anchor': 'middle',
            fill: '#222222',
          },
        ),
      );
    });
    body.push(
      svgText(groupLeft + (series.length * BAR_WIDTH) / 2, baseline + 14, fr, {
        'font-size': 10,
        'text-anchor': 'middle',
      }),
      svgText(groupLeft + (series.length * BAR_WIDTH) / 2, baseline + 26, FR_INFO[fr].abbreviation, {
        'font-size': 9,
        'text-anchor': 'middle',
        fill: '#555555',
      }),
    );
  });
  series.forEach((entry, index) => {
    const style = SERIES_STYLES[index % SERIES_STYLES.length] ?? SERIES_STYLES[0];
    const y = legendTop + index * 18;
    body.push(
      `<rect${svgAttributes({ x: 10, y: y - 10, width: 22, height: 12, fill: fillOf(index, style.stroke), stroke: style.stroke, 'stroke-width': 1.2 })}/>`,
      svgText(
        40,
        y,
        fitText(`${entry.label}: ${entry.vector ? formatVector(entry.vector) : 'not known'}`, width - 48, 11),
        {
          'font-size': 11,
        },
      ),
    );
  });
  return svgDocument(width, height, options.title, body, prefix);
};
