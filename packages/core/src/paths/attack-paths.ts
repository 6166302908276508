import type { AttackPath, TargetLevels } from '../assessment/assessment';
import type { Conduit, EntityRef, SystemModel, Zone } from '../model/system-model';
import { refTo } from '../risk/ref-to';
import { minLevelOf } from '../security-levels/security-level-vector';
import { deriveZoneGraph, type ZoneEdge, type ZoneGraph } from '../threats/zone-graph';
import { MinHeap } from './min-heap';

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

interface PartialPath {
  readonly zones: readonly string[];
  readonly conduits: readonly string[];
  readonly strength: number;
  /** `conduit\0zone` per step, for the id tie-break. */
  readonly steps: readonly string[];
  /** Lower bounds of the strength and hops still needed to reach the target (A* estimate). */
  readonly estimate: { readonly strength: number; readonly hops: number };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareSteps = (a: readonly string[], b: readonly string[]): number => {
  const shared = Math.min(a.length, b.length);
  for (let index = 0; index < shared; index += 1) {
    const order = compareText(a[index] as string, b[index] as string);
    if (order !== 0) return order;
  }
  return a.length - b.length;
};

// A* on the cost (strength, hops) compared in that order, with the exact remaining cost to the target as the
// estimate: that estimate is consistent, and a prefix sorts before its extensions, so the search completes paths in
// exactly the ranking order (weakest, then fewest hops, then ids) and walks straight to them.
const comparePaths = (a: PartialPath, b: PartialPath): number =>
  a.strength + a.estimate.strength - (b.strength + b.estimate.strength) ||
  a.conduits.length + a.estimate.hops - (b.conduits.length + b.estimate.hops) ||
  compareSteps(a.steps, b.steps);

/** What the search needs to know about one target zone, computed once per target. */
interface TargetIndex {
  readonly zoneId: string;
  /** Fewest conduits from each zone to the target (for the hop cap). */
  readonly distance: ReadonlyMap<string, number>;
  /** Cheapest (strength, hops) from each zone to the target, ignoring the hop cap. */
  readonly remaining: ReadonlyMap<string, { readonly strength: number; readonly hops: number }>;
}

const compareCost = (
  a: { readonly strength: number; readonly hops: number },
  b: { readonly strength: number; readonly hops: number },
): number => a.strength - b.strength || a.hops - b.hops;

/** Breadth-first hop distances and a Dijkstra of (strength, hops) costs to the target over reversed edges. */
const indexTarget = (
  graph: ZoneGraph,
  target: string,
  strengthOf: (conduit: Conduit) => number,
): TargetIndex => {
  const distance = new Map<string, number>([[target, 0]]);
  const queue = [target];
  for (let index = 0; index < queue.length; index += 1) {
    const zoneId = queue[index] as string;
    const hops = distance.get(zoneId) as number;
    for (const edge of graph.edgesInto(zoneId)) {
      if (distance.has(edge.from)) continue;
      distance.set(edge.from, hops + 1);
      queue.push(edge.from);
    }
  }
  const remaining = new Map<string, { strength: number; hops: number }>();
  const frontier = new MinHeap<{ zoneId: string; strength: number; hops: number }>(compareCost);
  frontier.push({ zoneId: target, strength: 0, hops: 0 });
  for (let entry = frontier.pop(); entry !== undefined; entry = frontier.pop()) {
    if (remaining.has(entry.zoneId)) continue;
    remaining.set(entry.zoneId, { strength: entry.strength, hops: entry.hops });
    for (const edge of graph.edgesInto(entry.zoneId)) {
      if (remaining.has(edge.from)) continue;
      frontier.push({
        zoneId: edge.from,
        strength: entry.strength + strengthOf(edge.conduit),
        hops: entry.hops + 1,
      });
    }
  }
  return { zoneId: target, distance, remaining };
};

const ZERO = { strength: 0, hops: 0 } as const;

/** The k weakest simple paths from `start` to the target, best first, within the hop and expansion caps. */
const weakestPaths = (
  graph: ZoneGraph,
  start: string,
  target: TargetIndex,
  strengthOf: (conduit: Conduit) => number,
  options: Required<AttackPathOptions>,
): PartialPath[] => {
  if (start === target.zoneId)
    return [{ zones: [start], conduits: [], strength: 0, steps: [], estimate: ZERO }];
  const startDistance = target.distance.get(start);
  if (startDistance === undefined || startDistance > options.maxHops) return [];
  const found: PartialPath[] = [];
  const frontier = new MinHeap<PartialPath>(comparePaths);
  frontier.push({
    zones: [start],
    conduits: [],
    strength: 0,
    steps: [],
    estimate: target.remaining.get(start) ?? ZERO,
  });
  for (
    let expansions = 0;
    expansions < options.maxExpansionsPerPair && found.length < options.maxPathsPerPair;
    expansions += 1
  ) {
    const path = frontier.pop();
    if (path === undefined) break;
    const last = path.zones[path.zones.length - 1] as string;
    if (last === target.zoneId) {
      found.push(path);
      continue;
    }
    for (const edge of graph.edgesFrom(last)) {
      const hopsLeft = target.distance.get(edge.to);
      if (hopsLeft === undefined || path.conduits.length + 1 + hopsLeft > options.maxHops) continue;
      if (path.zones.includes(edge.to)) continue;
      frontier.push(extend(path, edge, strengthOf, target.remaining.get(edge.to) ?? ZERO));
    }
  }
  return found;
};

const extend = (
  path: PartialPath,
  edge: ZoneEdge,
  strengthOf: (conduit: Conduit) => number,
  estimate: PartialPath['estimate'],
): PartialPath => ({
  zones: [...path.zones, edge.to],
  conduits: [...path.conduits, edge.conduit.id],
  strength: path.strength + strengthOf(edge.conduit),
  steps: [...path.steps, `${edge.conduit.id}\u0000${edge.to}`],
  estimate,
});

/** Highest worst impact of the in-scope assets in a zone (0 when none is rated). */
const zoneImpact = (model: SystemModel, zone: Zone): number =>
  Math.max(0, ...model.assetsIn(zone.id).map((asset) => asset.worstImpact));

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
  const impacts = new Map(model.zones.map((zone) => [zone.id, zoneImpact(model, zone)]));
  const worstImpact = Math.max(0, ...impacts.values());
  if (worstImpact === 0) return [];
  const targetZones = model.zones.filter((zone) => impacts.get(zone.id) === worstImpact);

