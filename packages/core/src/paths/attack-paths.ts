import type { AttackPath, TargetLevels } from '../assessment/assessment';
import type { Conduit, EntityRef, SystemModel, Zone } from '../model/system-model';
import { refTo } from '../risk/ref-to';
import { minLevelOf } from '../security-levels/security-level-vector';
import { deriveZoneGraph } from '../threats/zone-graph';
import { MinHeap, NumericMinHeap } from './min-heap';

/** Bounds on the path search; path enumeration is exponential in hops, so every dimension is capped. */
export interface AttackPathOptions {
  /** Most conduits on one path (default 6). */
  readonly maxHops?: number;
  /** Paths kept per (access point, target zone) pair, weakest first (default 5). */
  readonly maxPathsPerPair?: number;
  /** Partial paths taken from the frontier per pair before the search stops (default 10 000). */
  readonly maxExpansionsPerPair?: number;
}

/** Defaults for `deriveAttackPaths`. */
export const ATTACK_PATH_DEFAULTS: Required<AttackPathOptions> = {
  maxHops: 6,
  maxPathsPerPair: 5,
  maxExpansionsPerPair: 10_000,
};

/** The directed zone graph with integer indexes and CSR adjacency, built once per call. */
interface IndexedGraph {
  /** Zone ids by index (the model's order, sorted by id). */
  readonly zoneIds: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeStrength: Int32Array;
  readonly edgeConduit: readonly string[];
  /** `conduit\0zone` per edge, for the id tie-break. */
  readonly edgeStep: readonly string[];
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
}

const adjacency = (zoneCount: number, keys: Int32Array): { start: Int32Array; edges: Int32Array } => {
  const start = new Int32Array(zoneCount + 1);
  for (const key of keys) start[key + 1] = (start[key + 1] as number) + 1;
  for (let zone = 0; zone < zoneCount; zone += 1)
    start[zone + 1] = (start[zone + 1] as number) + (start[zone] as number);
  const fill = start.slice(0, zoneCount);
  const edges = new Int32Array(keys.length);
  keys.forEach((key, edge) => {
    edges[fill[key] as number] = edge;
    fill[key] = (fill[key] as number) + 1;
  });
  return { start, edges };
};

const indexGraph = (model: SystemModel, strengthOf: (conduit: Conduit) => number): IndexedGraph => {
  const zoneIds = model.zones.map((zone) => zone.id);
  const indexOf = new Map(zoneIds.map((id, index) => [id, index]));
  const graph = deriveZoneGraph(model);
  const edges = zoneIds.flatMap((id) => graph.edgesFrom(id));
  const edgeFrom = Int32Array.from(edges, (edge) => indexOf.get(edge.from) as number);
  const edgeTo = Int32Array.from(edges, (edge) => indexOf.get(edge.to) as number);
  const outgoing = adjacency(zoneIds.length, edgeFrom);
  const incoming = adjacency(zoneIds.length, edgeTo);
  return {
    zoneIds,
    indexOf,
    edgeFrom,
    edgeTo,
    edgeStrength: Int32Array.from(edges, (edge) => strengthOf(edge.conduit)),
    edgeConduit: edges.map((edge) => edge.conduit.id),
    edgeStep: edges.map((edge) => `${edge.conduit.id}\u0000${edge.to}`),
    outStart: outgoing.start,
    outEdges: outgoing.edges,
    inStart: incoming.start,
    inEdges: incoming.edges,
  };
};

/** What the search needs to know about one target zone. */
interface TargetIndex {
  readonly zone: number;
  /** Fewest conduits from each zone to the target, -1 when beyond the hop cap or unreachable. */
  readonly distance: Int32Array;
  /**
   * Cheapest cost from each zone to the target, as strength × (zones + 1) + hops so that one number orders by
   * strength and then hops; only over zones within the hop cap, Infinity elsewhere.
   */
  readonly remaining: Float64Array;
}

/** Hop distances to the target within the cap (breadth first over reversed edges). */
const distancesTo = (graph: IndexedGraph, target: number, maxHops: number): Int32Array => {
  const distance = new Int32Array(graph.zoneIds.length).fill(-1);
  distance[target] = 0;
  const queue = new Int32Array(graph.zoneIds.length);
  queue[0] = target;
  let tail = 1;
  for (let head = 0; head < tail; head += 1) {
    const zone = queue[head] as number;
    const hops = distance[zone] as number;
    if (hops === maxHops) continue;
    for (let slot = graph.inStart[zone] as number; slot < (graph.inStart[zone + 1] as number); slot += 1) {
      const from = graph.edgeFrom[graph.inEdges[slot] as number] as number;
      if (distance[from] !== -1) continue;
      distance[from] = hops + 1;
      queue[tail] = from;
      tail += 1;
    }
  }
  return distance;
};

