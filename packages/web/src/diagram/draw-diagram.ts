import { GEOMETRY } from './diagram-model';
import { diagramFont, TITLE } from './diagram-text';
import type { DrawnLabel } from './hit-test';
import type { DiagramLayout, PlacedZone, Point } from './layout-diagram';
import type { Viewport } from './viewport';

/** Findings on one node: how many, and the worst severity (drawn as a word, not only a colour). */
export interface NodeFindings {
  readonly count: number;
  readonly worst: string;
}

/** Colours of the diagram, read from the CSS variables so high-contrast mode applies to the canvas too. */
export interface DiagramColors {
  readonly text: string;
  readonly muted: string;
  readonly zoneFill: string;
  readonly zoneStroke: string;
  readonly safetyStroke: string;
  readonly chipFill: string;
  readonly accent: string;
  readonly highlight: string;
  readonly danger: string;
  readonly warn: string;
  readonly edge: string;
  readonly labelFill: string;
}

/** Reads the diagram colours from the page's CSS variables. */
export const readDiagramColors = (element: Element): DiagramColors => {
  const style = getComputedStyle(element);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--text', '#16202b'),
    muted: get('--muted', '#4f5d6b'),
    zoneFill: get('--zone-fill', '#f7fafc'),
    zoneStroke: get('--zone-stroke', '#6b7b8c'),
    safetyStroke: get('--danger', '#a11a1a'),
    chipFill: get('--surface', '#ffffff'),
    accent: get('--accent', '#0b5c73'),
    highlight: get('--focus', '#c2410c'),
    danger: get('--danger', '#a11a1a'),
    warn: get('--warn', '#92400e'),
    edge: get('--border-strong', '#8795a3'),
    labelFill: get('--surface', '#ffffff'),
  };
};

/** What the canvas shows besides the layout: highlights, findings, and an asset being dragged. */
export interface DrawState {
  readonly highlighted: ReadonlySet<string>;
  readonly findings: ReadonlyMap<string, NodeFindings>;
  readonly dragging?: {
    readonly assetId: string;
    readonly name: string;
    readonly at: Point;
    readonly overZone?: string;
  };
  readonly focusedId?: string;
  /** Fill instead of clearing (exports want an opaque background). */
  readonly background?: string;
}

const SEVERE = new Set(['critical', 'high']);

/** Zoom from which chip text (12 px names) is drawn; further out chips are plain blocks. */
export const CHIP_TEXT_SCALE = 0.5;
/** Screen size (px) of chip names between the overview and {@link CHIP_TEXT_SCALE}. */
const CHIP_NAME_PX = 9;
/** Zoom from which conduit labels are drawn at their own size; further out they keep a readable screen size. */
const LABEL_FONT = 11;
/** Smallest on-screen size (px) of conduit labels and finding badges. */
const MIN_SCREEN_FONT = 10;

