import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import { GEOMETRY } from './diagram-model';
import { drawDiagram, readDiagramColors, type DrawState, type NodeFindings } from './draw-diagram';
import { conduitBox, hitTest, type DrawnLabel } from './hit-test';
import type { DiagramLayout, Point } from './layout-diagram';
import { fitBox, initialView, toScreen, toWorld, zoomAt, type Viewport } from './viewport';

/** Commands the toolbar sends to the canvas. */
export interface DiagramCanvasHandle {
  fit(): void;
  zoom(factor: number): void;
  /** Canvas-relative position of a node's centre (for messages shown beside it). */
  screenPositionOf(id: string): Point | undefined;
  /** Measures frame times while panning programmatically (the benchmark and the e2e run use it). */
  measurePan(durationMs: number): Promise<readonly number[]>;
}

interface Props {
  readonly layout: DiagramLayout;
  readonly findings: ReadonlyMap<string, NodeFindings>;
  readonly highlighted: ReadonlySet<string>;
  readonly canEdit: boolean;
  readonly onMoveAsset: (assetId: string, zoneId: string) => void;
  readonly onToggleZone: (zoneId: string) => void;
  readonly onSelect: (id: string | undefined) => void;
  readonly onRequestMove: (assetId: string) => void;
  /**
   * A node to centre and mark as soon as it is on the diagram (a link to it, a search, a finding): kept until the
   * layout holds the node, e.g. after the zone of an asset was expanded and laid out again. A new `seq` asks again.
   */
  readonly focusRequest?: { readonly id: string; readonly seq: number } | undefined;
}

/** Overlay buttons (for keyboard and screen readers) are drawn only when this few nodes are in view. */
const MAX_OVERLAY = 300;

const centreOf = (
  layout: DiagramLayout,
  id: string,
): (Point & { width: number; height: number }) | undefined => {
  for (const zone of layout.zones) {
    if (zone.id === id) return { x: zone.x, y: zone.y, width: zone.width, height: zone.height };
    const asset = zone.assets.find((candidate) => candidate.id === id);
    if (asset !== undefined)
      return {
        x: zone.x + asset.x,
        y: zone.y + asset.y,
        width: GEOMETRY.chipWidth,
        height: GEOMETRY.chipHeight,
      };
  }
  return conduitBox(layout, id);
};

/** How near (screen px) to a conduit's line a click selects it. */
const LINE_TOLERANCE_PX = 6;
/** Size (screen px) of the focusable stand-in at a conduit's label position. */
const CONDUIT_TARGET_PX = { width: 28, height: 18 };

/**
 * The zone/conduit diagram on a canvas: drag the background to pan, wheel to zoom, drag an asset chip onto another
 * zone to move it, click a zone header to collapse or expand it. Nodes in view also get invisible focusable buttons,
 * so the diagram is usable from the keyboard (Enter on an asset opens "move to zone").
 */
