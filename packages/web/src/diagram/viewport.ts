import type { Point } from './layout-diagram';

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
