import type { Conduit, SystemModel } from '../model/system-model';

/** One direction in which a connection can be initiated from one zone into another through a conduit. */
export interface ZoneEdge {
  readonly from: string;
  readonly to: string;
  readonly conduit: Conduit;
}

/** Directed zone graph: who may initiate connections into whom (ZCR 3.1 conduits and their channels). */
export interface ZoneGraph {
  readonly edgesFrom: (zoneId: string) => readonly ZoneEdge[];
  readonly edgesInto: (zoneId: string) => readonly ZoneEdge[];
}

/** How a zone was reached: conduits crossed from the starting zone, in order. */
export interface ZoneReach {
  readonly zoneId: string;
  /** The starting zone this zone was reached from. */
  readonly origin: string;
  /** Number of conduits crossed (0 for a starting zone). */
  readonly hops: number;
  /** Ids of the conduits crossed, in order. */
  readonly conduits: readonly string[];
}

const compareEdges = (key: 'from' | 'to') => (a: ZoneEdge, b: ZoneEdge) =>
  a[key] < b[key]
    ? -1
    : a[key] > b[key]
      ? 1
      : a.conduit.id < b.conduit.id
        ? -1
        : a.conduit.id > b.conduit.id
          ? 1
          : 0;

/**
 * Builds the directed zone graph. A channel `from → to` lets `from` initiate into `to`; a conduit with channels is
 * traversed only in their directions, so a one-way conduit (a data diode) is never crossed backwards. A conduit
 * that declares no channels restricts nothing we know of and is taken as open both ways (worst case).
 */
export const deriveZoneGraph = (model: SystemModel): ZoneGraph => {
  const from = new Map<string, ZoneEdge[]>();
  const into = new Map<string, ZoneEdge[]>();
  const push = (index: Map<string, ZoneEdge[]>, key: string, edge: ZoneEdge): void => {
    const edges = index.get(key);
    if (edges) edges.push(edge);
    else index.set(key, [edge]);
  };
  const add = (edge: ZoneEdge): void => {
    push(from, edge.from, edge);
    push(into, edge.to, edge);
  };
  for (const conduit of model.conduits) {
    const joined = conduit.zones.filter((zoneId) => model.zone(zoneId) !== undefined);
    const pairs = new Set<string>();
    if (conduit.channels.length === 0) {
      for (const a of joined) for (const b of joined) if (a !== b) pairs.add(`${a}\u0000${b}`);
    }
    for (const channel of conduit.channels) {
      if (channel.from !== channel.to && joined.includes(channel.from) && joined.includes(channel.to)) {
        pairs.add(`${channel.from}\u0000${channel.to}`);
      }
    }
    for (const pair of pairs) {
      const [a = '', b = ''] = pair.split('\u0000');
      add({ from: a, to: b, conduit });
    }
  }
  for (const edges of from.values()) edges.sort(compareEdges('to'));
  for (const edges of into.values()) edges.sort(compareEdges('from'));
  return { edgesFrom: (zoneId) => from.get(zoneId) ?? [], edgesInto: (zoneId) => into.get(zoneId) ?? [] };
};

/**
 * Zones reachable from the starting zones through the graph (breadth first, so each zone gets its fewest hops;
 * ties go to the first path in id order). Starting zones are included with 0 hops.
 */
export const reachableZones = (
  graph: ZoneGraph,
  starts: readonly string[],
): ReadonlyMap<string, ZoneReach> => {
  const reached = new Map<string, ZoneReach>();
  const queue: ZoneReach[] = [];
  for (const zoneId of [...new Set(starts)].sort()) {
    const reach = { zoneId, origin: zoneId, hops: 0, conduits: [] };
    reached.set(zoneId, reach);
    queue.push(reach);
  }
  for (let index = 0; index < queue.length; index += 1) {
    const current = queue[index] as ZoneReach;
    for (const edge of graph.edgesFrom(current.zoneId)) {
      if (reached.has(edge.to)) continue;
      const reach = {
        zoneId: edge.to,
        origin: current.origin,
        hops: current.hops + 1,
        conduits: [...current.conduits, edge.conduit.id],
      };
      reached.set(edge.to, reach);
      queue.push(reach);
    }
  }
  return reached;
};
