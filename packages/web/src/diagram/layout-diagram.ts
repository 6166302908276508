import type { ELK as ElkApi, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ConduitEdge, PackedZone } from './diagram-model';

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

/** Above this many zones ELK runs with its cheapest settings, which keeps 300 zones under the 3 s bar. */
const LARGE = 60;

const optionsFor = (zoneCount: number): Record<string, string> => ({
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.edgeNode': '20',
  'elk.separateConnectedComponents': 'true',
  'elk.spacing.componentComponent': '50',
  ...(zoneCount > LARGE
    ? {
        'elk.layered.thoroughness': '1',
        'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
        'elk.layered.nodePlacement.strategy': 'SIMPLE',
        'elk.edgeRouting': 'POLYLINE',
      }
    : { 'elk.edgeRouting': 'ORTHOGONAL', 'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF' }),
});

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
 * Lays out the zone-level graph with ELK (layered, top to bottom, conduits as edges) and places every zone box and
 * conduit route. Assets are already packed inside their zones, so ELK only sees zones: 300 zones and their
 * conduits, not 5,000 assets.
 */
export const layoutDiagram = async (
  elk: ElkApi,
  zones: readonly PackedZone[],
  edges: readonly ConduitEdge[],
): Promise<DiagramLayout> => {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: optionsFor(zones.length),
    children: zones.map((zone) => ({ id: zone.id, width: zone.width, height: zone.height })),
    edges: edges.map((edge): ElkExtendedEdge => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
    })),
  };
  const result = await elk.layout(graph);
  const positions = new Map((result.children ?? []).map((child) => [child.id, child]));
  const placedZones = zones.map((zone): PlacedZone => {
    const node = positions.get(zone.id);
    return { ...zone, x: node?.x ?? 0, y: node?.y ?? 0 };
  });
  const byId = new Map(placedZones.map((zone) => [zone.id, zone]));
  const routes = new Map((result.edges ?? []).map((edge) => [edge.id, edge]));
  const placedEdges = edges.map((edge): PlacedEdge => {
    const section = routes.get(edge.id)?.sections?.[0];
    let points: Point[];
    if (section !== undefined) {
      points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({
        x,
        y,
      }));
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
