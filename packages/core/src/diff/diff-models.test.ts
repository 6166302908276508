import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { modelSha256 } from '../hash/canonical-json';
import type { SystemFileInput } from '../schema/system-file';
import {
  aConduit,
  aCountermeasure,
  aDataFlow,
  anAccessPoint,
  anAsset,
  aScenario,
  aSystem,
  aZone,
  resolveOrThrow,
} from '../testing/builders';
import { diffModels } from './diff-models';

/** A model with several entities of every kind, so that reordering has something to move. */
const richFile = (): SystemFileInput =>
  aSystem({
    system: {
      name: 'Plant',
      intendedUse: 'Testing',
      policies: [
        { id: 'pol-a', title: 'A' },
        { id: 'pol-b', title: 'B' },
        { id: 'pol-c', title: 'C' },
      ],
    },
    zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'it', organisation: 'IT' })],
    conduits: [
      aConduit({
        id: 'dmz-control',
        zones: ['dmz', 'control'],
        channels: [{ protocol: 'opc-ua', from: 'dmz', to: 'control' }],
      }),
      aConduit({
        id: 'it-dmz',
        zones: ['it', 'dmz'],
        channels: [{ protocol: 'https', port: 443, from: 'it', to: 'dmz' }],
      }),
    ],
    assets: [
      anAsset({
        id: 'plc-1',
        kind: 'plc',
        zone: 'control',
        criticality: { 'health-safety': 3, production: 4 },
      }),
      anAsset({ id: 'plc-2', kind: 'plc', zone: 'control', criticality: { production: 3 } }),
      anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control', criticality: { production: 3 } }),
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
      anAsset({ id: 'erp', kind: 'erp', zone: 'it', criticality: { financial: 3 } }),
    ],
    accessPoints: [
      anAccessPoint({ id: 'remote', zone: 'dmz' }),
      anAccessPoint({ id: 'internet', kind: 'internet', zone: 'it' }),
    ],
    dataFlows: [
      aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 }),
      aDataFlow({ id: 'hist-plc-2', from: 'historian', to: 'plc-2', protocol: 'opc-ua', port: 4840 }),
      aDataFlow({ id: 'erp-hist', from: 'erp', to: 'historian', protocol: 'https', port: 443 }),
    ],
    threatScenarios: [
      aScenario({ id: 's-1', zone: 'control' }),
      aScenario({ id: 's-2', zone: 'dmz', likelihood: 4 }),
    ],
    countermeasures: [
      aCountermeasure({ id: 'cm-fw', appliesTo: ['dmz-control'] }),
      aCountermeasure({ id: 'cm-mfa', appliesTo: ['remote'], status: 'planned' }),
    ],
    requirementStatus: [
      { subject: 'control', requirement: 'SR 1.1', status: 'met' },
      { subject: 'dmz', requirement: 'SR 1.1', status: 'not-met' },
    ],
  });

const COLLECTIONS = [
  'zones',
  'conduits',
  'assets',
  'accessPoints',
  'dataFlows',
  'threatScenarios',
  'countermeasures',
  'requirementStatus',
] as const;

type Collection = (typeof COLLECTIONS)[number];

/** Permutations (as index orders) for every collection and for the system's policies. */
const arbitraryOrders = (file: SystemFileInput) =>
  fc.record({
    ...Object.fromEntries(
      COLLECTIONS.map((key) => {
        const indices = (file[key] ?? []).map((_, index) => index);
        return [key, fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length })];
      }),
    ),
    policies: fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }),
  }) as fc.Arbitrary<Record<Collection | 'policies', number[]>>;

const reorder = (
  file: SystemFileInput,
  orders: Record<Collection | 'policies', number[]>,
): SystemFileInput => {
  const pick = <T>(list: readonly T[] | undefined, order: readonly number[]): T[] =>
    order.map((index) => (list ?? [])[index] as T);
  const pickList = (key: Collection): unknown[] =>
    pick(file[key] as readonly unknown[] | undefined, orders[key]);
  return {
    ...file,
    ...Object.fromEntries(COLLECTIONS.map((key) => [key, pickList(key)])),
    system: { ...file.system, policies: pick(file.system.policies, orders.policies) },
  };
};

