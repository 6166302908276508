import { formatVector, type Conduit, type SystemModel, type TargetLevels, type Zone } from '@zonewise/core';
import { escapeXml } from '../escape';
import {
  fitText,
  num,
  wrapText,
  svgAttributes,
  svgDocument,
  svgText,
  textWidth,
  type SvgFigure,
} from './svg-text';

/** Options of the zone and conduit diagram. */
export interface ZoneDiagramOptions {
  readonly title?: string;
  /** Prefix for element ids, unique within the page the figure is embedded in. */
  readonly idPrefix?: string;
  /** SL-T per zone and conduit, printed on boxes and edges when given. */
  readonly targets?: readonly TargetLevels[];
  /** Asset chips per zone before "+N more"; by default fewer as the diagram grows. */
  readonly maxAssetsPerZone?: number;
}

/** Purdue level names used for the rows of the diagram (ISA-95 / Purdue reference model). */
export const PURDUE_LEVEL_NAMES: Readonly<Record<string, string>> = {
  '5': 'Internet / external',
  '4': 'Enterprise',
  '3.5': 'Industrial DMZ',
  '3': 'Site operations',
  '2': 'Supervisory control',
  '1': 'Basic control and safety',
  '0': 'Process',
};

interface Node {
  readonly zone: Zone;
  readonly band: number;
  readonly chips: readonly { readonly name: string; readonly kind: string }[];
  readonly more: number;
  readonly assetCount: number;
  line: number;
  column: number;
  height: number;
}

interface Band {
  readonly level: number | undefined;
  readonly nodes: Node[];
  firstLine: number;
  lineCount: number;
}

interface Edge {
  readonly index: number;
  readonly conduit: Conduit;
  /** Upper (or left, on the same line) end. */
  readonly upper: Node;
  readonly lower: Node;
  readonly label: string;
  readonly arrow: 'none' | 'to-lower' | 'to-upper';
  verticalGutter?: number;
  verticalLane?: number;
  upperPortX?: number;
  lowerPortX?: number;
}

interface HorizontalSegment {
  readonly edge: Edge;
  readonly gutter: number;
  readonly from: number;
  readonly to: number;
  readonly hasLabel: boolean;
  lane?: number;
}

const LEFT = 128;
const HEADER = 42;
const CHIP = 18;
const GUTTER_BASE_WIDTH = 30;
const VERTICAL_LANE = 8;
const GUTTER_BASE_HEIGHT = 26;
const HORIZONTAL_LANE = 17;
const LABEL_FONT = 10;
const TOP = 44;

const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

const levelName = (level: number | undefined): string =>
  level === undefined ? 'No assets' : (PURDUE_LEVEL_NAMES[String(level)] ?? `Level ${level}`);

const slText = (target: TargetLevels | undefined): string | undefined => {
  if (!target) return undefined;
  const levels = Object.values(target.target);
  return levels.every((level) => level === levels[0])
    ? `SL-T ${levels[0] ?? 0}`
    : `SL-T ${formatVector(target.target)}`;
};

