import type { ConduitEdge, PackedZone } from './diagram-model';
import { SPACING, type RowPlan } from './row-plan';

/**
 * Places a planned diagram without ELK: the rows one below the other, each centred, and the conduits routed
 * orthogonally through the channels between the rows (and, past rows in between, through the nearest gap). Used
 * for large plants, where ELK's layered algorithm with one partition per row would take several seconds; linear in
 * the number of zones and conduits apart from sorting.
 */

/** Distance between parallel conduit segments in a channel or a gap. */
const TRACK = 10;
/** Free space between a channel's outermost track and the zones above and below it. */
const CHANNEL_PADDING = 16;
/** Margin around the whole diagram. */
const MARGIN = 12;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** A zone with its position. */
export interface PlacedBox extends PackedZone {
  readonly x: number;
  readonly y: number;
}

interface Segment {
  readonly channel: number;
  readonly from: number;
  readonly to: number;
  track: number;
}

/** Where the rows and conduits go: zones with positions, a route per edge, and the overall size. */
export interface RowPlacement {
  readonly zones: readonly PlacedBox[];
  readonly routes: ReadonlyMap<string, readonly Point[]>;
  readonly width: number;
  readonly height: number;
}

/** Spreads `count` attachment points evenly along a side from `start`, `length` long. */
const spread = (start: number, length: number, index: number, count: number): number =>
  start + (length * (index + 1)) / (count + 1);