  const targetBySubject = new Map(targets.map((levels) => [levels.subject.id, levels.target]));
  const strengthCache = new Map<string, number>();
  const strengthOf = (conduit: Conduit): number => {
    const cached = strengthCache.get(conduit.id);
    if (cached !== undefined) return cached;
    const vector = conduit.securityLevelAchieved ?? targetBySubject.get(conduit.id);
    const strength = vector === undefined ? 0 : minLevelOf(vector);
    strengthCache.set(conduit.id, strength);
    return strength;
  };
  const unprotectedCache = new Map<string, boolean>();
  const isUnprotected = (conduitId: string): boolean => {
    const cached = unprotectedCache.get(conduitId);
    if (cached !== undefined) return cached;
    const conduit = model.conduit(conduitId);
    const unprotected =
      (conduit?.enforcement.length ?? 0) === 0 &&
      !model.countermeasuresFor(conduitId).some((countermeasure) => countermeasure.status === 'existing');
    unprotectedCache.set(conduitId, unprotected);
    return unprotected;
  };

  const graph = deriveZoneGraph(model);
  const targetIndexes = targetZones.map((zone) => indexTarget(graph, zone.id, strengthOf));
  // Access points entering the same zone share their paths; search once per (entry zone, target).
  const pathsFrom = new Map<string, readonly PartialPath[]>();
  const paths: AttackPath[] = [];
  for (const accessPoint of model.accessPoints) {
    if (model.zone(accessPoint.zone) === undefined) continue;
    const accessPointRef = refTo(model, 'access-point', accessPoint.id);
    for (const target of targetIndexes) {
      const key = `${accessPoint.zone}\u0000${target.zoneId}`;
      let found = pathsFrom.get(key);
      if (found === undefined) {
        found = weakestPaths(graph, accessPoint.zone, target, strengthOf, settings);
        pathsFrom.set(key, found);
      }
      const targetRef = refTo(model, 'zone', target.zoneId);
      found.forEach((path, index) => {
        const conduits: EntityRef[] = path.conduits.map((id) => refTo(model, 'conduit', id));
        paths.push({
          id: `path:${accessPoint.id}>${target.zoneId}#${index + 1}`,
          accessPoint: accessPointRef,
          target: targetRef,
          zones: path.zones.map((id) => refTo(model, 'zone', id)),
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
  return paths;
};
