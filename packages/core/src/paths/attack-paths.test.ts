import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { TargetLevels } from '../assessment/assessment';
import type { SecurityLevel } from '../catalogs/security-levels';
import { uniformVector } from '../security-levels/security-level-vector';
import {
  aConduit,
  aCountermeasure,
  anAccessPoint,
  anAsset,
  aSystem,
  aZone,
  resolveOrThrow,
} from '../testing/builders';
import { deriveAttackPaths } from './attack-paths';

const conduitTarget = (id: string, level: SecurityLevel): TargetLevels => ({
  subject: { kind: 'conduit', id },
  method: 'zones',
  target: uniformVector(level),
  derived: uniformVector(level),
  reasons: [],
});

/** it (internet access) → dmz → control (PLC, impact 5); the dmz–control conduit is a data diode out of control. */
const diodeSystem = (diodeFrom: string, diodeTo: string) =>
  aSystem({
    zones: [aZone({ id: 'it' }), aZone({ id: 'dmz' }), aZone({ id: 'control' })],
    assets: [
      anAsset({ id: 'erp', kind: 'erp', zone: 'it', criticality: { financial: 3 } }),
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
      anAsset({ id: 'plc-1', kind: 'plc', zone: 'control', criticality: { 'health-safety': 5 } }),
    ],
    conduits: [
      aConduit({
        id: 'it-dmz',
        zones: ['it', 'dmz'],
        channels: [{ protocol: 'https', port: 443, from: 'it', to: 'dmz' }],
        enforcement: ['firewall'],
      }),
      aConduit({
        id: 'dmz-control',
        zones: ['dmz', 'control'],
        channels: [{ protocol: 'opc-ua', port: 4840, from: diodeFrom, to: diodeTo }],
        enforcement: ['data-diode'],
      }),
    ],
    accessPoints: [anAccessPoint({ id: 'internet', kind: 'internet', zone: 'it' })],
    dataFlows: [],
  });

