import { GEOMETRY } from './diagram-model';
import type { DiagramLayout, Point, PlacedZone } from './layout-diagram';

/** A conduit label as it was drawn (labels left out where they would collide are not in the list). */
export interface DrawnLabel {
  readonly conduitId: string;
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
}

/** What is under a diagram point: an asset chip (with its zone), a zone, a conduit, or nothing. */
export type Hit =
  | { readonly kind: 'asset'; readonly zone: PlacedZone; readonly assetId: string }
  | { readonly kind: 'zone'; readonly zone: PlacedZone }
  | { readonly kind: 'conduit'; readonly conduitId: string }
  | undefined;

/** Options of {@link hitTest}: conduits are hit only when given labels or a line tolerance. */
export interface HitOptions {
  /** The labels drawn last; they lie above everything, so they are hit first. */
  readonly labels?: readonly DrawnLabel[];
  /** How far (diagram units) from a conduit's line a point still hits it; 0 (the default) ignores the lines. */
  readonly tolerance?: number;
}

const isInside = (point: Point, box: DrawnLabel['box']): boolean =>
  point.x >= box.x && point.y >= box.y && point.x <= box.x + box.width && point.y <= box.y + box.height;

/** Distance from a point to the segment a–b. */
export const distanceToSegment = (point: Point, a: Point, b: Point): number => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t =
    length === 0 ? 0 : Math.max(0, Math.min(1, ((point.x - a.x) * dx + (point.y - a.y) * dy) / length));
  return Math.hypot(point.x - (a.x + t * dx), point.y - (a.y + t * dy));
};

/**
 * Finds what is at a diagram point, in drawing order from the top: conduit labels, then chips (a chip wins over its
 * zone), zones, and last the conduit lines, which are drawn under the zones.
 */
export const hitTest = (layout: DiagramLayout, point: Point, options: HitOptions = {}): Hit => {
  for (const label of options.labels ?? [])
    if (isInside(point, label.box)) return { kind: 'conduit', conduitId: label.conduitId };
  for (const zone of layout.zones) {
    if (
      point.x < zone.x ||
      point.y < zone.y ||
      point.x > zone.x + zone.width ||
      point.y > zone.y + zone.height
    )
      continue;
    for (const asset of zone.assets) {
      const x = zone.x + asset.x;
      const y = zone.y + asset.y;
      if (
        point.x >= x &&
        point.y >= y &&
        point.x <= x + GEOMETRY.chipWidth &&
        point.y <= y + GEOMETRY.chipHeight
      )
        return { kind: 'asset', zone, assetId: asset.id };
    }
    return { kind: 'zone', zone };
  }
  const tolerance = options.tolerance ?? 0;
  if (tolerance <= 0) return undefined;
  let best: { conduitId: string; distance: number } | undefined;
  for (const edge of layout.edges)
    for (let index = 1; index < edge.points.length; index++) {
      const distance = distanceToSegment(point, edge.points[index - 1]!, edge.points[index]!);
      if (distance <= tolerance && (best === undefined || distance < best.distance))
        best = { conduitId: edge.conduitId, distance };
    }
  return best === undefined ? undefined : { kind: 'conduit', conduitId: best.conduitId };
};

/** The box around every line of a conduit (all its edges), for revealing it. */
export const conduitBox = (
  layout: DiagramLayout,
  conduitId: string,
): { x: number; y: number; width: number; height: number } | undefined => {
  const points = layout.edges.filter((edge) => edge.conduitId === conduitId).flatMap((edge) => edge.points);
  if (points.length === 0) return undefined;
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
};
