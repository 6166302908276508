import {
  columnRange,
  GEOMETRY,
  shapeZone,
  zoneBox,
  type ConduitEdge,
  type PackedZone,
} from './diagram-model';
import { oneLineTitleWidth } from './diagram-text';

/**
 * The Purdue rows of the diagram, planned before ELK runs: which row each zone goes in and how wide its chip grid
 * is, so that the rows together fill a canvas of a given aspect ratio. Pure and cheap (no ELK), so it is tested on
 * its own and costs milliseconds for 300 zones.
 */

/** Bands from the top of the diagram down: enterprise and external, DMZ, site operations, supervisory, control. */
export const BANDS = [
  'enterprise and external (level 4-5)',
  'industrial DMZ (level 3.5)',
  'site operations (level 3)',
  'supervisory (level 2)',
  'control and field (level 0-1)',
  'zones without assets',
] as const;

/** The band (index into {@link BANDS}) of a zone's Purdue level. */
export const bandOf = (level: number | undefined): number => {
  if (level === undefined) return 5;
  if (level >= 4) return 0;
  if (level >= 3.5) return 1;
  if (level >= 3) return 2;
  if (level >= 2) return 3;
  return 4;
};

/** Spacing the plan assumes; the ELK options in layout-diagram.ts use the same numbers. */
export const SPACING = {
  /** Between zones in a row. */
  node: 40,
  /** Between rows: ELK's layer spacing plus room for the orthogonal conduit routes between the rows. */
  row: 70,
} as const;

/** The plan: rows top to bottom (zone ids in a suggested order), zones re-shaped, and the estimated size. */
export interface RowPlan {
  readonly rows: readonly (readonly string[])[];
  readonly zones: readonly PackedZone[];
  /** Estimated size of the laid-out diagram (ELK adds routing room, so the real one is a little larger). */
  readonly width: number;
  readonly height: number;
}

/**
 * Layers inside one band: a conduit between two zones of the same band puts them in different layers (source
 * above target, longest path, cycles broken where a depth-first search meets them). Zones without such conduits go
 * to the layer with the fewest zones.
 */
const bandLayers = (ids: readonly string[], edges: readonly ConduitEdge[]): string[][] => {
  const inBand = new Set(ids);
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  const touched = new Set<string>();
  for (const edge of edges) {
    if (edge.source === edge.target || !inBand.has(edge.source) || !inBand.has(edge.target)) continue;
    out.get(edge.source)?.push(edge.target);
    touched.add(edge.source);
    touched.add(edge.target);
  }
  if (touched.size === 0) return [[...ids]];
  // Depth-first order without the back edges, then the longest path from the sources.
  const state = new Map<string, 'open' | 'done'>();
  const order: string[] = [];
  const forward = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const start of ids) {
    if (!touched.has(start) || state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = out.get(top.id) ?? [];
      if (top.next < targets.length) {
        const target = targets[top.next++]!;
        if (state.get(target) === 'open') continue;
        forward.get(top.id)?.push(target);
        if (state.has(target)) continue;
        state.set(target, 'open');
        stack.push({ id: target, next: 0 });
      } else {
        state.set(top.id, 'done');
        order.push(top.id);
        stack.pop();
      }
    }
  }
  const layer = new Map<string, number>();
  for (const id of order.reverse()) {
    const here = layer.get(id) ?? 0;
    layer.set(id, here);
    for (const target of forward.get(id) ?? []) layer.set(target, Math.max(layer.get(target) ?? 0, here + 1));
  }
  const layers: string[][] = [];
  for (const id of ids) {
    if (!touched.has(id)) continue;
    const index = layer.get(id) ?? 0;
    (layers[index] ??= []).push(id);
  }
  for (const id of ids) {
    if (touched.has(id)) continue;
    const smallest = layers.reduce(
      (best, candidate) => (candidate.length < best.length ? candidate : best),
      layers[0]!,
    );
    smallest.push(id);
  }
  return layers.filter((entry) => entry.length > 0);
};

type Shape = ReturnType<typeof zoneBox>;
const boxes = new WeakMap<PackedZone, Map<number, Shape>>();

/** {@link zoneBox}, remembered per zone: the plan asks for the same few shapes many times. */
const boxOf = (zone: PackedZone, columns: number, minWidth = 0): Shape => {
  let known = boxes.get(zone);
  if (known === undefined) boxes.set(zone, (known = new Map<number, Shape>()));
  const key = columns * 100_000 + Math.ceil(minWidth);
  let box = known.get(key);
  if (box === undefined) known.set(key, (box = zoneBox(zone, columns, minWidth)));
  return box;
};

