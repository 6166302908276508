import { TITLE } from './diagram-text';
import type { DiagramLayout, Point } from './layout-diagram';

/** Pan and zoom: screen = world × scale + offset. */
export interface Viewport {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

/** Zoom limits: far enough out for 300 zones, close enough to read chip text on a projector. */
export const MIN_SCALE = 0.05;
export const MAX_SCALE = 3;

/** Diagram coordinates of a point on the canvas. */
export const toWorld = (view: Viewport, screen: Point): Point => ({
  x: (screen.x - view.x) / view.scale,
  y: (screen.y - view.y) / view.scale,
});

/** Canvas coordinates of a diagram point. */
export const toScreen = (view: Viewport, world: Point): Point => ({
  x: world.x * view.scale + view.x,
  y: world.y * view.scale + view.y,
});

/** Zooms by `factor` keeping the diagram point under `anchor` (a canvas point) where it is. */
export const zoomAt = (view: Viewport, anchor: Point, factor: number): Viewport => {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const world = toWorld(view, anchor);
  return { scale, x: anchor.x - world.x * scale, y: anchor.y - world.y * scale };
};

/** The viewport that shows a box (the whole diagram, or one zone) centred with a margin. */
export const fitBox = (
  box: { x: number; y: number; width: number; height: number },
  canvas: { width: number; height: number },
  margin = 24,
  maxScale = 1.2,
): Viewport => {
  const scale = Math.min(
    maxScale,
    Math.max(
      MIN_SCALE,
      Math.min(
        (canvas.width - margin * 2) / Math.max(1, box.width),
        (canvas.height - margin * 2) / Math.max(1, box.height),
      ),
    ),
  );
  return {
    scale,
    x: (canvas.width - box.width * scale) / 2 - box.x * scale,
    y: (canvas.height - box.height * scale) / 2 - box.y * scale,
  };
};

/** Smallest on-screen size (px) of a zone title that reads on a projector. */
export const MIN_TITLE_PX = 11;

/** The zoom at which zone titles reach {@link MIN_TITLE_PX}: the first view never opens further out than this. */
export const READABLE_SCALE = MIN_TITLE_PX / TITLE.font;

/**
 * The first view of a diagram: the whole of it fitted and centred when its zone titles are readable at that zoom;
 * otherwise {@link READABLE_SCALE}, opened at the top (the enterprise end) and, when it is wider than the canvas, at
 * the left end of the top row, so the user pans from there. "Fit" still shows everything ({@link fitBox}).
 */
export const initialView = (
  layout: Pick<DiagramLayout, 'width' | 'height' | 'zones'>,
  canvas: { width: number; height: number },
  margin = 24,
): Viewport => {
  const whole = fitBox({ x: 0, y: 0, width: layout.width, height: layout.height }, canvas, margin);
  if (whole.scale >= READABLE_SCALE) return whole;
  const scale = READABLE_SCALE;
  const top = Math.min(...layout.zones.map((zone) => zone.y));
  const topRow = layout.zones.filter((zone) => zone.y <= top + 1);
  const rowLeft = Math.min(...topRow.map((zone) => zone.x));
  const rowRight = Math.max(...topRow.map((zone) => zone.x + zone.width));
  const fitsAcross = layout.width * scale <= canvas.width - margin * 2;
  const rowFits = (rowRight - rowLeft) * scale <= canvas.width - margin * 2;
  let x: number;
  if (fitsAcross) x = (canvas.width - layout.width * scale) / 2;
  else if (rowFits) x = canvas.width / 2 - ((rowLeft + rowRight) / 2) * scale;
  else x = margin - rowLeft * scale;
  // Never scroll past the diagram's own edges.
  if (!fitsAcross) x = Math.min(margin, Math.max(canvas.width - margin - layout.width * scale, x));
  return { scale, x, y: margin - Math.max(0, Number.isFinite(top) ? top : 0) * scale };
};
