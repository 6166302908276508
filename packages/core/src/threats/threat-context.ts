import type { AccessPoint, SystemModel } from '../model/system-model';
import { deriveSubjectAssets, type SubjectAssets } from '../risk/subject-assets';
import { accessPointBasis, localAccessBasis, type LikelihoodBasis } from './likelihood-basis';
import { deriveZoneGraph, reachableZones, type ZoneGraph, type ZoneReach } from './zone-graph';

/** The most exposed way into a zone: the access point and path that give the highest likelihood. */
export interface ZoneExposure {
  readonly accessPoint: AccessPoint;
  readonly basis: LikelihoodBasis;
  readonly reach: ZoneReach;
  /** Base minus one step per conduit beyond the first, on an ascending scale (for comparison only). */
  readonly score: number;
}

/** Facts every threat rule reads, derived once per model. */
export interface ThreatContext {
  readonly graph: ZoneGraph;
  readonly subjectAssets: SubjectAssets;
  /** Zones reachable from an access point's entry zone, the entry zone included. */
  readonly reachFrom: (accessPointId: string) => ReadonlyMap<string, ZoneReach>;
  /** The most exposed access point reaching a zone, if any. */
  readonly exposureOf: (zoneId: string) => ZoneExposure | undefined;
}

/** Score of reaching a zone from an access point: its base minus one step per conduit beyond the first. */
export const exposureScore = (basis: LikelihoodBasis, hops: number): number =>
  basis.ascending - Math.max(0, hops - 1);

/**
 * Derives the threat context: the directed zone graph, reachability from every access point (one breadth-first
 * search each, so O(access points × (zones + conduits))) and, per zone, its most exposed access point (ties go to
 * fewer hops, then the lower access point id).
 */
export const deriveThreatContext = (model: SystemModel): ThreatContext => {
  const graph = deriveZoneGraph(model);
  const reach = new Map<string, ReadonlyMap<string, ZoneReach>>();
  const exposure = new Map<string, ZoneExposure>();
  for (const accessPoint of model.accessPoints) {
    const reached = model.zone(accessPoint.zone)
      ? reachableZones(graph, [accessPoint.zone])
      : new Map<string, ZoneReach>();
    reach.set(accessPoint.id, reached);
    const basis = accessPointBasis(model, accessPoint);
    for (const zoneReach of reached.values()) {
      const candidate = { accessPoint, basis, reach: zoneReach, score: exposureScore(basis, zoneReach.hops) };
      const best = exposure.get(zoneReach.zoneId);
      if (
        best === undefined ||
        candidate.score > best.score ||
        (candidate.score === best.score && candidate.reach.hops < best.reach.hops)
      ) {
        exposure.set(zoneReach.zoneId, candidate);
      }
    }
  }
  return {
    graph,
    subjectAssets: deriveSubjectAssets(model),
    reachFrom: (accessPointId) => reach.get(accessPointId) ?? new Map(),
    exposureOf: (zoneId) => exposure.get(zoneId),
  };
};

/** A likelihood basis and the path that goes with it, for a generated scenario. */
export interface ScenarioApproach {
  readonly basis: LikelihoodBasis;
  readonly hops: number;
  readonly conduits: readonly string[];
}

/**
 * The approach for a scenario with no access point of its own: the most exposed access point reaching any of the
 * given zones, or local access only when none reaches them.
 */
export const mostExposedApproach = (
  model: SystemModel,
  context: ThreatContext,
  zoneIds: readonly string[],
  subjectName: string,
): ScenarioApproach => {
  let best: ZoneExposure | undefined;
  for (const zoneId of [...zoneIds].sort()) {
    const exposure = context.exposureOf(zoneId);
    if (
      exposure !== undefined &&
      (best === undefined ||
        exposure.score > best.score ||
        (exposure.score === best.score && exposure.reach.hops < best.reach.hops))
    ) {
      best = exposure;
    }
  }
  if (best === undefined) return { basis: localAccessBasis(model, subjectName), hops: 0, conduits: [] };
  return { basis: best.basis, hops: best.reach.hops, conduits: best.reach.conduits };
};
