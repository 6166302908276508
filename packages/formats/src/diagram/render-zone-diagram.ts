import type { SystemModel } from '@zonewise/core';
import { escapeXml } from '../report/escape';
import {
  fitText,
  num,
  svgAttributes,
  svgDocument,
  svgText,
  textWidth,
  type SvgFigure,
} from '../report/svg/svg-text';
import {
  LABEL_FONT,
  ZONE_BOX,
  layoutZoneDiagram,
  type PlacedConduit,
  type PlacedZone,
  type ZoneDiagramLayout,
  type ZoneDiagramLayoutOptions,
} from './zone-diagram-layout';

/** Options of the standalone zone/conduit diagram. */
export interface ZoneDiagramRenderOptions extends ZoneDiagramLayoutOptions {
  readonly title?: string;
}

const TITLE_HEIGHT = 34;
const LEGEND_HEIGHT = 30;

const zoneBox = (zone: PlacedZone, top: number): string[] => {
  const x = zone.x;
  const y = zone.y + top;
  const out = [
    `<g class="zone"><title>${escapeXml(`${zone.name} (${zone.id}), ${zone.assetCount} asset(s)${zone.isSafetyRelated ? ', safety-related' : ''}`)}</title>`,
    `<rect${svgAttributes({ x, y, width: zone.width, height: zone.height, rx: 10, fill: zone.hasChildren ? '#f5f7f9' : '#ffffff', stroke: zone.isSafetyRelated ? '#b71c1c' : '#455a64', 'stroke-width': zone.isSafetyRelated ? 2.5 : 1.2 })}/>`,
  ];
  const tagWidth = zone.isSafetyRelated ? 50 : 0;
  out.push(
    svgText(x + 10, y + 17, fitText(zone.name, zone.width - 20 - tagWidth, 12), {
      'font-size': 12,
      'font-weight': 'bold',
      fill: '#102027',
    }),
    svgText(
      x + 10,
      y + 32,
      fitText([zone.id, zone.securityLevel].filter(Boolean).join(' · '), zone.width - 20, 10),
      {
        'font-size': 10,
        fill: '#455a64',
      },
    ),
  );
  if (zone.isSafetyRelated) {
    out.push(
      `<rect${svgAttributes({ x: x + zone.width - 52, y: y + 6, width: 44, height: 14, rx: 3, fill: '#b71c1c' })}/>`,
      svgText(x + zone.width - 30, y + 16.5, 'SAFETY', {
        'font-size': 9,
        'font-weight': 'bold',
        'text-anchor': 'middle',
        fill: '#ffffff',
      }),
    );
  }
  zone.lines.forEach((line, index) => {
    const lineTop = y + ZONE_BOX.header + index * ZONE_BOX.line;
    const detailWidth =
      line.detail === undefined ? 0 : Math.min(textWidth(line.detail, 8.5) + 6, zone.width * 0.42);
    out.push(
      `<rect${svgAttributes({ x: x + 8, y: lineTop, width: zone.width - 16, height: ZONE_BOX.line - 3, rx: 6, fill: line.kind === 'connector' ? '#fff8e1' : '#e3eaf0' })}/>`,
      svgText(x + 14, lineTop + 10, fitText(line.text, zone.width - 30 - detailWidth, 9.5), {
        'font-size': 9.5,
        fill: '#102027',
      }),
    );
    if (line.detail !== undefined) {
      out.push(
        svgText(x + zone.width - 13, lineTop + 10, fitText(line.detail, detailWidth, 8.5), {
          'font-size': 8.5,
          'text-anchor': 'end',
          fill: '#546e7a',
        }),
      );
    }
  });
  out.push('</g>');
  return out;
};

const arrowHead = (points: readonly { x: number; y: number }[], top: number): string | undefined => {
  const end = points.at(-1);
  const before = [...points].reverse().find((point) => point.x !== end?.x || point.y !== end.y);
  if (end === undefined || before === undefined) return undefined;
  const length = Math.hypot(end.x - before.x, end.y - before.y);
  const ux = (end.x - before.x) / length;
  const uy = (end.y - before.y) / length;
  const size = 9;
  const corner = (side: number): string =>
    `${num(end.x - ux * size + uy * side * size * 0.5)} ${num(end.y + top - uy * size - ux * side * size * 0.5)}`;
  return `<path d="M${num(end.x)} ${num(end.y + top)} L${corner(1)} L${corner(-1)} Z" fill="#37474f"/>`;
};