/** A row of zones with the same chip-row count: its width and height for a given count. */
const rowShape = (
  zones: readonly PackedZone[],
  chipRows: number,
): { width: number; height: number; columns: number[]; minWidths: number[] } => {
  let width = 0;
  let height = 0;
  const columns: number[] = [];
  for (const zone of zones) {
    const range = columnRange(zone.assets.length);
    const wanted = zone.isCollapsed
      ? 0
      : Math.max(range.min, Math.min(range.max, Math.ceil(zone.assets.length / chipRows)));
    const box = boxOf(zone, wanted);
    columns.push(box.columns);
    width += box.width;
    height = Math.max(height, box.height);
  }
  return {
    width: width + Math.max(0, zones.length - 1) * SPACING.node,
    height,
    columns,
    minWidths: zones.map(() => 0),
  };
};

/**
 * Uses the room a row has left: the tallest zones whose titles take two lines are widened so their titles fit on
 * one (and their chips spread over more columns), as long as the row stays within `maxWidth` and gets lower.
 */
const widenForTitles = (
  zones: readonly PackedZone[],
  shape: { width: number; height: number; columns: number[]; minWidths: number[] },
  maxWidth: number,
): { width: number; height: number; columns: number[]; minWidths: number[] } => {
  let current = shape;
  for (let round = 0; round < zones.length; round++) {
    const boxes = zones.map((zone, index) =>
      boxOf(zone, current.columns[index] ?? 0, current.minWidths[index] ?? 0),
    );
    const tall = boxes.flatMap((box, index) =>
      box.height >= current.height && box.title.lines.length > 1 ? [index] : [],
    );
    if (tall.length === 0) return current;
    const minWidths = current.minWidths.map((width, index) =>
      tall.includes(index)
        ? Math.max(width, oneLineTitleWidth(zones[index]!.name) + GEOMETRY.padding * 2)
        : width,
    );
    const trial = zones.map((zone, index) => boxOf(zone, current.columns[index] ?? 0, minWidths[index] ?? 0));
    const width =
      trial.reduce((sum, box) => sum + box.width, 0) + Math.max(0, zones.length - 1) * SPACING.node;
    const height = Math.max(...trial.map((box) => box.height));
    if (width > maxWidth || height >= current.height) return current;
    current = { width, height, columns: trial.map((box) => box.columns), minWidths };
  }
  return current;
};

/** The flattest shape of a row that fits `maxWidth`, or the narrowest one when none fits. */
const fitRow = (
  zones: readonly PackedZone[],
  maxWidth: number,
): { width: number; height: number; columns: number[]; minWidths: number[]; fits: boolean } => {
  const most = Math.max(1, ...zones.map((zone) => zone.assets.length));
  let chipRows = 1;
  for (;;) {
    const shape = rowShape(zones, chipRows);
    if (shape.width <= maxWidth) return { ...widenForTitles(zones, shape, maxWidth), fits: true };
    if (chipRows >= most) return { ...shape, fits: false };
    // The next count that changes some zone's column count.
    let next = most;
    for (const zone of zones) {
      const count = zone.assets.length;
      const columns = Math.ceil(count / chipRows);
      if (columns > columnRange(count).min) next = Math.min(next, Math.ceil(count / (columns - 1)));
    }
    chipRows = Math.max(chipRows + 1, next);
  }
};

/** Splits a layer into `parts` consecutive rows of similar width. */
const split = (zones: readonly PackedZone[], parts: number, minWidths: readonly number[]): PackedZone[][] => {
  const total = minWidths.reduce((sum, width) => sum + width, 0);
  const rows: PackedZone[][] = [];
  let current: PackedZone[] = [];
  let width = 0;
  let done = 0;
  zones.forEach((zone, index) => {
    const target = ((rows.length + 1) * total) / parts;
    const remaining = zones.length - index;
    const rowsLeft = parts - rows.length - 1;
    if (
      current.length > 0 &&
      rowsLeft > 0 &&
      (done + width + (minWidths[index] ?? 0) / 2 > target || remaining <= rowsLeft)
    ) {
      rows.push(current);
      done += width;
      current = [];
      width = 0;
    }
    current.push(zone);
    width += minWidths[index] ?? 0;
  });
  if (current.length > 0) rows.push(current);
  return rows;
};

interface LayerShape {
  readonly rows: readonly {
    zones: readonly PackedZone[];
    columns: readonly number[];
    minWidths: readonly number[];
  }[];
  readonly width: number;
  readonly height: number;
}

