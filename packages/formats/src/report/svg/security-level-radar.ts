import { FOUNDATIONAL_REQUIREMENTS, FR_INFO, formatVector, type SecurityLevelVector } from '@zonewise/core';
import { escapeXml } from '../escape';
import { fitText, num, svgAttributes, svgDocument, svgText, type SvgFigure } from './svg-text';

/** One vector to draw; an undefined vector is listed in the legend as not known. */
export interface SecurityLevelSeries {
  readonly label: string;
  readonly vector: SecurityLevelVector | undefined;
}

/** Options of the SL charts. */
export interface SecurityLevelChartOptions {
  readonly title: string;
  /** Prefix for element ids, unique within the page the figure is embedded in. */
  readonly idPrefix?: string;
}

/** Line style, marker and colour per series position, so that series differ without colour too. */
export const SERIES_STYLES = [
  { stroke: '#1f4e79', dash: '', marker: 'circle' },
  { stroke: '#7b3294', dash: '6 3', marker: 'square' },
  { stroke: '#1b7837', dash: '2 3', marker: 'triangle' },
  { stroke: '#b35806', dash: '8 3 2 3', marker: 'diamond' },
] as const;

type SeriesStyle = (typeof SERIES_STYLES)[number];

/** A small marker shape centred on (x, y). */
export const markerShape = (style: SeriesStyle, x: number, y: number, size = 4): string => {
  const common = { fill: style.stroke, stroke: '#ffffff', 'stroke-width': 1 };
  switch (style.marker) {
    case 'circle':
      return `<circle${svgAttributes({ cx: x, cy: y, r: size, ...common })}/>`;
    case 'square':
      return `<rect${svgAttributes({ x: x - size, y: y - size, width: size * 2, height: size * 2, ...common })}/>`;
    case 'triangle':
      return `<polygon${svgAttributes({ points: `${num(x)},${num(y - size - 1)} ${num(x + size + 1)},${num(y + size)} ${num(x - size - 1)},${num(y + size)}`, ...common })}/>`;
    case 'diamond':
      return `<polygon${svgAttributes({ points: `${num(x)},${num(y - size - 1)} ${num(x + size + 1)},${num(y)} ${num(x)},${num(y + size + 1)} ${num(x - size - 1)},${num(y)}`, ...common })}/>`;
  }
};

/** Legend entries below a chart: line sample, marker, label and the vector in the standard's notation. */
export const seriesLegend = (series: readonly SecurityLevelSeries[], top: number, width: number): string[] =>
  series.flatMap((entry, index) => {
    const style = SERIES_STYLES[index % SERIES_STYLES.length] ?? SERIES_STYLES[0];
    const y = top + index * 18;
    const value = entry.vector ? formatVector(entry.vector) : 'not known';
    return [
      `<line${svgAttributes({ x1: 10, y1: y - 4, x2: 40, y2: y - 4, stroke: style.stroke, 'stroke-width': 2.5, ...(style.dash ? { 'stroke-dasharray': style.dash } : {}) })}/>`,
      markerShape(style, 25, y - 4),
      svgText(48, y, fitText(`${entry.label}: ${value}`, width - 56, 11), { 'font-size': 11 }),
    ];
  });

const RADIUS = 105;
const MAX_LEVEL = 4;

/**
 * Radar chart of security-level vectors on the seven FR axes (SL-T vs SL-C vs SL-A, IEC 62443-3-3 Annex A
 * notation). Each series has its own line style and marker, and the legend prints each vector as numbers.
 */
export const renderSecurityLevelRadarSvg = (
  series: readonly SecurityLevelSeries[],
  options: SecurityLevelChartOptions,
): SvgFigure => {
  const prefix = options.idPrefix ?? 'sl-radar';
  const width = 340;
  const centerX = width / 2;
  const centerY = 40 + RADIUS + 18;
  const legendTop = centerY + RADIUS + 40;
  const height = legendTop + series.length * 18 + 6;
  const axisCount = FOUNDATIONAL_REQUIREMENTS.length;
  const point = (axis: number, level: number): readonly [number, number] => {
    const angle = -Math.PI / 2 + (axis * 2 * Math.PI) / axisCount;
    const distance = (level / MAX_LEVEL) * RADIUS;
    return [centerX + distance * Math.cos(angle), centerY + distance * Math.sin(angle)];
  };
  const ring = (level: number): string =>
    FOUNDATIONAL_REQUIREMENTS.map((_fr, axis) => point(axis, level).map(num).join(',')).join(' ');
  const body: string[] = [
    svgText(8, 22, fitText(options.title, width - 16, 13), { 'font-size': 13, 'font-weight': 'bold' }),
  ];

  for (let level = 1; level <= MAX_LEVEL; level += 1) {
    body.push(
      `<polygon${svgAttributes({ points: ring(level), fill: 'none', stroke: '#c8c8c8', 'stroke-width': 1 })}/>`,
    );
    const [labelX, labelY] = point(0, level);
    body.push(svgText(labelX + 4, labelY + 4, String(level), { 'font-size': 9, fill: '#666666' }));
  }
  FOUNDATIONAL_REQUIREMENTS.forEach((fr, axis) => {
    const [endX, endY] = point(axis, MAX_LEVEL);
    const [labelX, labelY] = point(axis, MAX_LEVEL + 0.55);
    body.push(
      `<line${svgAttributes({ x1: centerX, y1: centerY, x2: endX, y2: endY, stroke: '#c8c8c8', 'stroke-width': 1 })}/>`,
      svgText(labelX, labelY + 4, `${fr} ${FR_INFO[fr].abbreviation}`, {
        'font-size': 10,
        'text-anchor': 'middle',
      }),
    );
  });
  series.forEach((entry, index) => {
    const vector = entry.vector;
    if (vector === undefined) return;
    const style = SERIES_STYLES[index % SERIES_STYLES.length] ?? SERIES_STYLES[0];
    const points = FOUNDATIONAL_REQUIREMENTS.map((fr, axis) => point(axis, vector[fr]));
    body.push(
      `<g><title>${escapeXml(`${entry.label} ${formatVector(vector)}`)}</title>`,
      `<polygon${svgAttributes({ points: points.map((pair) => pair.map(num).join(',')).join(' '), fill: style.stroke, 'fill-opacity': 0.08, stroke: style.stroke, 'stroke-width': 2, ...(style.dash ? { 'stroke-dasharray': style.dash } : {}) })}/>`,
      ...points.map(([x, y]) => markerShape(style, x, y, 3.5)),
      '</g>',
    );
  });
  body.push(...seriesLegend(series, legendTop, width));
  return svgDocument(width, height, options.title, body, prefix);
};