/** Lays out the plan's rows and routes the edges (see the module comment). */
export const placeRows = (plan: RowPlan, edges: readonly ConduitEdge[]): RowPlacement => {
  const byId = new Map(plan.zones.map((zone) => [zone.id, zone]));
  const rowOf = new Map<string, number>();
  plan.rows.forEach((row, index) => row.forEach((id) => rowOf.set(id, index)));
  const rowWidths = plan.rows.map(
    (row) =>
      row.reduce((sum, id) => sum + (byId.get(id)?.width ?? 0), 0) +
      Math.max(0, row.length - 1) * SPACING.node,
  );
  const width = Math.max(0, ...rowWidths) + MARGIN * 2;

  // x first: each row centred.
  const xOf = new Map<string, number>();
  plan.rows.forEach((row, index) => {
    let x = (width - (rowWidths[index] ?? 0)) / 2;
    for (const id of row) {
      xOf.set(id, x);
      x += (byId.get(id)?.width ?? 0) + SPACING.node;
    }
  });
  const centreOf = (id: string): number => (xOf.get(id) ?? 0) + (byId.get(id)?.width ?? 0) / 2;

  // Ports: each zone's downward conduits leave along its bottom, upward ones arrive along its top, ordered by
  // where the other end is so that they do not cross right at the zone.
  const usable = edges.filter(
    (edge) => edge.source !== edge.target && rowOf.has(edge.source) && rowOf.has(edge.target),
  );
  const oriented = usable.map((edge) => {
    const down = (rowOf.get(edge.source) ?? 0) <= (rowOf.get(edge.target) ?? 0);
    return { edge, upper: down ? edge.source : edge.target, lower: down ? edge.target : edge.source };
  });
  const bottomPorts = new Map<string, { key: number; id: string }[]>();
  const topPorts = new Map<string, { key: number; id: string }[]>();
  for (const { edge, upper, lower } of oriented) {
    (bottomPorts.get(upper) ?? bottomPorts.set(upper, []).get(upper)!).push({
      key: centreOf(lower),
      id: edge.id,
    });
    const sameRow = rowOf.get(upper) === rowOf.get(lower);
    const ports = sameRow ? bottomPorts : topPorts;
    (ports.get(lower) ?? ports.set(lower, []).get(lower)!).push({ key: centreOf(upper), id: edge.id });
  }
  const portX = new Map<string, number>();
  for (const [side, ports] of [
    ['bottom', bottomPorts],
    ['top', topPorts],
  ] as const) {
    for (const [zoneId, list] of ports) {
      list.sort((a, b) => a.key - b.key || a.id.localeCompare(b.id));
      const x = xOf.get(zoneId) ?? 0;
      const zoneWidth = byId.get(zoneId)?.width ?? 0;
      list.forEach((port, index) =>
        portX.set(`${side}:${zoneId}:${port.id}`, spread(x, zoneWidth, index, list.length)),
      );
    }
  }

  // Free x intervals per row (for conduits passing a row on their way down).
  const occupied = plan.rows.map((row) =>
    row
      .map((id) => ({
        from: (xOf.get(id) ?? 0) - TRACK,
        to: (xOf.get(id) ?? 0) + (byId.get(id)?.width ?? 0) + TRACK,
      }))
      .sort((a, b) => a.from - b.from),
  );
  const passes = new Map<string, number>();
  /** The free x nearest to `wanted` through rows first..last (inclusive), a little apart from earlier passes. */
  const corridor = (first: number, last: number, wanted: number): number => {
    const blocks = occupied.slice(first, last + 1).flat();
    const isFree = (x: number) => blocks.every((block) => x <= block.from || x >= block.to);
    const candidates = [wanted, ...blocks.flatMap((block) => [block.from, block.to])].filter(isFree);
    const chosen = candidates.reduce(
      (best, x) => (Math.abs(x - wanted) < Math.abs(best - wanted) ? x : best),
      candidates[0] ?? MARGIN,
    );
    const key = `${first}:${last}:${Math.round(chosen)}`;
    const count = passes.get(key) ?? 0;
    passes.set(key, count + 1);
    // Alternate sides of the chosen x, one track further out each time, staying inside the free space.
    const offset = (count % 2 === 0 ? 1 : -1) * Math.ceil(count / 2) * TRACK;
    const moved = chosen + offset;
    return isFree(moved) ? moved : chosen;
  };

  // Routes in x, with their horizontal segments in channels (channel i is below row i).
  const segments: Segment[] = [];
  const shapes = oriented.map(({ edge, upper, lower }) => {
    const upperRow = rowOf.get(upper) ?? 0;
    const lowerRow = rowOf.get(lower) ?? 0;
    const start = portX.get(`bottom:${upper}:${edge.id}`) ?? centreOf(upper);
    const sameRow = upperRow === lowerRow;
    const end = portX.get(`${sameRow ? 'bottom' : 'top'}:${lower}:${edge.id}`) ?? centreOf(lower);
    const legs: { x: number; segment: Segment | undefined }[] = [];
    if (lowerRow - upperRow <= 1) {
      const segment = { channel: upperRow, from: Math.min(start, end), to: Math.max(start, end), track: 0 };
      segments.push(segment);
      legs.push({ x: end, segment });
    } else {
      const via = corridor(upperRow + 1, lowerRow - 1, (start + end) / 2);
      const first = { channel: upperRow, from: Math.min(start, via), to: Math.max(start, via), track: 0 };
      const second = { channel: lowerRow - 1, from: Math.min(via, end), to: Math.max(via, end), track: 0 };
      segments.push(first, second);
      legs.push({ x: via, segment: first }, { x: end, segment: second });
    }
    return { edge, upper, lower, start, legs, sameRow };
  });

  // Tracks: in each channel, segments that overlap in x get different tracks (greedy by left end).
  const byChannel = new Map<number, Segment[]>();
  for (const segment of segments)
    (byChannel.get(segment.channel) ?? byChannel.set(segment.channel, []).get(segment.channel)!).push(
      segment,
    );
  const tracksIn = new Map<number, number>();
  for (const [channel, list] of byChannel) {
    list.sort((a, b) => a.from - b.from || a.to - b.to);
    const ends: number[] = [];
    for (const segment of list) {
      let track = ends.findIndex((end) => end < segment.from - TRACK / 2);
      if (track < 0) track = ends.length;
      ends[track] = segment.to;
      segment.track = track;
    }
    tracksIn.set(channel, ends.length);
  }

  // y: rows one below the other, each channel as deep as its tracks need.
  const rowTop: number[] = [];
  const channelTop: number[] = [];
  let y = MARGIN;
  plan.rows.forEach((row, index) => {
    rowTop[index] = y;
    y += Math.max(0, ...row.map((id) => byId.get(id)?.height ?? 0));
    channelTop[index] = y;
    const tracks = tracksIn.get(index) ?? 0;
    if (index < plan.rows.length - 1 || tracks > 0)
      y += Math.max(SPACING.row, tracks * TRACK + CHANNEL_PADDING * 2);
  });
  const height = y + MARGIN;
  const trackY = (segment: Segment) =>
    (channelTop[segment.channel] ?? 0) + CHANNEL_PADDING + segment.track * TRACK;

  const zones = plan.zones.map((zone): PlacedBox => ({
    ...zone,
    x: xOf.get(zone.id) ?? 0,
    y: rowTop[rowOf.get(zone.id) ?? 0] ?? 0,
  }));
  const placedById = new Map(zones.map((zone) => [zone.id, zone]));
  const routes = new Map<string, Point[]>();
  for (const { edge, upper, lower, start, legs, sameRow } of shapes) {
    const top = placedById.get(upper)!;
    const bottom = placedById.get(lower)!;
    const points: Point[] = [{ x: start, y: top.y + top.height }];
    let x = start;
    for (const leg of legs) {
      const level = leg.segment === undefined ? points[points.length - 1]!.y : trackY(leg.segment);
      points.push({ x, y: level }, { x: leg.x, y: level });
      x = leg.x;
    }
    points.push({ x, y: sameRow ? bottom.y + bottom.height : bottom.y });
    // Drop repeated points (a straight drop has no jog).
    const route = points.filter(
      (point, index) => index === 0 || point.x !== points[index - 1]!.x || point.y !== points[index - 1]!.y,
    );
    // Conduits keep their own direction (source to target).
    routes.set(edge.id, edge.source === upper ? route : [...route].reverse());
  }
  return { zones, routes, width, height };
};