const conduitEdge = (conduit: PlacedConduit, top: number): string[] => {
  // Repeated points make zero-length segments, which some renderers choke on.
  const points = conduit.points.filter(
    (point, index) =>
      index === 0 || point.x !== conduit.points[index - 1]?.x || point.y !== conduit.points[index - 1]?.y,
  );
  const [start, ...rest] = points;
  // Connectors between groups of a large diagram are lines in both zone boxes, not edges.
  if (start === undefined || rest.length === 0 || conduit.isConnector) return [];
  const d = `M${num(start.x)} ${num(start.y + top)}${rest.map((point) => ` L${num(point.x)} ${num(point.y + top)}`).join('')}`;
  const label = conduit.label;
  // The arrow head of a data diode is drawn as a triangle rather than an SVG marker, which rasterisers handle unevenly.
  const arrow = conduit.isOneWay ? arrowHead(points, top) : undefined;
  return [
    `<g class="conduit"><title>${escapeXml(conduit.title)}</title>`,
    `<path${svgAttributes({ d, fill: 'none', stroke: conduit.isExternal ? '#6a1b9a' : '#37474f', 'stroke-width': 1.4, ...(conduit.isExternal ? { 'stroke-dasharray': '7 4' } : {}) })}/>`,
    ...(arrow === undefined ? [] : [arrow]),
    `<rect${svgAttributes({ x: label.x, y: label.y + top, width: label.width, height: label.height, rx: 3, fill: '#fffde7', stroke: '#b0a060', 'stroke-width': 0.6 })}/>`,
    svgText(label.x + 5, label.y + top + label.height - 4, label.text, {
      'font-size': LABEL_FONT,
      fill: '#263238',
    }),
    '</g>',
  ];
};

/**
 * Draws a laid-out zone/conduit diagram as a standalone SVG: zones as rounded containers (nested zones inside their
 * parent, safety zones with a red border and tag), asset lines or counts inside, conduits as orthogonal edges with
 * a label (id, SL-T, protocols); external conduits dashed, data diodes with an arrow. Text is escaped.
 */
export const renderZoneDiagramLayoutSvg = (
  layout: ZoneDiagramLayout,
  title: string,
  idPrefix = 'zones',
): SvgFigure => {
  const width = Math.max(layout.width, layout.groups.length > 0 ? 860 : 560);
  const body: string[] = [
    `<rect${svgAttributes({ x: 0, y: 0, width, height: layout.height + TITLE_HEIGHT + LEGEND_HEIGHT, fill: '#ffffff' })}/>`,
    svgText(20, 23, fitText(title, width - 40, 15), {
      'font-size': 15,
      'font-weight': 'bold',
      fill: '#102027',
    }),
  ];
  for (const group of layout.groups) {
    body.push(
      `<rect${svgAttributes({ x: group.x, y: group.y + TITLE_HEIGHT, width: group.width, height: group.height, rx: 14, fill: '#f7f9fb', stroke: '#cfd8dc', 'stroke-dasharray': '4 3' })}/>`,
    );
  }
  // Parents first so that nested zones are drawn on top of them; conduits last, above the boxes.
  for (const zone of [...layout.zones].sort((a, b) => a.depth - b.depth))
    body.push(...zoneBox(zone, TITLE_HEIGHT));
  for (const conduit of layout.conduits) body.push(...conduitEdge(conduit, TITLE_HEIGHT));
  const legendTop = TITLE_HEIGHT + layout.height + 8;
  body.push(
    `<path d="M20 ${num(legendTop + 8)} L60 ${num(legendTop + 8)}" stroke="#37474f" stroke-width="1.4"/>`,
    svgText(66, legendTop + 12, 'conduit: id · SL-T · protocols', { 'font-size': 10, fill: '#37474f' }),
    `<path d="M240 ${num(legendTop + 8)} L280 ${num(legendTop + 8)}" stroke="#6a1b9a" stroke-width="1.4" stroke-dasharray="7 4"/>`,
    svgText(286, legendTop + 12, 'external', { 'font-size': 10, fill: '#37474f' }),
    `<path d="M350 ${num(legendTop + 8)} L390 ${num(legendTop + 8)}" stroke="#37474f" stroke-width="1.4"/>`,
    arrowHead(
      [
        { x: 350, y: legendTop + 8 },
        { x: 391, y: legendTop + 8 },
      ],
      0,
    ) ?? '',
    svgText(396, legendTop + 12, 'data diode', { 'font-size': 10, fill: '#37474f' }),
    `<rect x="470" y="${num(legendTop + 1)}" width="24" height="14" rx="3" fill="#ffffff" stroke="#b71c1c" stroke-width="2.5"/>`,
    svgText(500, legendTop + 12, 'safety zone', { 'font-size': 10, fill: '#37474f' }),
    ...(layout.groups.length > 0
      ? [
          `<rect x="580" y="${num(legendTop + 1)}" width="24" height="13" rx="6" fill="#fff8e1"/>`,
          svgText(610, legendTop + 12, '→ zone: conduit to a zone in another group', {
            'font-size': 10,
            fill: '#37474f',
          }),
        ]
      : []),
  );
  return svgDocument(width, TITLE_HEIGHT + layout.height + LEGEND_HEIGHT, title, body, idPrefix);
};

/** Lays out and draws the zone/conduit diagram of a model (`zonewise diagram`). */
export const renderZoneConduitDiagram = async (
  model: SystemModel,
  options: ZoneDiagramRenderOptions = {},
): Promise<SvgFigure & { readonly layout: ZoneDiagramLayout }> => {
  const layout = await layoutZoneDiagram(model, options);
  const figure = renderZoneDiagramLayoutSvg(
    layout,
    options.title ?? `Zones and conduits: ${model.system.name}`,
  );
  return { ...figure, layout };
};