describe('diffModels', () => {
  it('detects an added zone', () => {
    const before = resolveOrThrow(aSystem());
    const after = resolveOrThrow(
      aSystem({ zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'sis' })] }),
    );
    const diff = diffModels(before, after);
    expect(diff.changes).toEqual([
      { kind: 'zone', id: 'sis', name: 'Zone sis', change: 'added', fields: [] },
    ]);
    expect(diff.byKind).toEqual([{ kind: 'zone', added: ['sis'], removed: [], changed: [] }]);
    expect(diff.counts).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it('names the changed field of an asset', () => {
    const file = richFile();
    const changed = {
      ...file,
      assets: (file.assets ?? []).map((asset) =>
        asset.id === 'plc-2' ? { ...asset, criticality: { production: 5 }, vendor: 'Acme' } : asset,
      ),
    };
    const diff = diffModels(resolveOrThrow(file), resolveOrThrow(changed));
    expect(diff.changes).toEqual([
      {
        kind: 'asset',
        id: 'plc-2',
        name: 'Asset plc-2',
        change: 'changed',
        fields: ['criticality.production', 'vendor'],
      },
    ]);
  });

  it('detects removed entities, changed channels and approvals in section order', () => {
    const file = richFile();
    const changed: SystemFileInput = {
      ...file,
      conduits: (file.conduits ?? []).map((conduit) =>
        conduit.id === 'it-dmz'
          ? { ...conduit, channels: [{ protocol: 'https', port: 8443, from: 'it', to: 'dmz' }] }
          : conduit,
      ),
      dataFlows: (file.dataFlows ?? []).filter((flow) => flow.id !== 'erp-hist'),
      approvals: [
        {
          id: 'ap-1',
          approver: 'Manager',
          meaning: 'approved',
          signedAt: '2024-05-01',
          modelSha256: 'a'.repeat(64),
        },
      ],
    };
    const diff = diffModels(resolveOrThrow(file), resolveOrThrow(changed));
    expect(diff.changes.map((change) => [change.kind, change.id, change.change, change.fields])).toEqual([
      ['conduit', 'it-dmz', 'changed', ['channels[0].port']],
      ['data-flow', 'erp-hist', 'removed', []],
      ['approval', 'ap-1', 'added', []],
    ]);
  });

  test.prop([arbitraryOrders(richFile())], { seed: 62443, numRuns: 50 })(
    'gives an empty diff and the same modelSha256 when only the order of entities changes',
    (orders) => {
      const base = resolveOrThrow(richFile());
      const shuffled = resolveOrThrow(reorder(richFile(), orders));
      expect(diffModels(base, shuffled).changes).toEqual([]);
      expect(modelSha256(shuffled.file)).toBe(modelSha256(base.file));
    },
  );

  test.prop(
    [
      arbitraryOrders(richFile()),
      fc.constantFrom(...COLLECTIONS.filter((key) => key !== 'requirementStatus')),
      fc.nat(),
      fc.string({ minLength: 1, maxLength: 12 }),
    ],
    { seed: 62443, numRuns: 50 },
  )(
    'gives a different modelSha256 and a one-entity diff when one entity changes',
    (orders, key, pick, text) => {
      const base = resolveOrThrow(richFile());
      const file = reorder(richFile(), orders);
      const list = (file[key] ?? []) as { id: string; description?: string; purpose?: string }[];
      const index = pick % list.length;
      const target = list[index] as (typeof list)[number];
      const field = key === 'dataFlows' ? 'purpose' : 'description';
      const edited = {
        ...file,
        [key]: list.map((item, position) => (position === index ? { ...item, [field]: `x${text}` } : item)),
      };
      const changed = resolveOrThrow(edited);
      expect(modelSha256(changed.file)).not.toBe(modelSha256(base.file));
      expect(
        diffModels(base, changed).changes.map((change) => [change.id, change.change, change.fields]),
      ).toEqual([[target.id, 'changed', [field]]]);
    },
  );
});
