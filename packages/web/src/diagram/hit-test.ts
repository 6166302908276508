import { GEOMETRY } from './diagram-model';
import type { DiagramLayout, Point, PlacedZone } from './layout-diagram';

/** What is under a diagram point: an asset chip (with its zone), a zone, or nothing. */
export type Hit =
  | { readonly kind: 'asset'; readonly zone: PlacedZone; readonly assetId: string }
  | { readonly kind: 'zone'; readonly zone: PlacedZone }
  | undefined;

/** Finds the chip or zone at a diagram point (chips first, so a chip wins over its zone). */
export const hitTest = (layout: DiagramLayout, point: Point): Hit => {
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
  return undefined;
};