/** The lowest arrangement of one layer in rows at most `maxWidth` wide (a few row counts are tried). */
const shapeLayer = (zones: readonly PackedZone[], maxWidth: number): LayerShape => {
  const minWidths = zones.map((zone) => boxOf(zone, columnRange(zone.assets.length).min).width);
  const narrowest = minWidths.reduce((sum, width) => sum + width + SPACING.node, -SPACING.node);
  const fewest = Math.max(1, Math.min(zones.length, Math.ceil(narrowest / Math.max(1, maxWidth))));
  let best: (LayerShape & { fits: boolean }) | undefined;
  for (let parts = fewest; parts <= Math.min(zones.length, fewest + 3); parts++) {
    const rows = split(zones, parts, minWidths).map((row) => ({ zones: row, ...fitRow(row, maxWidth) }));
    const shape = {
      rows,
      width: Math.max(...rows.map((row) => row.width)),
      height: rows.reduce((sum, row) => sum + row.height, 0) + (rows.length - 1) * SPACING.row,
      fits: rows.every((row) => row.fits),
    };
    if (best === undefined || (shape.fits && (!best.fits || shape.height < best.height))) best = shape;
  }
  return best!;
};

/**
 * Orders each layer by where its zones' neighbours sit in the layers above (barycentre), so that the rows start
 * out with few crossings and the split of a wide layer keeps neighbours together.
 */
const orderLayers = (layers: readonly string[][], edges: readonly ConduitEdge[]): string[][] => {
  const neighbours = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.source === edge.target) continue;
    (neighbours.get(edge.source) ?? neighbours.set(edge.source, []).get(edge.source)!).push(edge.target);
    (neighbours.get(edge.target) ?? neighbours.set(edge.target, []).get(edge.target)!).push(edge.source);
  }
  const position = new Map<string, number>();
  return layers.map((layer) => {
    const keyed = layer.map((id, index) => {
      const placed = (neighbours.get(id) ?? []).flatMap((other) => position.get(other) ?? []);
      const key =
        placed.length === 0
          ? Number.POSITIVE_INFINITY
          : placed.reduce((sum, value) => sum + value, 0) / placed.length;
      return { id, index, key };
    });
    // Zones without placed neighbours keep their model order, after the others.
    keyed.sort((a, b) => a.key - b.key || a.index - b.index);
    keyed.forEach((entry, index) => position.set(entry.id, (index + 0.5) / keyed.length));
    return keyed.map((entry) => entry.id);
  });
};

/**
 * Plans the rows: zones in Purdue bands (enterprise and external at the top, control at the bottom), a band split
 * into layers where its zones are joined by conduits, and a layer wrapped into several rows when it is too wide.
 * Chip grids are made wide and flat or narrow and tall so that rows line up; the row width is chosen among a range
 * of candidates to make the whole diagram as large as possible when fitted into a canvas of `aspect` (width /
 * height).
 */
export const planRows = (
  zones: readonly PackedZone[],
  edges: readonly ConduitEdge[],
  aspect: number,
): RowPlan => {
  const byId = new Map(zones.map((zone) => [zone.id, zone]));
  const bands: string[][] = BANDS.map(() => []);
  for (const zone of zones) bands[bandOf(zone.level)]!.push(zone.id);
  const layers = orderLayers(
    bands.filter((band) => band.length > 0).flatMap((band) => bandLayers(band, edges)),
    edges,
  ).map((layer) => layer.map((id) => byId.get(id)!));

  const widest = Math.max(0, ...zones.map((zone) => boxOf(zone, columnRange(zone.assets.length).min).width));
  const widestFlat = layers.map((layer) => rowShape(layer, 1).width);
  const longest = Math.max(widest, ...widestFlat);
  const ratio = aspect > 0 && Number.isFinite(aspect) ? aspect : 4 / 3;
  let best: { shapes: LayerShape[]; width: number; height: number; score: number } | undefined;
  // About 40 candidate widths, from the widest single zone to every layer on one flat row.
  const step = Math.max(1.05, Math.pow(longest / Math.max(1, widest), 1 / 40));
  for (let maxWidth = widest; ; maxWidth = Math.ceil(maxWidth * step)) {
    const shapes = layers.map((layer) => shapeLayer(layer, maxWidth));
    const width = Math.max(0, ...shapes.map((shape) => shape.width));
    const height =
      shapes.reduce((sum, shape) => sum + shape.height, 0) + Math.max(0, shapes.length - 1) * SPACING.row;
    // The scale at which the diagram fits a canvas of this aspect ratio (up to a constant).
    const score = Math.min(ratio / width, 1 / height);
    if (best === undefined || score > best.score * 1.0001) best = { shapes, width, height, score };
    if (maxWidth >= longest) break;
  }
  const chosen = best;
  const shaped = new Map<string, PackedZone>();
  const rows: string[][] = [];
  for (const shape of chosen.shapes) {
    for (const row of shape.rows) {
      row.zones.forEach((zone, index) =>
        shaped.set(zone.id, shapeZone(zone, row.columns[index] ?? 0, row.minWidths[index] ?? 0)),
      );
      rows.push(row.zones.map((zone) => zone.id));
    }
  }
  return {
    rows,
    zones: zones.map((zone) => shaped.get(zone.id) ?? zone),
    width: chosen.width,
    height: chosen.height,
  };
};
