import { GEOMETRY } from './diagram-model';
import type { DiagramLayout, Point } from './layout-diagram';
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

const badge = (
  ctx: CanvasRenderingContext2D,
  colors: DiagramColors,
  x: number,
  y: number,
  findings: NodeFindings,
) => {
  const text = `⚠ ${findings.count} ${findings.worst}`;
  ctx.font = 'bold 11px sans-serif';
  const width = ctx.measureText(text).width + 10;
  ctx.fillStyle = SEVERE.has(findings.worst) ? colors.danger : colors.warn;
  ctx.fillRect(x - width, y, width, 16);
  ctx.fillStyle = '#ffffff';
  ctx.fillText(text, x - width + 5, y + 12);
};

const truncate = (ctx: CanvasRenderingContext2D, text: string, width: number): string => {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end)}…`;
};

/**
 * Draws the diagram on a 2D canvas with level of detail: only what is in view, chip text only when it is readable,
 * chips as plain blocks when zoomed far out. This is what keeps panning over 5,000 assets at interactive frame rates.
 */
export const drawDiagram = (
  ctx: CanvasRenderingContext2D,
  layout: DiagramLayout,
  view: Viewport,
  size: { width: number; height: number },
  colors: DiagramColors,
  state: DrawState,
): void => {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (state.background === undefined) ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  else {
    ctx.fillStyle = state.background;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  }
  ctx.setTransform(
    view.scale * devicePixelRatioOf(ctx),
    0,
    0,
    view.scale * devicePixelRatioOf(ctx),
    view.x * devicePixelRatioOf(ctx),
    view.y * devicePixelRatioOf(ctx),
  );
  const left = -view.x / view.scale;
  const top = -view.y / view.scale;
  const right = left + size.width / view.scale;
  const bottom = top + size.height / view.scale;
  const showText = view.scale >= 0.35;
  const showChips = view.scale >= 0.12;

  // Conduits under the zones.
  ctx.lineWidth = 2 / Math.max(view.scale, 0.5);
  for (const edge of layout.edges) {
    if (edge.points.length < 2) continue;
    ctx.strokeStyle = state.highlighted.has(edge.conduitId) ? colors.highlight : colors.edge;
    ctx.setLineDash(edge.isExternal ? [8, 5] : []);
    ctx.beginPath();
    ctx.moveTo(edge.points[0]!.x, edge.points[0]!.y);
    for (const point of edge.points.slice(1)) ctx.lineTo(point.x, point.y);
    ctx.stroke();
  }
  ctx.setLineDash([]);

  for (const zone of layout.zones) {
    if (zone.x > right || zone.y > bottom || zone.x + zone.width < left || zone.y + zone.height < top)
      continue;
    const isTarget = state.dragging?.overZone === zone.id;
    ctx.fillStyle = isTarget ? '#e6f4ea' : colors.zoneFill;
    ctx.fillRect(zone.x, zone.y, zone.width, zone.height);
    ctx.lineWidth = isTarget || state.highlighted.has(zone.id) || state.focusedId === zone.id ? 4 : 2;
    ctx.strokeStyle =
      state.highlighted.has(zone.id) || state.focusedId === zone.id
        ? colors.highlight
        : zone.isSafetyRelated
          ? colors.safetyStroke
          : colors.zoneStroke;
    if (zone.isSafetyRelated) ctx.setLineDash([10, 4]);
    ctx.strokeRect(zone.x, zone.y, zone.width, zone.height);
    ctx.setLineDash([]);
    if (showText) {
      ctx.fillStyle = colors.text;
      ctx.font = 'bold 14px sans-serif';
      ctx.fillText(truncate(ctx, zone.name, zone.width - 20), zone.x + 10, zone.y + 19);
      ctx.font = '12px sans-serif';
      ctx.fillStyle = colors.muted;
      const subtitle = [
        `${zone.assetCount} asset${zone.assetCount === 1 ? '' : 's'}`,
        zone.target,
        zone.isSafetyRelated ? 'safety' : undefined,
        zone.isCollapsed && zone.assetCount > 0 ? 'collapsed' : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
      ctx.fillText(truncate(ctx, subtitle, zone.width - 20), zone.x + 10, zone.y + 36);
    } else if (zone.width * view.scale > 40) {
      // Far out, zone names keep a readable screen size (level of detail): the overview still says what is where.
      ctx.fillStyle = colors.text;
      ctx.font = `bold ${Math.round(12 / view.scale)}px sans-serif`;
      ctx.fillText(
        truncate(ctx, zone.name, zone.width - 8 / view.scale),
        zone.x + 4 / view.scale,
        zone.y + 14 / view.scale,
      );
    }
    const zoneFindings = state.findings.get(zone.id);
    if (zoneFindings !== undefined && view.scale >= 0.2)
      badge(ctx, colors, zone.x + zone.width - 4, zone.y + 4, zoneFindings);
    if (zone.isCollapsed && showText) {
      ctx.font = '12px sans-serif';
      ctx.fillStyle = colors.text;
      zone.kindCounts.slice(0, 4).forEach(([kind, count], index) => {
        ctx.fillText(
          `${count} × ${kind}`,
          zone.x + 14,
          zone.y + GEOMETRY.header + 12 + index * GEOMETRY.collapsedLine,
        );
      });
      if (zone.kindCounts.length > 4)
        ctx.fillText(
          `+ ${zone.kindCounts.length - 4} more kinds`,
          zone.x + 14,
          zone.y + GEOMETRY.header + 12 + 4 * GEOMETRY.collapsedLine,
        );
    }
    if (!showChips) continue;
    for (const asset of zone.assets) {
      if (state.dragging?.assetId === asset.id) continue;
      const x = zone.x + asset.x;
      const y = zone.y + asset.y;
      const isMarked = state.highlighted.has(asset.id) || state.focusedId === asset.id;
      ctx.fillStyle = colors.chipFill;
      ctx.fillRect(x, y, GEOMETRY.chipWidth, GEOMETRY.chipHeight);
      ctx.lineWidth = isMarked ? 3 : 1;
      ctx.strokeStyle = isMarked ? colors.highlight : colors.edge;
      ctx.strokeRect(x, y, GEOMETRY.chipWidth, GEOMETRY.chipHeight);
      if (showText) {
        ctx.fillStyle = colors.text;
        ctx.font = '12px sans-serif';
        ctx.fillText(truncate(ctx, asset.name, GEOMETRY.chipWidth - 12), x + 6, y + 13);
        ctx.fillStyle = colors.muted;
        ctx.font = '10px sans-serif';
        ctx.fillText(truncate(ctx, asset.kind, GEOMETRY.chipWidth - 12), x + 6, y + 25);
      }
      const assetFindings = state.findings.get(asset.id);
      if (assetFindings !== undefined && showText) {
        ctx.fillStyle = SEVERE.has(assetFindings.worst) ? colors.danger : colors.warn;
        ctx.font = 'bold 11px sans-serif';
        ctx.fillText(`⚠${assetFindings.count}`, x + GEOMETRY.chipWidth - 26, y + 13);
      }
    }
  }

  // Conduit labels above everything else, so they stay readable.
  if (showText) {
    ctx.font = '11px sans-serif';
    for (const edge of layout.edges) {
      if (edge.label === '' && !state.findings.has(edge.conduitId)) continue;
      const { x, y } = edge.labelAt;
      if (x < left - 200 || x > right + 200 || y < top - 20 || y > bottom + 20) continue;
      const findings = state.findings.get(edge.conduitId);
      const text = findings === undefined ? edge.label : `${edge.label} ⚠${findings.count}`;
      const width = ctx.measureText(text).width + 8;
      ctx.fillStyle = colors.labelFill;
      ctx.fillRect(x - width / 2, y - 8, width, 16);
      ctx.strokeStyle = state.highlighted.has(edge.conduitId) ? colors.highlight : colors.edge;
      ctx.lineWidth = 1;
      ctx.strokeRect(x - width / 2, y - 8, width, 16);
      ctx.fillStyle = findings === undefined ? colors.text : colors.danger;
      ctx.fillText(text, x - width / 2 + 4, y + 4);
    }
  }

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
    ctx.font = 'bold 12px sans-serif';
    ctx.fillText(truncate(ctx, name, GEOMETRY.chipWidth - 12), at.x - GEOMETRY.chipWidth / 2 + 6, at.y + 4);
    ctx.globalAlpha = 1;
  }
  ctx.restore();
};

/** The device pixel ratio the canvas backing store was sized with (stored on the canvas element). */
const devicePixelRatioOf = (ctx: CanvasRenderingContext2D): number =>
  Number(ctx.canvas.dataset?.['ratio'] ?? 1) || 1;