/** Dijkstra of the (strength, hops) cost to the target over reversed edges, inside the zones within the cap. */
const costsTo = (graph: IndexedGraph, target: number, distance: Int32Array): Float64Array => {
  const scale = graph.zoneIds.length + 1;
  const remaining = new Float64Array(graph.zoneIds.length).fill(Number.POSITIVE_INFINITY);
  const frontier = new NumericMinHeap();
  remaining[target] = 0;
  frontier.push(0, target);
  const settled = new Uint8Array(graph.zoneIds.length);
  while (frontier.size > 0) {
    const zone = frontier.pop() as number;
    if (settled[zone] === 1) continue;
    settled[zone] = 1;
    const cost = remaining[zone] as number;
    for (let slot = graph.inStart[zone] as number; slot < (graph.inStart[zone + 1] as number); slot += 1) {
      const edge = graph.inEdges[slot] as number;
      const from = graph.edgeFrom[edge] as number;
      if (distance[from] === -1 || settled[from] === 1) continue;
      const next = cost + (graph.edgeStrength[edge] as number) * scale + 1;
      if (next < (remaining[from] as number)) {
        remaining[from] = next;
        frontier.push(next, from);
      }
    }
  }
  return remaining;
};

interface PartialPath {
  readonly zones: readonly number[];
  readonly edges: readonly number[];
  readonly strength: number;
  /** Cost so far plus the remaining cost from the last zone (A* estimate, exact without the simple-path rule). */
  readonly estimate: number;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The k weakest simple paths from `start` to the target, best first, within the hop and expansion caps. */
const weakestPaths = (
  graph: IndexedGraph,
  start: number,
  target: TargetIndex,
  options: Required<AttackPathOptions>,
): PartialPath[] => {
  if (start === target.zone) return [{ zones: [start], edges: [], strength: 0, estimate: 0 }];
  const scale = graph.zoneIds.length + 1;
  // A* on the cost (strength, hops) with the exact remaining cost as the estimate: the estimate is consistent and a
  // prefix sorts before its extensions, so paths complete in exactly the ranking order (weakest, then fewest hops,
  // then conduit and zone ids) and the search walks straight to them.
  const compare = (a: PartialPath, b: PartialPath): number => {
    if (a.estimate !== b.estimate) return a.estimate - b.estimate;
    const shared = Math.min(a.edges.length, b.edges.length);
    for (let index = 0; index < shared; index += 1) {
      const order = compareText(
        graph.edgeStep[a.edges[index] as number] as string,
        graph.edgeStep[b.edges[index] as number] as string,
      );
      if (order !== 0) return order;
    }
    return a.edges.length - b.edges.length;
  };
  const found: PartialPath[] = [];
  const frontier = new MinHeap<PartialPath>(compare);
  frontier.push({ zones: [start], edges: [], strength: 0, estimate: target.remaining[start] as number });
  for (
    let expansions = 0;
    expansions < options.maxExpansionsPerPair && found.length < options.maxPathsPerPair;
    expansions += 1
  ) {
    const path = frontier.pop();
    if (path === undefined) break;
    const last = path.zones[path.zones.length - 1] as number;
    if (last === target.zone) {
      found.push(path);
      continue;
    }
    for (let slot = graph.outStart[last] as number; slot < (graph.outStart[last + 1] as number); slot += 1) {
      const edge = graph.outEdges[slot] as number;
      const next = graph.edgeTo[edge] as number;
      const hopsLeft = target.distance[next] as number;
      if (hopsLeft === -1 || path.edges.length + 1 + hopsLeft > options.maxHops) continue;
      if (path.zones.includes(next)) continue;
      const strength = path.strength + (graph.edgeStrength[edge] as number);
      const hops = path.edges.length + 1;
      frontier.push({
        zones: [...path.zones, next],
        edges: [...path.edges, edge],
        strength,
        estimate: strength * scale + hops + (target.remaining[next] as number),
      });
    }
  }
  return found;
};

/** Highest worst impact of the in-scope assets in a zone (0 when none is rated). */
const zoneImpact = (model: SystemModel, zone: Zone): number =>
  model.assetsIn(zone.id).reduce((worst, asset) => Math.max(worst, asset.worstImpact), 0);

/**
 * Attack paths at zone level: from each access point's zone to each zone that holds the model's highest-consequence
 * in-scope assets, through conduits in the directions their channels allow (a conduit without channels is taken as
 * open both ways, the worst case). Keeps the weakest paths per pair; a path's strength is the sum over its conduits
 * of their weakest SL-A level, or of their weakest SL-T level when SL-A is unknown (0 when neither is known). The
 * weakest path of each pair is marked; ties go to fewer hops, then ids. An access point inside a target zone gives
 * a path with no conduit. Work is bounded by hop, path and expansion caps (ZCR 5.1 threat vectors, ZCR 5.6).
 */
export const deriveAttackPaths = (
  model: SystemModel,
  targets: readonly TargetLevels[],
  options: AttackPathOptions = {},
): readonly AttackPath[] => {
  const settings: Required<AttackPathOptions> = { ...ATTACK_PATH_DEFAULTS, ...options };
  const impacts = model.zones.map((zone) => zoneImpact(model, zone));
  const worstImpact = impacts.reduce((worst, impact) => Math.max(worst, impact), 0);
  if (worstImpact === 0) return [];

  const targetBySubject = new Map(targets.map((levels) => [levels.subject.id, levels.target]));
  const strengthOf = (conduit: Conduit): number => {
    const vector = conduit.securityLevelAchieved ?? targetBySubject.get(conduit.id);
    return vector === undefined ? 0 : minLevelOf(vector);
  };
  const unprotected = new Map<string, boolean>();
  const isUnprotected = (conduitId: string): boolean => {
    const cached = unprotected.get(conduitId);
    if (cached !== undefined) return cached;
    const conduit = model.conduit(conduitId);
    const result =
      (conduit?.enforcement.length ?? 0) === 0 &&
      !model.countermeasuresFor(conduitId).some((countermeasure) => countermeasure.status === 'existing');
    unprotected.set(conduitId, result);
    return result;
  };

  const graph = indexGraph(model, strengthOf);
  const entryZones = [
    ...new Set(
      model.accessPoints
        .map((accessPoint) => graph.indexOf.get(accessPoint.zone))
        .filter((zone): zone is number => zone !== undefined),
    ),
  ].sort((a, b) => a - b);
  // Access points entering the same zone share their paths: search once per (entry zone, target), targets in id order.
  const foundFrom = new Map<number, { readonly target: number; readonly paths: readonly PartialPath[] }[]>();
  impacts.forEach((impact, zone) => {
    if (impact !== worstImpact) return;
    const distance = distancesTo(graph, zone, settings.maxHops);
    const starts = entryZones.filter((start) => distance[start] !== -1);
    if (starts.length === 0) return;
    const target: TargetIndex = { zone, distance, remaining: costsTo(graph, zone, distance) };
    for (const start of starts) {
      const paths = weakestPaths(graph, start, target, settings);
      if (paths.length === 0) continue;
      const list = foundFrom.get(start);
      if (list) list.push({ target: zone, paths });
      else foundFrom.set(start, [{ target: zone, paths }]);
    }
  });

  const zoneRef = (zone: number): EntityRef => refTo(model, 'zone', graph.zoneIds[zone] as string);
  const result: AttackPath[] = [];
  for (const accessPoint of model.accessPoints) {
    const start = graph.indexOf.get(accessPoint.zone);
    if (start === undefined) continue;
    const accessPointRef = refTo(model, 'access-point', accessPoint.id);
    for (const { target, paths } of foundFrom.get(start) ?? []) {
      const targetRef = zoneRef(target);
      paths.forEach((path, index) => {
        const conduits = path.edges.map((edge) => refTo(model, 'conduit', graph.edgeConduit[edge] as string));
        result.push({
          id: `path:${accessPoint.id}>${targetRef.id}#${index + 1}`,
          accessPoint: accessPointRef,
          target: targetRef,
          zones: path.zones.map(zoneRef),
          conduits,
          strength: path.strength,
          unprotectedConduits: conduits.filter(
            (conduit, position) =>
              isUnprotected(conduit.id) &&
              conduits.findIndex((other) => other.id === conduit.id) === position,
          ),
          isWeakest: index === 0,
          targetImpact: worstImpact,
        });
      });
    }
  }
  return result;
};