/** Subtitle of a zone: asset count, SL-T, safety, collapsed. */
export const zoneSubtitle = (zone: PlacedZone): string =>
  [
    `${zone.assetCount} asset${zone.assetCount === 1 ? '' : 's'}`,
    zone.target,
    zone.isSafetyRelated ? 'safety' : undefined,
    zone.isCollapsed && zone.assetCount > 0 ? 'collapsed' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');

const truncate = (ctx: CanvasRenderingContext2D, text: string, width: number): string => {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end)}…`;
};

/** Draws a line of text, shrinking it (never below 70 %) if the real font runs wider than the estimate allowed. */
const fillFitted = (
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  size: number,
  bold: boolean,
  width: number,
) => {
  ctx.font = diagramFont(size, bold);
  const measured = ctx.measureText(text).width;
  if (measured > width && measured > 0) {
    const shrunk = Math.max(size * 0.7, (size * width) / measured);
    ctx.font = diagramFont(shrunk, bold);
    ctx.fillText(shrunk * (measured / size) > width ? truncate(ctx, text, width) : text, x, y);
  } else ctx.fillText(text, x, y);
};

/** A findings badge (count and worst severity as words) at a screen-readable size, its right edge at `right`. */
const badge = (
  ctx: CanvasRenderingContext2D,
  colors: DiagramColors,
  right: number,
  middle: number,
  findings: NodeFindings,
  scale: number,
) => {
  const size = Math.max(11, MIN_SCREEN_FONT / scale);
  const text = `⚠ ${findings.count} ${findings.worst}`;
  ctx.font = diagramFont(size, true);
  const width = ctx.measureText(text).width + size * 0.8;
  const height = size * 1.45;
  ctx.fillStyle = SEVERE.has(findings.worst) ? colors.danger : colors.warn;
  ctx.fillRect(right - width, middle - height / 2, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillText(text, right - width + size * 0.4, middle + size * 0.36);
};

/**
 * Draws the diagram on a 2D canvas with level of detail: only what is in view, chip text only when it is readable,
 * chips as plain blocks when zoomed far out, zone titles at their own (large) size and far out at a fixed screen
 * size, conduit labels at a readable screen size where they do not collide. This is what keeps panning over 5,000
 * assets at interactive frame rates.
 */
export const drawDiagram = (
  ctx: CanvasRenderingContext2D,
  layout: DiagramLayout,
  view: Viewport,
  size: { width: number; height: number },
  colors: DiagramColors,
  state: DrawState,
): readonly DrawnLabel[] => {
  const ratio = devicePixelRatioOf(ctx);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (state.background === undefined) ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  else {
    ctx.fillStyle = state.background;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  }
  ctx.setTransform(view.scale * ratio, 0, 0, view.scale * ratio, view.x * ratio, view.y * ratio);
  const left = -view.x / view.scale;
  const top = -view.y / view.scale;
  const right = left + size.width / view.scale;
  const bottom = top + size.height / view.scale;
  const showChips = view.scale >= 0.12;
  const showChipText = view.scale >= CHIP_TEXT_SCALE;
  const showChipNames = CHIP_NAME_PX / view.scale <= GEOMETRY.chipHeight * 0.8;
  const { padding, headerTop, subtitleFont } = GEOMETRY;

  // Conduits under the zones.
  ctx.lineWidth = 2 / Math.max(view.scale, 0.5);
  for (const edge of layout.edges) {
    if (edge.points.length < 2) continue;
    const isMarked = state.highlighted.has(edge.conduitId) || state.focusedId === edge.conduitId;
    ctx.strokeStyle = isMarked ? colors.highlight : colors.edge;
    ctx.lineWidth = (isMarked ? 4 : 2) / Math.max(view.scale, 0.5);
    ctx.setLineDash(edge.isExternal ? [8, 5] : []);
    ctx.beginPath();
    ctx.moveTo(edge.points[0]!.x, edge.points[0]!.y);
    for (const point of edge.points.slice(1)) ctx.lineTo(point.x, point.y);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  ctx.textBaseline = 'alphabetic';
  for (const zone of layout.zones) {
    if (zone.x > right || zone.y > bottom || zone.x + zone.width < left || zone.y + zone.height < top)
      continue;
    const isTarget = state.dragging?.overZone === zone.id;
    const isMarked = state.highlighted.has(zone.id) || state.focusedId === zone.id;
    ctx.fillStyle = isTarget ? '#e6f4ea' : colors.zoneFill;
    ctx.fillRect(zone.x, zone.y, zone.width, zone.height);
    ctx.lineWidth = (isTarget || isMarked ? 4 : 2) / Math.min(1, Math.max(view.scale, 0.5));
    ctx.strokeStyle = isMarked
      ? colors.highlight
      : zone.isSafetyRelated
        ? colors.safetyStroke
        : colors.zoneStroke;
    if (zone.isSafetyRelated) ctx.setLineDash([10, 4]);
    ctx.strokeRect(zone.x, zone.y, zone.width, zone.height);
    ctx.setLineDash([]);
    const textWidth = zone.width - padding * 2;
    if (zone.title.font * view.scale >= 7) {
      // The title at its own size: one or two lines, set by the layout to fit the box.
      const line = zone.title.font * TITLE.lineHeight;
      ctx.fillStyle = colors.text;
      zone.title.lines.forEach((text, index) => {
        fillFitted(
          ctx,
          text,
          zone.x + padding,
          zone.y + headerTop + zone.title.font * 0.95 + index * line,
          zone.title.font,
          true,
          textWidth,
        );
      });
      if (subtitleFont * view.scale >= 6.5) {
        ctx.fillStyle = colors.muted;
        ctx.font = diagramFont(subtitleFont);
        ctx.fillText(
          truncate(ctx, zoneSubtitle(zone), textWidth),
          zone.x + padding,
          zone.y + headerTop + zone.title.lines.length * line + subtitleFont * 1.05,
        );
      }
    } else if (zone.width * view.scale > 40) {
      // Far out, zone names keep a readable screen size (level of detail): the overview still says what is where.
      ctx.fillStyle = colors.text;
      ctx.font = diagramFont(12 / view.scale, true);
      ctx.fillText(
        truncate(ctx, zone.name, zone.width - 8 / view.scale),
        zone.x + 4 / view.scale,
        zone.y + 14 / view.scale,
      );
    }
    if (zone.isCollapsed && view.scale >= 0.3) {
      ctx.font = diagramFont(GEOMETRY.collapsedFont);
      ctx.fillStyle = colors.text;
      const shown = zone.kindCounts.length > 5 ? zone.kindCounts.slice(0, 4) : zone.kindCounts;
      const lines = shown.map(([kind, count]) => `${count} × ${kind}`);
      if (zone.kindCounts.length > 5) lines.push(`+ ${zone.kindCounts.length - 4} more kinds`);
      lines.forEach((text, index) => {
        ctx.fillText(
          truncate(ctx, text, textWidth),
          zone.x + padding + 2,
          zone.y + zone.header + GEOMETRY.collapsedFont + index * GEOMETRY.collapsedLine,
        );
      });
    }
    if (!showChips) continue;
    for (const asset of zone.assets) {
      if (state.dragging?.assetId === asset.id) continue;
      const x = zone.x + asset.x;
      const y = zone.y + asset.y;
      const isChipMarked = state.highlighted.has(asset.id) || state.focusedId === asset.id;
      const assetFindings = state.findings.get(asset.id);
      ctx.fillStyle = colors.chipFill;
      ctx.fillRect(x, y, GEOMETRY.chipWidth, GEOMETRY.chipHeight);
      ctx.lineWidth = isChipMarked ? 3 / Math.min(1, view.scale) : 1 / Math.min(1, view.scale);
      ctx.strokeStyle = isChipMarked ? colors.highlight : colors.edge;
      ctx.strokeRect(x, y, GEOMETRY.chipWidth, GEOMETRY.chipHeight);
      if (showChipText) {
        ctx.fillStyle = colors.text;
        ctx.font = diagramFont(12);
        ctx.fillText(
          truncate(ctx, asset.name, GEOMETRY.chipWidth - (assetFindings === undefined ? 12 : 36)),
          x + 6,
          y + 12,
        );
        ctx.fillStyle = colors.muted;
        ctx.font = diagramFont(10);
        ctx.fillText(truncate(ctx, asset.kind, GEOMETRY.chipWidth - 12), x + 6, y + 24);
      } else if (showChipNames) {
        // Further out, the name alone at the smallest readable size, as much of it as fits.
        ctx.fillStyle = colors.text;
        ctx.font = diagramFont(CHIP_NAME_PX / view.scale);
        ctx.fillText(
          truncate(ctx, asset.name, GEOMETRY.chipWidth - (assetFindings === undefined ? 8 : 30)),
          x + 4,
          y + GEOMETRY.chipHeight / 2 + (CHIP_NAME_PX * 0.36) / view.scale,
        );
      }
      if (assetFindings !== undefined) {
        // A marked chip, readable at any zoom: a coloured corner with the count.
        ctx.fillStyle = SEVERE.has(assetFindings.worst) ? colors.danger : colors.warn;
        if (showChipText) {
          ctx.font = diagramFont(11, true);
          ctx.fillText(`⚠${assetFindings.count}`, x + GEOMETRY.chipWidth - 26, y + 12);
        } else {
          ctx.fillRect(x + GEOMETRY.chipWidth - 24, y, 24, GEOMETRY.chipHeight);
        }
      }
    }
  }

  // Findings badges on the zones' top edges, above the chips of the zone above.
  for (const zone of layout.zones) {
    const zoneFindings = state.findings.get(zone.id);
    if (zoneFindings === undefined || view.scale < 0.08) continue;
    if (zone.x > right || zone.y > bottom + 40 || zone.x + zone.width < left || zone.y + 40 < top) continue;
    badge(ctx, colors, zone.x + zone.width - padding, zone.y, zoneFindings, view.scale);
  }

  const labels = drawLabels(ctx, layout, view, { left, top, right, bottom }, colors, state);

  if (state.dragging !== undefined) {
    const { at, name } = state.dragging;
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = colors.accent;
    ctx.fillRect(
      at.x - GEOMETRY.chipWidth / 2,
      at.y - GEOMETRY.chipHeight / 2,
      GEOMETRY.chipWidth,
      GEOMETRY.chipHeight,
    );
    ctx.fillStyle = '#ffffff';
    ctx.font = diagramFont(12, true);
    ctx.fillText(truncate(ctx, name, GEOMETRY.chipWidth - 12), at.x - GEOMETRY.chipWidth / 2 + 6, at.y + 4);
    ctx.globalAlpha = 1;
  }
  ctx.restore();
  return labels;
};

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const intersects = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Conduit labels above everything else. Zoomed in they have their own size; further out they keep a readable
 * screen size, and a label that would cover a zone title or an earlier label is left out (hovering or zooming in
 * shows it): a few readable labels rather than a heap of unreadable ones.
 */
const drawLabels = (
  ctx: CanvasRenderingContext2D,
  layout: DiagramLayout,
  view: Viewport,
  world: { left: number; top: number; right: number; bottom: number },
  colors: DiagramColors,
  state: DrawState,
): DrawnLabel[] => {
  const drawn: DrawnLabel[] = [];
  if (view.scale < 0.15) return drawn;
  const size = Math.max(LABEL_FONT, MIN_SCREEN_FONT / view.scale);
  const isDecluttered = size > LABEL_FONT;
  ctx.font = diagramFont(size);
  const taken: Box[] = [];
  if (isDecluttered)
    for (const zone of layout.zones) {
      if (zone.x > world.right || zone.y > world.bottom || zone.x + zone.width < world.left) continue;
      taken.push({ x: zone.x, y: zone.y - size, width: zone.width, height: zone.header + size });
    }
  // Highlighted conduits and those with findings first, so they are the ones that stay.
  const ordered = [...layout.edges].sort(
    (a, b) =>
      Number(state.highlighted.has(b.conduitId)) - Number(state.highlighted.has(a.conduitId)) ||
      Number(state.findings.has(b.conduitId)) - Number(state.findings.has(a.conduitId)),
  );
  for (const edge of ordered) {
    if (edge.label === '' && !state.findings.has(edge.conduitId)) continue;
    const { x, y } = edge.labelAt;
    const margin = 300 / view.scale;
    if (x < world.left - margin || x > world.right + margin || y < world.top - 20 || y > world.bottom + 20)
      continue;
    const findings = state.findings.get(edge.conduitId);
    const text = findings === undefined ? edge.label : `${edge.label} ⚠${findings.count}`;
    const width = ctx.measureText(text).width + size * 0.7;
    const height = size * 1.45;
    const box = { x: x - width / 2, y: y - height / 2, width, height };
    // A label cut by the canvas edge is left out; panning brings it in whole.
    if (
      box.x < world.left ||
      box.x + box.width > world.right ||
      box.y < world.top ||
      box.y + box.height > world.bottom
    )
      continue;
    if (isDecluttered) {
      if (taken.some((other) => intersects(box, other))) continue;
      taken.push(box);
    }
    ctx.fillStyle = colors.labelFill;
    ctx.fillRect(box.x, box.y, box.width, box.height);
    const isMarked = state.highlighted.has(edge.conduitId) || state.focusedId === edge.conduitId;
    ctx.strokeStyle = isMarked ? colors.highlight : colors.edge;
    ctx.lineWidth = (isMarked ? 2.5 : 1) / view.scale;
    ctx.strokeRect(box.x, box.y, box.width, box.height);
    ctx.fillStyle = findings === undefined ? colors.text : colors.danger;
    ctx.fillText(text, box.x + size * 0.35, y + size * 0.36);
    drawn.push({ conduitId: edge.conduitId, box });
  }
  return drawn;
};

/** The device pixel ratio the canvas backing store was sized with (stored on the canvas element). */
const devicePixelRatioOf = (ctx: CanvasRenderingContext2D): number =>
  Number(ctx.canvas.dataset?.['ratio'] ?? 1) || 1;