describe('deriveAttackPaths', () => {
  it('never crosses a one-way conduit backwards', () => {
    const model = resolveOrThrow(diodeSystem('control', 'dmz'));
    expect(deriveAttackPaths(model, [])).toEqual([]);
  });

  it('follows the conduit in the direction its channel allows', () => {
    const model = resolveOrThrow(diodeSystem('dmz', 'control'));
    const paths = deriveAttackPaths(model, [conduitTarget('it-dmz', 2), conduitTarget('dmz-control', 3)]);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({
      id: 'path:internet>control#1',
      accessPoint: { kind: 'access-point', id: 'internet' },
      target: { kind: 'zone', id: 'control' },
      strength: 5,
      isWeakest: true,
      targetImpact: 5,
      unprotectedConduits: [],
    });
    expect(paths[0]?.zones.map((zone) => zone.id)).toEqual(['it', 'dmz', 'control']);
    expect(paths[0]?.conduits.map((conduit) => conduit.id)).toEqual(['it-dmz', 'dmz-control']);
  });

  it('gives a path without conduits when the access point enters the target zone', () => {
    const file = diodeSystem('control', 'dmz');
    const model = resolveOrThrow({
      ...file,
      accessPoints: [
        anAccessPoint({ id: 'usb', kind: 'removable-media', zone: 'control', isLogical: false }),
      ],
    });
    const paths = deriveAttackPaths(model, []);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatchObject({ id: 'path:usb>control#1', strength: 0, conduits: [], isWeakest: true });
    expect(paths[0]?.zones.map((zone) => zone.id)).toEqual(['control']);
  });

  it('takes a conduit without channels as open both ways', () => {
    const model = resolveOrThrow(
      aSystem({
        conduits: [aConduit({ id: 'dmz-control', zones: ['dmz', 'control'] })],
        accessPoints: [anAccessPoint({ id: 'remote', zone: 'dmz' })],
        dataFlows: [],
      }),
    );
    const paths = deriveAttackPaths(model, []);
    expect(paths.map((path) => path.id)).toEqual(['path:remote>control#1']);
    expect(paths[0]?.unprotectedConduits.map((conduit) => conduit.id)).toEqual(['dmz-control']);
  });

  describe('with two routes into the control zone', () => {
    // remote enters dmz; dmz reaches control directly (strong) or through a vendor zone (two weak conduits).
    const twoRoutes = aSystem({
      zones: [aZone({ id: 'dmz' }), aZone({ id: 'vendor' }), aZone({ id: 'control' })],
      assets: [
        anAsset({ id: 'jump', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
        anAsset({
          id: 'vendor-pc',
          kind: 'engineering-workstation',
          zone: 'vendor',
          criticality: { production: 2 },
        }),
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control', criticality: { production: 4 } }),
      ],
      conduits: [
        aConduit({
          id: 'c-direct',
          zones: ['dmz', 'control'],
          channels: [{ protocol: 'opc-ua', from: 'dmz', to: 'control' }],
          enforcement: ['firewall'],
          securityLevelAchieved: [3, 3, 4, 3, 3, 3, 3],
        }),
        aConduit({
          id: 'c-vendor-in',
          zones: ['dmz', 'vendor'],
          channels: [{ protocol: 'rdp', from: 'dmz', to: 'vendor' }],
        }),
        aConduit({
          id: 'c-vendor-out',
          zones: ['vendor', 'control'],
          channels: [{ protocol: 's7comm', from: 'vendor', to: 'control' }],
        }),
      ],
      accessPoints: [anAccessPoint({ id: 'remote', zone: 'dmz' })],
      countermeasures: [aCountermeasure({ id: 'cm-acl', appliesTo: ['c-vendor-out'], status: 'existing' })],
      dataFlows: [],
    });
    const targets = [
      conduitTarget('c-direct', 1),
      conduitTarget('c-vendor-in', 1),
      conduitTarget('c-vendor-out', 1),
    ];

    it('ranks paths by strength, using SL-A when known and SL-T otherwise, and marks the weakest', () => {
      const paths = deriveAttackPaths(resolveOrThrow(twoRoutes), targets);
      expect(paths.map((path) => [path.id, path.strength, path.isWeakest])).toEqual([
        ['path:remote>control#1', 2, true],
        ['path:remote>control#2', 3, false],
      ]);
      expect(paths[0]?.conduits.map((conduit) => conduit.id)).toEqual(['c-vendor-in', 'c-vendor-out']);
      expect(paths[1]?.conduits.map((conduit) => conduit.id)).toEqual(['c-direct']);
    });

    it('lists conduits with neither enforcement nor an existing countermeasure as unprotected', () => {
      const paths = deriveAttackPaths(resolveOrThrow(twoRoutes), targets);
      expect(paths[0]?.unprotectedConduits.map((conduit) => conduit.id)).toEqual(['c-vendor-in']);
    });

    it('breaks a strength tie by fewer hops', () => {
      const paths = deriveAttackPaths(resolveOrThrow(twoRoutes), [
        conduitTarget('c-vendor-in', 1),
        conduitTarget('c-vendor-out', 2),
      ]);
      expect(paths.map((path) => [path.conduits.length, path.strength, path.isWeakest])).toEqual([
        [1, 3, true],
        [2, 3, false],
      ]);
    });

    it('respects the hop and path caps', () => {
      const model = resolveOrThrow(twoRoutes);
      expect(deriveAttackPaths(model, targets, { maxHops: 1 }).map((path) => path.conduits.length)).toEqual([
        1,
      ]);
      expect(deriveAttackPaths(model, targets, { maxPathsPerPair: 1 }).map((path) => path.id)).toEqual([
        'path:remote>control#1',
      ]);
    });
  });

  it('counts an unknown conduit level as 0 and targets every zone holding the worst impact', () => {
    const model = resolveOrThrow(
      aSystem({
        zones: [aZone({ id: 'dmz' }), aZone({ id: 'cell-1' }), aZone({ id: 'cell-2' })],
        assets: [
          anAsset({ id: 'hist', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
          anAsset({ id: 'plc-1', kind: 'plc', zone: 'cell-1', criticality: { production: 4 } }),
          anAsset({ id: 'plc-2', kind: 'plc', zone: 'cell-2', criticality: { 'health-safety': 4 } }),
        ],
        conduits: [
          aConduit({
            id: 'c1',
            zones: ['dmz', 'cell-1'],
            channels: [{ protocol: 'opc-ua', from: 'dmz', to: 'cell-1' }],
          }),
          aConduit({
            id: 'c2',
            zones: ['dmz', 'cell-2'],
            channels: [{ protocol: 'opc-ua', from: 'dmz', to: 'cell-2' }],
          }),
        ],
        accessPoints: [anAccessPoint({ id: 'remote', zone: 'dmz' })],
        dataFlows: [],
      }),
    );
    expect(deriveAttackPaths(model, []).map((path) => [path.id, path.strength])).toEqual([
      ['path:remote>cell-1#1', 0],
      ['path:remote>cell-2#1', 0],
    ]);
  });

  it('enumerates a dense graph within its caps', () => {
    const zoneIds = Array.from({ length: 12 }, (_, index) => `z${String(index).padStart(2, '0')}`);
    const conduits = zoneIds.flatMap((a, i) =>
      zoneIds.slice(i + 1).map((b) => aConduit({ id: `c-${a}-${b}`, zones: [a, b] })),
    );
    const model = resolveOrThrow(
      aSystem({
        zones: zoneIds.map((id) => aZone({ id })),
        assets: zoneIds.map((id, index) =>
          anAsset({
            id: `a-${id}`,
            zone: id,
            criticality: { production: index === zoneIds.length - 1 ? 5 : 1 },
          }),
        ),
        conduits,
        accessPoints: [anAccessPoint({ id: 'remote', zone: 'z00' })],
        dataFlows: [],
      }),
    );
    const paths = deriveAttackPaths(model, []);
    expect(paths.map((path) => path.id)).toEqual([1, 2, 3, 4, 5].map((n) => `path:remote>z11#${n}`));
    expect(paths[0]?.conduits.map((conduit) => conduit.id)).toEqual(['c-z00-z11']);
    expect(paths.every((path) => path.conduits.length <= 6)).toBe(true);
  });
});

describe('deriveAttackPaths against brute force', () => {
  const zoneIds = ['z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'z6'];
  const arbitraryConduit = fc.record({
    a: fc.constantFrom(...zoneIds),
    b: fc.constantFrom(...zoneIds),
    direction: fc.constantFrom('forward', 'backward', 'both', 'none'),
    level: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  });

  test.prop([fc.array(arbitraryConduit, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 6 })], {
    seed: 62443,
    numRuns: 150,
  })('returns the weakest simple paths in ranking order', (specs, maxHops) => {
    const conduits = specs
      .filter((spec) => spec.a !== spec.b)
      .map((spec, index) => {
        const channels =
          spec.direction === 'none'
            ? []
            : [
                ...(spec.direction !== 'backward' ? [{ protocol: 'tcp', from: spec.a, to: spec.b }] : []),
                ...(spec.direction !== 'forward' ? [{ protocol: 'tcp', from: spec.b, to: spec.a }] : []),
              ];
        return aConduit({
          id: `c${String(index).padStart(2, '0')}`,
          zones: [spec.a, spec.b],
          channels,
          ...(spec.level === undefined ? {} : { securityLevelAchieved: spec.level }),
        });
      });
    const model = resolveOrThrow(
      aSystem({
        zones: zoneIds.map((id) => aZone({ id })),
        assets: zoneIds.map((id) =>
          anAsset({ id: `a-${id}`, zone: id, criticality: { production: id === 'z6' ? 5 : 1 } }),
        ),
        conduits,
        accessPoints: [anAccessPoint({ id: 'entry', zone: 'z0' })],
        dataFlows: [],
      }),
    );

    // Every simple path z0 → z6 within the cap, ranked by strength, hops, then conduit and zone ids.
    const edges = model.conduits.flatMap((conduit) => {
      const strength =
        conduit.securityLevelAchieved === undefined
          ? 0
          : Math.min(...Object.values(conduit.securityLevelAchieved));
      const [a = '', b = ''] = conduit.zones;
      const pairs =
        conduit.channels.length === 0
          ? [
              [a, b],
              [b, a],
            ]
          : conduit.channels.map((channel) => [channel.from, channel.to]);
      return [...new Set(pairs.map((pair) => pair.join('>')))].map((pair) => {
        const [from = '', to = ''] = pair.split('>');
        return { from, to, conduit: conduit.id, strength };
      });
    });
    const all: { zones: string[]; conduits: string[]; strength: number; steps: string[] }[] = [];
    const walk = (zones: string[], conduitIds: string[], strength: number, steps: string[]): void => {
      const last = zones[zones.length - 1] as string;
      if (last === 'z6') {
        all.push({ zones, conduits: conduitIds, strength, steps });
        return;
      }
      if (conduitIds.length === maxHops) return;
      for (const edge of edges) {
        if (edge.from !== last || zones.includes(edge.to)) continue;
        walk([...zones, edge.to], [...conduitIds, edge.conduit], strength + edge.strength, [
          ...steps,
          `${edge.conduit}\u0000${edge.to}`,
        ]);
      }
    };
    walk(['z0'], [], 0, []);
    const compareSteps = (a: string[], b: string[]): number => {
      for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
        if (a[index] !== b[index]) return (a[index] as string) < (b[index] as string) ? -1 : 1;
      }
      return a.length - b.length;
    };
    all.sort(
      (a, b) =>
        a.strength - b.strength || a.conduits.length - b.conduits.length || compareSteps(a.steps, b.steps),
    );

    const paths = deriveAttackPaths(model, [], { maxHops });
    expect(
      paths.map((path) => [
        path.zones.map((zone) => zone.id),
        path.conduits.map((conduit) => conduit.id),
        path.strength,
      ]),
    ).toEqual(all.slice(0, 5).map((path) => [path.zones, path.conduits, path.strength]));
  });
});