/** Packs intervals into the fewest lanes, first fit in the given order; returns the lane per interval. */
const packLanes = (intervals: readonly (readonly [number, number])[], gap: number): number[] => {
  const laneEnds: number[] = [];
  return intervals.map(([start, end]) => {
    let lane = laneEnds.findIndex((laneEnd) => laneEnd + gap <= start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else {
      laneEnds[lane] = end;
    }
    return lane;
  });
};

/**
 * The zone and conduit diagram (ZCR 3.1, 6.3): zones as rounded containers in rows by the Purdue level of their
 * assets (enterprise on top, control and safety at the bottom), asset chips inside with "+N more", conduits as
 * edges routed orthogonally through the gaps between zones and labelled with protocols and SL-T. External conduits
 * are dashed, data diodes get a one-way arrow. Rows wrap and boxes get more compact as the model grows, so that
 * 300 zones stay legible when zoomed. Deterministic: the same model gives the same SVG.
 */
export const renderZoneDiagramSvg = (model: SystemModel, options: ZoneDiagramOptions = {}): SvgFigure => {
  const prefix = options.idPrefix ?? 'zone-diagram';
  const title = options.title ?? `Zones and conduits: ${model.system.name}`;
  const zoneCount = model.zones.length;
  const isCompact = zoneCount > 60;
  const boxWidth = isCompact ? 176 : 212;
  const chipLimit = options.maxAssetsPerZone ?? (zoneCount <= 30 ? 6 : zoneCount <= 100 ? 3 : 0);
  const targetOf = new Map(
    (options.targets ?? []).map((target) => [`${target.subject.kind}:${target.subject.id}`, target]),
  );

  // Bands by Purdue level: the lower median of the zone's asset levels keeps a control zone with a few HMIs at
  // level 1 and a DMZ with one historian at 3.5.
  const levelOfZone = (zone: Zone): number | undefined =>
    median(model.assetsIn(zone.id).map((asset) => asset.purdueLevel ?? asset.kind.purdueLevel));
  const levels = model.zones.map(levelOfZone);
  const distinct = [...new Set(levels.filter((level): level is number => level !== undefined))].sort(
    (a, b) => b - a,
  );
  const bandLevels: (number | undefined)[] = levels.some((level) => level === undefined)
    ? [...distinct, undefined]
    : distinct;
  const bands: Band[] = bandLevels.map((level) => ({ level, nodes: [], firstLine: 0, lineCount: 0 }));
  const nodeOf = new Map<string, Node>();
  model.zones.forEach((zone, index) => {
    const band = bandLevels.indexOf(levels[index]);
    const assets = model.assetsIn(zone.id);
    const shown = assets.length <= chipLimit ? assets : assets.slice(0, Math.max(chipLimit - 1, 0));
    const node: Node = {
      zone,
      band,
      chips: shown.map((asset) => ({ name: asset.name, kind: asset.kind.id })),
      more: assets.length - shown.length,
      assetCount: assets.length,
      line: 0,
      column: 0,
      height: 0,
    };
    bands[band]?.nodes.push(node);
    nodeOf.set(zone.id, node);
  });

  const pairs = model.conduits.flatMap((conduit) => {
    const [first, ...others] = conduit.zones;
    return others
      .filter((other) => other !== first)
      .map((other) => ({ conduit, a: nodeOf.get(first ?? ''), b: nodeOf.get(other) }))
      .filter(
        (pair): pair is { conduit: Conduit; a: Node; b: Node } =>
          pair.a !== undefined && pair.b !== undefined,
      );
  });

  const maxPerBand = Math.max(1, ...bands.map((band) => band.nodes.length));
  const columns = Math.min(maxPerBand, zoneCount <= 60 ? 5 : 8);

  // Order zones inside each band by the mean column of their neighbours (one pass down, one up) to cut crossings.
  const place = (): void => {
    let line = 0;
    for (const band of bands) {
      band.firstLine = line;
      band.lineCount = Math.max(1, Math.ceil(band.nodes.length / columns));
      band.nodes.forEach((node, index) => {
        node.line = line + Math.floor(index / columns);
        node.column = index % columns;
      });
      line += band.lineCount;
    }
  };
  const neighbours = (node: Node, isAbove: boolean): number[] =>
    pairs
      .flatMap(({ a, b }) => (a === node ? [b] : b === node ? [a] : []))
      .filter((other) => (isAbove ? other.band < node.band : other.band > node.band))
      .map((other) => other.column);
  const reorder = (band: Band, isAbove: boolean): void => {
    const keyed = band.nodes.map((node, index) => {
      const columnsOfNeighbours = neighbours(node, isAbove);
      const key =
        columnsOfNeighbours.length === 0
          ? node.column
          : columnsOfNeighbours.reduce((sum, column) => sum + column, 0) / columnsOfNeighbours.length;
      return { node, key, index };
    });
    keyed.sort((x, y) => x.key - y.key || x.index - y.index);
    band.nodes.splice(0, band.nodes.length, ...keyed.map((entry) => entry.node));
  };
  place();
  for (const band of bands.slice(1)) {
    reorder(band, true);
    place();
  }
  for (const band of [...bands].reverse().slice(1)) {
    reorder(band, false);
    place();
  }

  const lineCount = bands.reduce((sum, band) => sum + band.lineCount, 0);
  for (const node of nodeOf.values()) {
    const chipLines = chipLimit === 0 ? 1 : node.chips.length + (node.more > 0 ? 1 : 0);
    node.height = HEADER + Math.max(chipLines, 1) * CHIP + 8;
  }
  const lineHeights = Array.from({ length: lineCount }, (_, line) =>
    Math.max(60, ...[...nodeOf.values()].filter((node) => node.line === line).map((node) => node.height)),
  );

  // Edges: the upper end is the one on the earlier line (or further left on the same line).
  const edges: Edge[] = pairs.map(({ conduit, a, b }, index) => {
    const isAUpper = a.line < b.line || (a.line === b.line && a.column <= b.column);
    const upper = isAUpper ? a : b;
    const lower = isAUpper ? b : a;
    const between = (conduit.channels ?? []).filter(
      (channel) =>
        (channel.from === upper.zone.id && channel.to === lower.zone.id) ||
        (channel.from === lower.zone.id && channel.to === upper.zone.id),
    );
    const isDiode = conduit.enforcement.includes('data-diode');
    const arrow: Edge['arrow'] =
      !isDiode || between.length === 0
        ? 'none'
        : between.every((channel) => channel.to === lower.zone.id)
          ? 'to-lower'
          : between.every((channel) => channel.to === upper.zone.id)
            ? 'to-upper'
            : 'none';
    const protocols = [
      ...new Set(
        between.map((channel) =>
          channel.port === undefined ? channel.protocol : `${channel.protocol}/${channel.port}`,
        ),
      ),
    ];
    const protocolText =
      protocols.length === 0
        ? ''
        : protocols.length <= 3
          ? protocols.join(', ')
          : `${protocols.slice(0, 3).join(', ')} +${protocols.length - 3}`;
    const sl = slText(targetOf.get(`conduit:${conduit.id}`));
    // SL-T before protocols, so that a long protocol list is what gets shortened.
    const label = fitText(
      [conduit.id, sl, protocolText].filter((part) => part !== undefined && part !== '').join(' · '),
      300,
      LABEL_FONT,
    );
    return { index, conduit, upper, lower, label, arrow };
  });

  // Vertical gutters (between columns) carry edges that skip lines; lanes are packed by gutter-row index.
  const verticalRequests = new Map<number, Edge[]>();
  for (const edge of edges) {
    if (edge.lower.line - edge.upper.line <= 1) continue;
    const gutter =
      edge.lower.column > edge.upper.column
        ? edge.upper.column + 1
        : edge.lower.column < edge.upper.column
          ? edge.upper.column
          : edge.upper.column + 1;
    edge.verticalGutter = gutter;
    verticalRequests.set(gutter, [...(verticalRequests.get(gutter) ?? []), edge]);
  }
  const verticalLaneCount = new Map<number, number>();
  for (const [gutter, requests] of verticalRequests) {
    const ordered = [...requests].sort((x, y) => x.upper.line - y.upper.line || x.index - y.index);
    const lanes = packLanes(
      ordered.map((edge) => [edge.upper.line + 1, edge.lower.line + 0.5] as const),
      0.5,
    );
    ordered.forEach((edge, position) => {
      edge.verticalLane = lanes[position] ?? 0;
    });
    verticalLaneCount.set(gutter, Math.max(0, ...lanes) + 1);
  }
  const gutterWidth = (gutter: number): number =>
    GUTTER_BASE_WIDTH + (verticalLaneCount.get(gutter) ?? 0) * VERTICAL_LANE;
  const gutterX: number[] = [];
  const columnX: number[] = [];
  let cursorX = LEFT;
  for (let column = 0; column <= columns; column += 1) {
    gutterX.push(cursorX);
    cursorX += gutterWidth(column);
    if (column < columns) {
      columnX.push(cursorX);
      cursorX += boxWidth;
    }
  }
  const width = Math.max(cursorX + 10, 480);
  const laneX = (edge: Edge): number =>
    (gutterX[edge.verticalGutter ?? 0] ?? 0) +
    GUTTER_BASE_WIDTH / 2 +
    (edge.verticalLane ?? 0) * VERTICAL_LANE;
  const centerX = (node: Node): number => (columnX[node.column] ?? 0) + boxWidth / 2;

  // Ports: edges spread along the top or bottom side of a box, ordered by where they head.
  const attachments = new Map<string, { edge: Edge; isUpperEnd: boolean; towards: number }[]>();
  const attach = (
    node: Node,
    side: 'top' | 'bottom',
    edge: Edge,
    isUpperEnd: boolean,
    towards: number,
  ): void => {
    const key = `${node.zone.id}\u0000${side}`;
    attachments.set(key, [...(attachments.get(key) ?? []), { edge, isUpperEnd, towards }]);
  };
  for (const edge of edges) {
    const isLong = edge.verticalGutter !== undefined;
    attach(edge.upper, 'bottom', edge, true, isLong ? laneX(edge) : centerX(edge.lower));
    attach(
      edge.lower,
      edge.lower.line === edge.upper.line ? 'bottom' : 'top',
      edge,
      false,
      isLong ? laneX(edge) : centerX(edge.upper),
    );
  }
  for (const [key, list] of attachments) {
    const node = nodeOf.get(key.split('\u0000')[0] ?? '');
    if (!node) continue;
    list.sort((x, y) => x.towards - y.towards || x.edge.index - y.edge.index);
    const left = columnX[node.column] ?? 0;
    list.forEach((entry, position) => {
      const x = left + ((position + 1) * boxWidth) / (list.length + 1);
      if (entry.isUpperEnd) entry.edge.upperPortX = x;
      else entry.edge.lowerPortX = x;
    });
  }

  // Horizontal segments in the gutters between lines; a label travels with its edge's longest segment.
  const segments: HorizontalSegment[] = edges.flatMap((edge) => {
    const upperX = edge.upperPortX ?? centerX(edge.upper);
    const lowerX = edge.lowerPortX ?? centerX(edge.lower);
    if (edge.verticalGutter === undefined) {
      return [{ edge, gutter: edge.upper.line + 1, from: upperX, to: lowerX, hasLabel: true }];
    }
    const turn = laneX(edge);
    const firstIsLonger = Math.abs(turn - upperX) >= Math.abs(lowerX - turn);
    return [
      { edge, gutter: edge.upper.line + 1, from: upperX, to: turn, hasLabel: firstIsLonger },
      { edge, gutter: edge.lower.line, from: turn, to: lowerX, hasLabel: !firstIsLonger },
    ];
  });
  const labelWidth = (edge: Edge): number => textWidth(edge.label, LABEL_FONT) + 10;
  // Labels sit on the middle of their segment, moved inwards when they would stick out past the zone columns.
  const labelCenter = (segment: HorizontalSegment): number => {
    const half = labelWidth(segment.edge) / 2;
    const middle = (segment.from + segment.to) / 2;
    return Math.min(Math.max(middle, LEFT + half), cursorX - half);
  };
  const extent = (segment: HorizontalSegment): readonly [number, number] => {
    const low = Math.min(segment.from, segment.to);
    const high = Math.max(segment.from, segment.to);
    if (!segment.hasLabel) return [low, high];
    const center = labelCenter(segment);
    const half = labelWidth(segment.edge) / 2;
    return [Math.min(low, center - half), Math.max(high, center + half)];
  };
  const horizontalLaneCount = new Map<number, number>();
  for (let gutter = 0; gutter <= lineCount; gutter += 1) {
    const inGutter = segments
      .filter((segment) => segment.gutter === gutter)
      .sort((x, y) => extent(x)[0] - extent(y)[0] || x.edge.index - y.edge.index);
    const lanes = packLanes(inGutter.map(extent), 6);
    inGutter.forEach((segment, position) => {
      segment.lane = lanes[position] ?? 0;
    });
    horizontalLaneCount.set(gutter, inGutter.length === 0 ? 0 : Math.max(...lanes) + 1);
  }
  const gutterHeight = (gutter: number): number =>
    Math.max(GUTTER_BASE_HEIGHT, 16 + (horizontalLaneCount.get(gutter) ?? 0) * HORIZONTAL_LANE);
  const gutterY: number[] = [];
  const lineY: number[] = [];
  let cursorY = TOP;
  for (let line = 0; line <= lineCount; line += 1) {
    gutterY.push(cursorY);
    cursorY += gutterHeight(line);
    if (line < lineCount) {
      lineY.push(cursorY);
      cursorY += lineHeights[line] ?? 0;
    }
  }
  const legendTop = cursorY + 16;
  const height = legendTop + 4 * 18 + 8;
  const laneY = (segment: HorizontalSegment): number =>
    (gutterY[segment.gutter] ?? 0) + 14 + (segment.lane ?? 0) * HORIZONTAL_LANE;
  const boxTop = (node: Node): number => lineY[node.line] ?? 0;
  const boxBottom = (node: Node): number => boxTop(node) + node.height;

  const body: string[] = [
    `<defs><marker id="${escapeXml(prefix)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#263238"/></marker></defs>`,
    svgText(10, 26, fitText(title, width - 20, 16), { 'font-size': 16, 'font-weight': 'bold' }),
  ];

  // Level bands.
  bands.forEach((band, index) => {
    const top = (lineY[band.firstLine] ?? 0) - 8;
    const lastLine = band.firstLine + band.lineCount - 1;
    const bottom = (lineY[lastLine] ?? 0) + (lineHeights[lastLine] ?? 0) + 8;
    body.push(
      `<rect${svgAttributes({ x: 4, y: top, width: width - 8, height: bottom - top, rx: 6, fill: index % 2 === 0 ? '#f3f6f9' : '#eaeff4' })}/>`,
      svgText(14, top + 22, band.level === undefined ? '–' : `L${band.level}`, {
        'font-size': 18,
        'font-weight': 'bold',
        fill: '#37474f',
      }),
    );
    wrapText(levelName(band.level), LEFT - 24, 10, 2).forEach((line, lineIndex) => {
      body.push(svgText(14, top + 38 + lineIndex * 12, line, { 'font-size': 10, fill: '#37474f' }));
    });
  });

  // Edges under the labels.
  const paths = edges.map((edge) => {
    const upperX = edge.upperPortX ?? centerX(edge.upper);
    const lowerX = edge.lowerPortX ?? centerX(edge.lower);
    const own = segments.filter((segment) => segment.edge === edge);
    const first = own[0];
    const second = own[1];
    const isSameLine = edge.upper.line === edge.lower.line;
    const lowerY = isSameLine ? boxBottom(edge.lower) : boxTop(edge.lower);
    const d =
      first === undefined
        ? ''
        : second === undefined
          ? `M${num(upperX)},${num(boxBottom(edge.upper))} V${num(laneY(first))} H${num(lowerX)} V${num(lowerY)}`
          : `M${num(upperX)},${num(boxBottom(edge.upper))} V${num(laneY(first))} H${num(laneX(edge))} V${num(laneY(second))} H${num(lowerX)} V${num(lowerY)}`;
    const marker =
      edge.arrow === 'to-lower'
        ? { 'marker-end': `url(#${prefix}-arrow)` }
        : edge.arrow === 'to-upper'
          ? { 'marker-start': `url(#${prefix}-arrow)` }
          : {};
    return `<path${svgAttributes({ d, fill: 'none', stroke: edge.conduit.isExternal ? '#8d3b00' : '#263238', 'stroke-width': 1.6, ...(edge.conduit.isExternal ? { 'stroke-dasharray': '7 4' } : {}), ...marker })}><title>${escapeXml(conduitTitle(edge.conduit))}</title></path>`;
  });
  body.push(`<g class="conduits">`, ...paths, '</g>');

  // Zones.
  for (const band of bands) {
    for (const node of band.nodes)
      body.push(
        ...zoneBox(
          node,
          columnX[node.column] ?? 0,
          boxTop(node),
          boxWidth,
          chipLimit,
          slText(targetOf.get(`zone:${node.zone.id}`)),
        ),
      );
  }

  // Conduit labels on top.
  for (const segment of segments) {
    if (!segment.hasLabel) continue;
    const middle = labelCenter(segment);
    const labelW = labelWidth(segment.edge);
    const y = laneY(segment);
    body.push(
      `<g><title>${escapeXml(conduitTitle(segment.edge.conduit))}</title>`,
      `<rect${svgAttributes({ x: middle - labelW / 2, y: y - 7.5, width: labelW, height: 15, rx: 3, fill: '#ffffff', stroke: segment.edge.conduit.isExternal ? '#8d3b00' : '#90a4ae', 'stroke-width': 0.8 })}/>`,
      svgText(middle, y + 3.5, segment.edge.label, {
        'font-size': LABEL_FONT,
        'text-anchor': 'middle',
        fill: '#102027',
      }),
      '</g>',
    );
  }

  // Legend.
  const legend = [
    {
      sample: `<line x1="10" y1="${num(legendTop - 4)}" x2="50" y2="${num(legendTop - 4)}" stroke="#263238" stroke-width="1.6"/>`,
      text: 'Conduit (id · protocols · SL-T)',
    },
    {
      sample: `<line x1="10" y1="${num(legendTop + 14)}" x2="50" y2="${num(legendTop + 14)}" stroke="#8d3b00" stroke-width="1.6" stroke-dasharray="7 4"/>`,
      text: 'External conduit (dashed)',
    },
    {
      sample: `<line x1="10" y1="${num(legendTop + 32)}" x2="50" y2="${num(legendTop + 32)}" stroke="#263238" stroke-width="1.6" marker-end="url(#${escapeXml(prefix)}-arrow)"/>`,
      text: 'One-way conduit (data diode), arrow in the direction of flow',
    },
    {
      sample: `<rect x="10" y="${num(legendTop + 43)}" width="40" height="14" rx="3" fill="#ffffff" stroke="#b71c1c" stroke-width="2.5"/>`,
      text: 'Safety-related zone (SAFETY tag, thick border)',
    },
  ];
  legend.forEach((entry, index) => {
    body.push(entry.sample, svgText(60, legendTop + index * 18, entry.text, { 'font-size': 11 }));
  });
  return svgDocument(width, height, title, body, prefix);
};

const conduitTitle = (conduit: Conduit): string => {
  const channels = (conduit.channels ?? []).map(
    (channel) =>
      `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} ${channel.from}→${channel.to}`,
  );
  return [
    `${conduit.name} (${conduit.id}) joins ${conduit.zones.join(', ')}`,
    conduit.enforcement.length > 0 ? `enforcement: ${conduit.enforcement.join(', ')}` : 'no enforcement',
    conduit.isExternal ? 'external' : '',
    ...channels,
  ]
    .filter((part) => part !== '')
    .join('; ');
};

const zoneBox = (
  node: Node,
  x: number,
  y: number,
  width: number,
  chipLimit: number,
  sl: string | undefined,
): string[] => {
  const zone = node.zone;
  const isSafety = zone.isSafetyRelated;
  const out: string[] = [
    `<g><title>${escapeXml(`${zone.name} (${zone.id}), ${node.assetCount} asset(s)${isSafety ? ', safety-related' : ''}`)}</title>`,
    `<rect${svgAttributes({ x, y, width, height: node.height, rx: 10, fill: '#ffffff', stroke: isSafety ? '#b71c1c' : '#455a64', 'stroke-width': isSafety ? 2.5 : 1.2 })}/>`,
  ];
  const tagWidth = isSafety ? 46 : 0;
  out.push(
    svgText(x + 10, y + 17, fitText(zone.name, width - 20 - tagWidth, 12), {
      'font-size': 12,
      'font-weight': 'bold',
      fill: '#102027',
    }),
    svgText(x + 10, y + 32, fitText([zone.id, sl].filter(Boolean).join(' · '), width - 20, 10), {
      'font-size': 10,
      fill: '#455a64',
    }),
  );
  if (isSafety) {
    out.push(
      `<rect${svgAttributes({ x: x + width - 52, y: y + 6, width: 44, height: 14, rx: 3, fill: '#b71c1c' })}/>`,
      svgText(x + width - 30, y + 16.5, 'SAFETY', {
        'font-size': 9,
        'font-weight': 'bold',
        'text-anchor': 'middle',
        fill: '#ffffff',
      }),
    );
  }
  const chipTop = y + HEADER;
  if (chipLimit === 0) {
    out.push(
      svgText(x + 10, chipTop + 12, `${node.assetCount} asset${node.assetCount === 1 ? '' : 's'}`, {
        'font-size': 10,
        fill: '#37474f',
      }),
    );
  } else {
    node.chips.forEach((chip, index) => {
      const top = chipTop + index * CHIP;
      const kindWidth = Math.min(textWidth(chip.kind, 8.5) + 4, width * 0.4);
      out.push(
        `<rect${svgAttributes({ x: x + 8, y: top, width: width - 16, height: CHIP - 3, rx: 7, fill: '#e3eaf0' })}/>`,
        svgText(x + 15, top + 11, fitText(chip.name, width - 34 - kindWidth, 10), {
          'font-size': 10,
          fill: '#102027',
        }),
        svgText(x + width - 14, top + 11, fitText(chip.kind, kindWidth, 8.5), {
          'font-size': 8.5,
          'text-anchor': 'end',
          fill: '#546e7a',
        }),
      );
    });
    if (node.more > 0) {
      out.push(
        svgText(x + 15, chipTop + node.chips.length * CHIP + 11, `+${node.more} more`, {
          'font-size': 10,
          'font-style': 'italic',
          fill: '#37474f',
        }),
      );
    }
    if (node.assetCount === 0)
      out.push(
        svgText(x + 15, chipTop + 11, 'no assets', {
          'font-size': 10,
          'font-style': 'italic',
          fill: '#607d8b',
        }),
      );
  }
  out.push('</g>');
  return out;
};
