import { describe, expect, it } from 'vitest';
import { aConduit, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { deriveZoneGraph, reachableZones } from './zone-graph';

const chain = (channels: { from: string; to: string }[] | undefined) =>
  resolveOrThrow(
    aSystem({
      zones: [aZone({ id: 'a' }), aZone({ id: 'b' }), aZone({ id: 'c' })],
      conduits: [
        aConduit({
          id: 'a-b',
          zones: ['a', 'b'],
          ...(channels ? { channels: channels.map((c) => ({ protocol: 'https', ...c })) } : {}),
        }),
        aConduit({
          id: 'b-c',
          zones: ['b', 'c'],
          channels: [{ protocol: 'modbus-tcp', from: 'b', to: 'c' }],
        }),
      ],
      assets: [],
      accessPoints: [],
      dataFlows: [],
    }),
  );

describe('deriveZoneGraph', () => {
  it('follows channels only in their direction, so a one-way conduit is not crossed backwards', () => {
    const graph = deriveZoneGraph(chain([{ from: 'b', to: 'a' }]));
    expect([...reachableZones(graph, ['a']).keys()]).toEqual(['a']);
    expect([...reachableZones(graph, ['b']).keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('takes a conduit without channels as open both ways', () => {
    const graph = deriveZoneGraph(chain(undefined));
    expect(graph.edgesFrom('a').map((edge) => edge.to)).toEqual(['b']);
    expect(graph.edgesFrom('b').map((edge) => edge.to)).toEqual(['a', 'c']);
  });

  it('counts hops and records the conduits crossed', () => {
    const reach = reachableZones(deriveZoneGraph(chain([{ from: 'a', to: 'b' }])), ['a']);
    expect(reach.get('c')).toEqual({ zoneId: 'c', origin: 'a', hops: 2, conduits: ['a-b', 'b-c'] });
    expect(reach.get('a')).toMatchObject({ hops: 0, conduits: [] });
  });

  it('lists edges into a zone', () => {
    const graph = deriveZoneGraph(chain([{ from: 'a', to: 'b' }]));
    expect(graph.edgesInto('b').map((edge) => `${edge.from}:${edge.conduit.id}`)).toEqual(['a:a-b']);
    expect(graph.edgesInto('a')).toEqual([]);
  });
});
