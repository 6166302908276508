import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ConduitEdge, PackedZone } from './diagram-model';
import { placeRows } from './place-rows';
import { planRows, SPACING } from './row-plan';

/** A point in diagram coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A zone placed on the diagram. */
export interface PlacedZone extends PackedZone {
  readonly x: number;
  readonly y: number;
}

/** A conduit edge with its route and the position of its label. */
export interface PlacedEdge extends ConduitEdge {
  readonly points: readonly Point[];
  readonly labelAt: Point;
}

/** The laid-out diagram the canvas draws and hit-tests. */
export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly zones: readonly PlacedZone[];
  readonly edges: readonly PlacedEdge[];
}

/**
 * Above this many zones the planned rows are placed and routed without ELK (place-rows.ts): ELK's layered algorithm
 * with a partition per row takes several seconds for 300 zones, and the 3 s bar is for the whole layout.
 */
export const LARGE = 50;

const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  // Rows come from the plan (row-plan.ts): one partition per row, in order, top to bottom.
  'elk.partitioning.activate': 'true',
  'elk.separateConnectedComponents': 'false',
  'elk.spacing.nodeNode': String(SPACING.node),
  'elk.layered.spacing.nodeNodeBetweenLayers': '30',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '10',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.edgeRouting': 'ORTHOGONAL',
  // Rows packed side by side and centred (the other strategies spread a row out to straighten conduits).
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
};

/** Options of {@link layoutDiagram}. */
export interface LayoutOptions {
  /** Width / height of the canvas the diagram opens in; the rows are planned to fill it. Default 4:3. */
  readonly aspect?: number;
}

const midpoint = (points: readonly Point[]): Point => {
  if (points.length === 0) return { x: 0, y: 0 };
  let total = 0;
  const lengths: number[] = [];
  for (let index = 1; index < points.length; index++) {
    const a = points[index - 1]!;
    const b = points[index]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    lengths.push(length);
    total += length;
  }
  let remaining = total / 2;
  for (let index = 1; index < points.length; index++) {
    const length = lengths[index - 1]!;
    const a = points[index - 1]!;
    const b = points[index]!;
    if (remaining <= length && length > 0) {
      const t = remaining / length;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    remaining -= length;
  }
  return points[0]!;
};

/**
 * Lays out the zone-level graph: the row plan puts zones in Purdue rows (enterprise at the top) and shapes their
 * chip grids so the rows fill a canvas of the given aspect ratio, then ELK (layered, top to bottom, one partition
 * per row) orders each row, places the zones and routes the conduits. Assets are already packed inside their
 * zones, so ELK only sees zones: 300 zones and their conduits, not 5,000 assets.
 */
export const layoutDiagram = async (
  elk: ElkApi,
  zones: readonly PackedZone[],
  edges: readonly ConduitEdge[],
  options: LayoutOptions = {},
): Promise<DiagramLayout> => {
  const plan = planRows(zones, edges, options.aspect ?? 4 / 3);
  if (zones.length > LARGE) {
    const placed = placeRows(plan, edges);
    return {
      width: placed.width,
      height: placed.height,
      zones: placed.zones,
      edges: edges.map((edge): PlacedEdge => {
        const points = placed.routes.get(edge.id) ?? [];
        return { ...edge, points, labelAt: midpoint(points) };
      }),
    };
  }
  const rowOf = new Map<string, number>();
  plan.rows.forEach((row, index) => row.forEach((id) => rowOf.set(id, index)));
  const order = plan.rows.flat();
  const shaped = new Map(plan.zones.map((zone) => [zone.id, zone]));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: order.map((id) => {
      const zone = shaped.get(id)!;
      return {
        id,
        width: zone.width,
        height: zone.height,
        layoutOptions: {
          'elk.partitioning.partition': String(rowOf.get(id) ?? 0),
          // Zones hang from the top of their row, so a row reads as a line.
          'elk.alignment': 'TOP',
        },
      };
    }),
    // Every edge points down the rows, so ELK never has to reverse one against the partitions.
    edges: edges.map((edge): ElkExtendedEdge => {
      const isDown = (rowOf.get(edge.source) ?? 0) <= (rowOf.get(edge.target) ?? 0);
      return {
        id: edge.id,
        sources: [isDown ? edge.source : edge.target],
        targets: [isDown ? edge.target : edge.source],
      };
    }),
  };
  const result = await elk.layout(graph);
  const positions = new Map((result.children ?? []).map((child) => [child.id, child]));
  const placedZones = plan.zones.map((zone): PlacedZone => {
    const node = positions.get(zone.id);
    return { ...zone, x: node?.x ?? 0, y: node?.y ?? 0 };
  });
  const byId = new Map(placedZones.map((zone) => [zone.id, zone]));
  const routes = new Map((result.edges ?? []).map((edge) => [edge.id, edge]));
  const placedEdges = edges.map((edge): PlacedEdge => {
    const route = routes.get(edge.id);
    const section = route?.sections?.[0];
    let points: Point[];
    if (section !== undefined) {
      points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({
        x,
        y,
      }));
      // ELK saw the edge pointing down the rows; the route runs from the conduit's own source.
      if (route?.sources[0] !== edge.source) points.reverse();
    } else {
      const a = byId.get(edge.source);
      const b = byId.get(edge.target);
      points =
        a === undefined || b === undefined
          ? []
          : [
              { x: a.x + a.width / 2, y: a.y + a.height / 2 },
              { x: b.x + b.width / 2, y: b.y + b.height / 2 },
            ];
    }
    return { ...edge, points, labelAt: midpoint(points) };
  });
  return { width: result.width ?? 0, height: result.height ?? 0, zones: placedZones, edges: placedEdges };
};

/**
 * An ELK instance: in the browser a Web Worker (a large layout never freezes the page), elsewhere (tests, Node) the
 * synchronous bundle.
 */
export const createElk = async (): Promise<ElkApi> => {
  if (typeof Worker !== 'undefined' && typeof window !== 'undefined') {
    const [{ default: ElkConstructor }, { default: workerUrl }] = await Promise.all([
      import('elkjs/lib/elk-api.js'),
      import('elkjs/lib/elk-worker.min.js?url'),
    ]);
    return new ElkConstructor({ workerFactory: () => new Worker(workerUrl) });
  }
  const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
  return new ElkBundled();
};