export const DiagramCanvas = forwardRef<DiagramCanvasHandle, Props>(function DiagramCanvas(
  {
    layout,
    findings,
    highlighted,
    canEdit,
    onMoveAsset,
    onToggleZone,
    onSelect,
    onRequestMove,
    focusRequest,
  },
  handle,
) {
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 800, height: 600, isMeasured: false });
  const [view, setView] = useState<Viewport>({ scale: 1, x: 0, y: 0 });
  const [focusedId, setFocusedId] = useState<string>();
  const [dragging, setDragging] = useState<DrawState['dragging']>();
  const gesture = useRef<
    | { kind: 'pan'; start: Point; origin: Viewport; moved: boolean }
    | { kind: 'asset'; start: Point; assetId: string; name: string; fromZone: string; moved: boolean }
    | undefined
  >(undefined);
  const fitted = useRef(false);
  // The conduit labels of the last frame drawn: clicks on a label select its conduit.
  const drawnLabels = useRef<readonly DrawnLabel[]>([]);
  const viewRef = useRef(view);
  viewRef.current = view;

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    const update = () =>
      setSize({ width: element.clientWidth || 800, height: element.clientHeight || 600, isMeasured: true });
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (fitted.current || layout.zones.length === 0 || !size.isMeasured) return;
    fitted.current = true;
    // Start readable: the whole plant when its zone titles read at that zoom, else its top (enterprise) end.
    setView(initialView(layout, size));
  }, [layout, size]);

  // After the initial fit (effects run in order), so a link to a node opens on that node.
  const focused = useRef(0);
  useEffect(() => {
    if (focusRequest === undefined || focused.current === focusRequest.seq || !size.isMeasured) return;
    const box = centreOf(layout, focusRequest.id);
    if (box === undefined) return;
    focused.current = focusRequest.seq;
    fitted.current = true;
    setFocusedId(focusRequest.id);
    setView(fitBox(box, size, 80, 1.2));
  }, [layout, size, focusRequest]);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (element === null || element === undefined || context === null || context === undefined) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(size.width * ratio);
    element.height = Math.round(size.height * ratio);
    element.dataset['ratio'] = String(ratio);
    drawnLabels.current = drawDiagram(context, layout, view, size, readDiagramColors(element), {
      highlighted,
      findings,
      ...(dragging === undefined ? {} : { dragging }),
      ...(focusedId === undefined ? {} : { focusedId }),
    });
  }, [layout, view, size, highlighted, findings, dragging, focusedId]);

  useImperativeHandle(
    handle,
    () => ({
      fit: () => setView(fitBox({ x: 0, y: 0, width: layout.width, height: layout.height }, size)),
      zoom: (factor) =>
        setView((current) => zoomAt(current, { x: size.width / 2, y: size.height / 2 }, factor)),
      screenPositionOf: (id) => {
        const box = centreOf(layout, id);
        return box === undefined
          ? undefined
          : toScreen(viewRef.current, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
      },
      measurePan: (durationMs) =>
        new Promise((resolve) => {
          const frames: number[] = [];
          const start = performance.now();
          let last = start;
          const step = (now: number) => {
            frames.push(now - last);
            last = now;
            const t = (now - start) / durationMs;
            setView((current) => ({
              ...current,
              x: current.x - 6,
              y: current.y + Math.sin(t * Math.PI * 4) * 4,
            }));
            if (now - start < durationMs) requestAnimationFrame(step);
            else resolve(frames.slice(1));
          };
          requestAnimationFrame(step);
        }),
    }),
    [layout, size],
  );

  const pointOf = (event: { clientX: number; clientY: number }): Point => {
    const rect = canvas.current?.getBoundingClientRect();
    return { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) };
  };

  const handlePointerDown = (event: React.PointerEvent) => {
    const point = pointOf(event);
    const hit = hitTest(layout, toWorld(view, point));
    (event.target as Element).setPointerCapture?.(event.pointerId);
    if (hit?.kind === 'asset' && canEdit) {
      const asset = hit.zone.assets.find((candidate) => candidate.id === hit.assetId);
      gesture.current = {
        kind: 'asset',
        start: point,
        assetId: hit.assetId,
        name: asset?.name ?? hit.assetId,
        fromZone: hit.zone.id,
        moved: false,
      };
    } else {
      gesture.current = { kind: 'pan', start: point, origin: view, moved: false };
    }
  };

  const handlePointerMove = (event: React.PointerEvent) => {
    const current = gesture.current;
    if (current === undefined) return;
    const point = pointOf(event);
    const dx = point.x - current.start.x;
    const dy = point.y - current.start.y;
    if (!current.moved && Math.hypot(dx, dy) < 4) return;
    current.moved = true;
    if (current.kind === 'pan') {
      setView({ ...current.origin, x: current.origin.x + dx, y: current.origin.y + dy });
      return;
    }
    const world = toWorld(view, point);
    const over = hitTest(layout, world);
    setDragging({
      assetId: current.assetId,
      name: current.name,
      at: world,
      ...(over === undefined || over.kind === 'conduit' ? {} : { overZone: over.zone.id }),
    });
  };

  const handlePointerUp = (event: React.PointerEvent) => {
    const current = gesture.current;
    gesture.current = undefined;
    setDragging(undefined);
    if (current === undefined) return;
    const point = pointOf(event);
    if (current.kind === 'asset' && current.moved) {
      const over = hitTest(layout, toWorld(view, point));
      if (over !== undefined && over.kind !== 'conduit' && over.zone.id !== current.fromZone)
        onMoveAsset(current.assetId, over.zone.id);
      return;
    }
    if (current.moved) return;
    const hit = hitTest(layout, toWorld(view, point), {
      labels: drawnLabels.current,
      tolerance: LINE_TOLERANCE_PX / view.scale,
    });
    if (hit?.kind === 'conduit') {
      setFocusedId(hit.conduitId);
      onSelect(hit.conduitId);
    } else if (hit?.kind === 'asset') {
      setFocusedId(hit.assetId);
      onSelect(hit.assetId);
    } else if (hit?.kind === 'zone') {
      const world = toWorld(view, point);
      setFocusedId(hit.zone.id);
      onSelect(hit.zone.id);
      if (world.y - hit.zone.y <= hit.zone.header && hit.zone.assetCount > 0) onToggleZone(hit.zone.id);
    } else onSelect(undefined);
  };

  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    const handleWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const anchor = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      setView((current) => zoomAt(current, anchor, Math.exp(-event.deltaY * 0.0015)));
    };
    element.addEventListener('wheel', handleWheel, { passive: false });
    return () => element.removeEventListener('wheel', handleWheel);
  }, []);

  const handleKeyDown = (event: KeyboardEvent) => {
    const steps: Record<string, [number, number]> = {
      ArrowLeft: [60, 0],
      ArrowRight: [-60, 0],
      ArrowUp: [0, 60],
      ArrowDown: [0, -60],
    };
    const step = steps[event.key];
    if (step !== undefined && event.target === container.current) {
      event.preventDefault();
      setView((current) => ({ ...current, x: current.x + step[0], y: current.y + step[1] }));
    } else if (event.key === '+' || event.key === '=')
      setView((current) => zoomAt(current, { x: size.width / 2, y: size.height / 2 }, 1.25));
    else if (event.key === '-')
      setView((current) => zoomAt(current, { x: size.width / 2, y: size.height / 2 }, 0.8));
  };

  // Focusable stand-ins for the nodes in view, positioned over the canvas.
  const left = -view.x / view.scale;
  const top = -view.y / view.scale;
  const right = left + size.width / view.scale;
  const bottom = top + size.height / view.scale;
  const overlay: {
    id: string;
    label: string;
    kind: 'zone' | 'asset' | 'conduit';
    box: { x: number; y: number; width: number; height: number };
  }[] = [];
  for (const zone of layout.zones) {
    if (zone.x > right || zone.y > bottom || zone.x + zone.width < left || zone.y + zone.height < top)
      continue;
    const zoneFindings = findings.get(zone.id);
    overlay.push({
      id: zone.id,
      kind: 'zone',
      label: `Zone ${zone.name} (${zone.id}), ${zone.assetCount} assets${zone.target ? `, ${zone.target}` : ''}${zoneFindings ? `, ${zoneFindings.count} findings` : ''}${zone.isCollapsed ? ', collapsed' : ''}`,
      box: { x: zone.x, y: zone.y, width: zone.width, height: zone.header },
    });
    if (view.scale < 0.12) continue;
    for (const asset of zone.assets) {
      const assetFindings = findings.get(asset.id);
      overlay.push({
        id: asset.id,
        kind: 'asset',
        label: `Asset ${asset.name} (${asset.id}) in ${zone.id}${assetFindings ? `, ${assetFindings.count} findings` : ''}`,
        box: {
          x: zone.x + asset.x,
          y: zone.y + asset.y,
          width: GEOMETRY.chipWidth,
          height: GEOMETRY.chipHeight,
        },
      });
    }
  }

  // One stand-in per conduit whose label point is in view (a conduit joining n zones has n-1 edges).
  const conduitsInView = new Set<string>();
  for (const edge of layout.edges) {
    const { x, y } = edge.labelAt;
    if (x < left || x > right || y < top || y > bottom || conduitsInView.has(edge.conduitId)) continue;
    conduitsInView.add(edge.conduitId);
    const conduitFindings = findings.get(edge.conduitId);
    const width = CONDUIT_TARGET_PX.width / view.scale;
    const height = CONDUIT_TARGET_PX.height / view.scale;
    overlay.push({
      id: edge.conduitId,
      kind: 'conduit',
      label: `Conduit ${edge.conduitId} between ${edge.source} and ${edge.target}${edge.label === '' ? '' : `: ${edge.label}`}${conduitFindings ? `, ${conduitFindings.count} findings` : ''}`,
      box: { x: x - width / 2, y: y - height / 2, width, height },
    });
  }

  return (
    <div
      ref={container}
      className="diagram-canvas"
      tabIndex={0}
      aria-label="Zones and conduits diagram. Arrow keys pan, plus and minus zoom, Tab moves through the nodes in view."
      role="application"
      onKeyDown={handleKeyDown}
    >
      <canvas
        ref={canvas}
        style={{ width: size.width, height: size.height }}
        onPointerDown={handlePointerDown}
        onPointerMove={handlePointerMove}
        onPointerUp={handlePointerUp}
        data-testid="diagram-canvas"
      />
      {overlay.length > MAX_OVERLAY
        ? null
        : overlay.map((node) => {
            const at = toScreen(view, node.box);
            return (
              <button
                key={`${node.kind}:${node.id}`}
                type="button"
                className="diagram-node"
                data-node-id={node.id}
                aria-label={node.label}
                style={{
                  left: at.x,
                  top: at.y,
                  width: node.box.width * view.scale,
                  height: node.box.height * view.scale,
                }}
                onFocus={() => setFocusedId(node.id)}
                onClick={() => {
                  onSelect(node.id);
                  if (node.kind === 'zone') onToggleZone(node.id);
                  else if (node.kind === 'asset' && canEdit) onRequestMove(node.id);
                }}
              />
            );
          })}
    </div>
  );
});
