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
 * are dashed, data diodes get a one-way arrow. Connected zones are stacked in the same columns; a layout wider than
 * eight columns is cut into strips stacked top to bottom, and boxes get more compact as the model grows, so that
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
  const bands: Band[] = bandLevels.map((level) => ({ level, nodes: [] }));
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

  // Columns: the zones form a forest in which each zone hangs under a neighbour in the nearest level above (the
  // least loaded one, so a shared DMZ does not collect every area), or under a neighbour in its own level. The forest
  // is laid out like a tidy tree: a zone sits above its first child and every subtree owns a contiguous run of
  // columns, so a process area stays stacked. The wide layout is then cut into strips of at most `stripColumns`
  // columns, stacked top to bottom, each strip repeating the level rows.
  const neighboursOf = new Map<Node, Node[]>();
  for (const { a, b } of pairs) {
    neighboursOf.set(a, [...(neighboursOf.get(a) ?? []), b]);
    neighboursOf.set(b, [...(neighboursOf.get(b) ?? []), a]);
  }
  const zoneOrder = new Map(model.zones.map((zone, index) => [zone.id, index]));
  const orderOf = (node: Node): number => zoneOrder.get(node.zone.id) ?? 0;
  const childrenOf = new Map<Node, Node[]>();
  const attached = new Set<Node>();
  const roots: Node[] = [];
  const link = (parent: Node, child: Node): void => {
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
    attached.add(child);
  };
  const byLoad = (x: Node, y: Node): number =>
    (childrenOf.get(x)?.length ?? 0) - (childrenOf.get(y)?.length ?? 0) || orderOf(x) - orderOf(y);
  for (const band of bands) {
    for (const node of band.nodes) {
      const upper = (neighboursOf.get(node) ?? []).filter((other) => other.band < node.band);
      if (upper.length === 0) continue;
      const nearest = Math.max(...upper.map((other) => other.band));
      const parent = upper.filter((other) => other.band === nearest).sort(byLoad)[0];
      if (parent) link(parent, node);
    }
    // Zones without a neighbour above join a same-level neighbour already placed, or start a tree of their own.
    for (;;) {
      let isChanged = true;
      while (isChanged) {
        isChanged = false;
        for (const node of band.nodes) {
          if (attached.has(node)) continue;
          const parent = (neighboursOf.get(node) ?? [])
            .filter((other) => other.band === node.band && attached.has(other))
            .sort(byLoad)[0];
          if (parent) {
            link(parent, node);
            isChanged = true;
          }
        }
      }
      const next = band.nodes.find((node) => !attached.has(node));
      if (next === undefined) break;
      roots.push(next);
      attached.add(next);
    }
  }
  const position = new Map<Node, number>();
  const layout = (node: Node, start: number): number => {
    position.set(node, start);
    const children = [...(childrenOf.get(node) ?? [])].sort((x, y) => orderOf(x) - orderOf(y));
    let cursor = start;
    for (const child of children.filter((entry) => entry.band > node.band)) cursor = layout(child, cursor);
    cursor = Math.max(cursor, start + 1);
    for (const child of children.filter((entry) => entry.band === node.band)) cursor = layout(child, cursor);
    return cursor;
  };
  let nextSlot = 0;
  for (const root of roots) nextSlot = layout(root, nextSlot);
  // A zone that starts a tree but has no children of its own (an external zone above the DMZ, a maintenance zone
  // beside the cells) moves next to its neighbours when a column is free in its row.
  for (const root of roots) {
    const neighbours = neighboursOf.get(root) ?? [];
    if ((childrenOf.get(root)?.length ?? 0) > 0 || neighbours.length === 0) continue;
    const target = Math.round(
      neighbours.reduce((sum, other) => sum + (position.get(other) ?? 0), 0) / neighbours.length,
    );
    const taken = new Set(
      bands[root.band]?.nodes.filter((node) => node !== root).map((node) => position.get(node)) ?? [],
    );
    for (let distance = 0; distance <= nextSlot; distance += 1) {
      const free = [target - distance, target + distance].find((slot) => slot >= 0 && !taken.has(slot));
      if (free !== undefined) {
        position.set(root, free);
        break;
      }
    }
  }
  // Drop columns no zone uses, keeping the order and the alignment of the rest.
  const used = [...new Set(position.values())].sort((a, b) => a - b);
  const compact = new Map(used.map((slot, index) => [slot, index]));
  for (const [node, slot] of position) position.set(node, compact.get(slot) ?? 0);
  const slotCount = Math.max(1, used.length);
  const stripColumns = 8;
  const columns = Math.min(slotCount, stripColumns);
  const slotOf = (node: Node): number => position.get(node) ?? 0;
  // Cut the wide layout where the fewest conduits cross, within the last quarter of a full strip, so that strips
  // stay nearly full while an area that fits is not split.
  const crossings = new Array<number>(slotCount + 1).fill(0);
  for (const { a, b } of pairs) {
    const low = Math.min(slotOf(a), slotOf(b));
    const high = Math.max(slotOf(a), slotOf(b));
    // Short conduits weigh most: a long one (to a shared DMZ, say) crosses many cuts whichever is chosen.
    if (high > low) {
      crossings[low + 1] = (crossings[low + 1] ?? 0) + 1 / (high - low);
      crossings[high + 1] = (crossings[high + 1] ?? 0) - 1 / (high - low);
    }
  }
  for (let cut = 1; cut <= slotCount; cut += 1)
    crossings[cut] = (crossings[cut] ?? 0) + (crossings[cut - 1] ?? 0);
  const stripStarts = [0];
  for (let start = 0; slotCount - start > columns;) {
    let best = start + columns;
    for (let cut = best - 1; cut >= start + Math.ceil(columns / 2); cut -= 1) {
      if ((crossings[cut] ?? 0) < (crossings[best] ?? 0) - 1e-9) best = cut;
    }
    stripStarts.push(best);
    start = best;
  }
  const stripCount = stripStarts.length;
  const stripOf = (slot: number): number => stripStarts.filter((start) => start <= slot).length - 1;
  const lines: { readonly band: Band; readonly strip: number }[] = [];
  for (let strip = 0; strip < stripCount; strip += 1) {
    for (const band of bands) {
      const inStrip = band.nodes.filter((node) => stripOf(slotOf(node)) === strip);
      if (inStrip.length === 0) continue;
      for (const node of inStrip) {
        node.line = lines.length;
        node.column = slotOf(node) - (stripStarts[strip] ?? 0);
      }
      lines.push({ band, strip });
    }
  }
  const lineCount = lines.length;
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

  // Vertical gutters (between columns) carry edges that skip lines. Each such edge takes the gutter between its two
  // columns where it gets the lowest lane (first fit over gutter-row indices), so the lanes spread out and the
  // diagram stays narrow.
  const laneEnds = new Map<number, number[]>();
  const longEdges = edges
    .filter((edge) => edge.lower.line - edge.upper.line > 1)
    .sort((x, y) => x.upper.line - y.upper.line || x.index - y.index);
  for (const edge of longEdges) {
    const start = edge.upper.line + 1;
    const low = Math.min(edge.upper.column, edge.lower.column);
    const high = Math.max(edge.upper.column, edge.lower.column) + 1;
    let best: { gutter: number; lane: number; distance: number } | undefined;
    for (let gutter = low; gutter <= high; gutter += 1) {
      const ends = laneEnds.get(gutter) ?? [];
      const free = ends.findIndex((laneEnd) => laneEnd < start);
      const lane = free === -1 ? ends.length : free;
      const distance = Math.abs(gutter - (edge.upper.column + 0.5));
      if (best === undefined || lane < best.lane || (lane === best.lane && distance < best.distance)) {
        best = { gutter, lane, distance };
      }
    }
    if (best === undefined) continue;
    const ends = laneEnds.get(best.gutter) ?? [];
    ends[best.lane] = edge.lower.line;
    laneEnds.set(best.gutter, ends);
    edge.verticalGutter = best.gutter;
    edge.verticalLane = best.lane;
  }
  const verticalLaneCount = new Map([...laneEnds].map(([gutter, ends]) => [gutter, ends.length]));
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

  // Level rows: one shaded row per line, labelled with its Purdue level (and its strip when the layout wraps).
  lines.forEach((line, index) => {
    const top = (lineY[index] ?? 0) - 8;
    const bottom = (lineY[index] ?? 0) + (lineHeights[index] ?? 0) + 8;
    const bandIndex = bands.indexOf(line.band);
    body.push(
      `<rect${svgAttributes({ x: 4, y: top, width: width - 8, height: bottom - top, rx: 6, fill: bandIndex % 2 === 0 ? '#f3f6f9' : '#eaeff4' })}/>`,
      svgText(14, top + 22, line.band.level === undefined ? '–' : `L${line.band.level}`, {
        'font-size': 18,
        'font-weight': 'bold',
        fill: '#37474f',
      }),
    );
    const name =
      stripCount > 1
        ? `${levelName(line.band.level)} · part ${line.strip + 1} of ${stripCount}`
        : levelName(line.band.level);
    wrapText(name, LEFT - 24, 10, 3).forEach((text, lineIndex) => {
      body.push(svgText(14, top + 38 + lineIndex * 12, text, { 'font-size': 10, fill: '#37474f' }));
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
