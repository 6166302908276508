import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { runRules } from '../findings/run-rules';
import type { SecurityLevelVector } from '../model/system-model';
import type { ChannelInput, SystemFileInput } from '../schema/system-file';
import { parseSecurityLevelVector } from '../security-levels/security-level-vector';
import { aConduit, aSystem, anAsset, aZone, resolveOrThrow } from '../testing/builders';
import { messyPlantFile } from './testing/messy-plant';
import { stubContext, target } from './testing/rule-kit';

/**
 * Metamorphic check (architecture §3.9): splitting a zone into two zones with the same settings, joined by a conduit
 * with a channel for every flow between the halves and attached to every conduit of the original, must not create a
 * zone/* finding the original did not have. Findings on the new half count as findings on the original zone.
 */

/** Derived SL-T for the messy plant's control zone (as in its own context); the clean plant derives nothing. */
const messyDerived: Readonly<Record<string, SecurityLevelVector>> = { control: parseSecurityLevelVector(3) };

const splitZone = (file: SystemFileInput, zoneId: string, moved: ReadonlySet<string>): SystemFileInput => {
  const half = `${zoneId}-b`;
  const original = (file.zones ?? []).find((zone) => zone.id === zoneId);
  if (!original) throw new Error(`no zone ${zoneId}`);
  // A copied "safety-related: true" would be wrong for a half without safety assets; let it be derived instead.
  const { isSafetyRelated, ...settings } = original;
  const copy = isSafetyRelated === true ? settings : original;
  const assets = (file.assets ?? []).map((asset) => (moved.has(asset.id) ? { ...asset, zone: half } : asset));
  const zoneOf = new Map(assets.map((asset) => [asset.id, asset.zone]));
  const mirror = (channel: ChannelInput): ChannelInput[] =>
    channel.from === zoneId || channel.to === zoneId
      ? [
          channel,
          {
            ...channel,
            from: channel.from === zoneId ? half : channel.from,
            to: channel.to === zoneId ? half : channel.to,
          },
        ]
      : [channel];
  const conduits = (file.conduits ?? []).map((conduit) =>
    conduit.zones.includes(zoneId)
      ? { ...conduit, zones: [...conduit.zones, half], channels: (conduit.channels ?? []).flatMap(mirror) }
      : conduit,
  );
  const link: ChannelInput[] = (file.dataFlows ?? []).flatMap((flow) => {
    const from = zoneOf.get(flow.from);
    const to = zoneOf.get(flow.to);
    const crosses = (from === zoneId && to === half) || (from === half && to === zoneId);
    return crosses && from && to
      ? [{ protocol: flow.protocol, ...(flow.port === undefined ? {} : { port: flow.port }), from, to }]
      : [];
  });
  return {
    ...file,
    zones: [
      ...(file.zones ?? []).map((zone) => (zone.id === zoneId ? copy : zone)),
      { ...copy, id: half, name: `${original.name} (b)` },
    ],
    assets,
    conduits: [
      ...conduits,
      aConduit({ id: `${zoneId}-split`, zones: [zoneId, half], channels: link, enforcement: ['firewall'] }),
    ],
    countermeasures: (file.countermeasures ?? []).map((countermeasure) =>
      countermeasure.appliesTo.includes(zoneId)
        ? { ...countermeasure, appliesTo: [...countermeasure.appliesTo, half] }
        : countermeasure,
    ),
  };
};

/** zone/* finding ids, with the half's id mapped back to the original zone. */
const zoneFindings = (
  file: SystemFileInput,
  zoneId: string,
  derived: Readonly<Record<string, SecurityLevelVector>> = {},
): Set<string> => {
  const model = resolveOrThrow(file);
  const half = `${zoneId}-b`;
  const context = stubContext(model, { ...derived, ...(derived[zoneId] ? { [half]: derived[zoneId] } : {}) });
  return new Set(
    runRules(model, context)
      .filter((finding) => finding.ruleId.startsWith('zone/'))
      .map((finding) => finding.id.split(half).join(zoneId)),
  );
};

/** A well-partitioned plant: control (PLCs, HMIs), safety, DMZ and enterprise zones. */
const cleanPlant = (): SystemFileInput =>
  aSystem({
    zones: [
      aZone({ id: 'control', securityLevelTarget: target(2) }),
      aZone({ id: 'sis', securityLevelTarget: target(3) }),
      aZone({ id: 'dmz', securityLevelTarget: target(2) }),
    ],
    conduits: [
      aConduit({
        id: 'dmz-control',
        zones: ['dmz', 'control'],
        channels: [{ protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
      }),
      aConduit({
        id: 'control-sis',
        zones: ['control', 'sis'],
        channels: [{ protocol: 'modbus-tcp', port: 502, from: 'control', to: 'sis' }],
      }),
    ],
    assets: [
      anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
      anAsset({ id: 'plc-2', kind: 'plc', zone: 'control' }),
      anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control' }),
      anAsset({ id: 'hmi-2', kind: 'hmi', zone: 'control' }),
      anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis' }),
      anAsset({ id: 'sis-2', kind: 'safety-controller', zone: 'sis' }),
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      anAsset({ id: 'jump', kind: 'jump-host', zone: 'dmz' }),
    ],
    dataFlows: [
      { id: 'hist-plc1', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 },
      { id: 'hmi1-plc1', from: 'hmi-1', to: 'plc-1', protocol: 'modbus-tcp', port: 502 },
      { id: 'hmi2-plc2', from: 'hmi-2', to: 'plc-2', protocol: 'modbus-tcp', port: 502 },
      { id: 'plc1-sis1', from: 'plc-1', to: 'sis-1', protocol: 'modbus-tcp', port: 502 },
    ],
  });

const splits = (file: SystemFileInput) => {
  const members = (zoneId: string) =>
    (file.assets ?? []).filter((asset) => asset.zone === zoneId).map((asset) => asset.id);
  const zones = (file.zones ?? []).map((zone) => zone.id).filter((id) => members(id).length >= 2);
  return fc
    .constantFrom(...zones)
    .chain((zoneId) =>
      fc
        .subarray(members(zoneId), { minLength: 1, maxLength: members(zoneId).length - 1 })
        .map((moved) => ({ zoneId, moved: new Set(moved) })),
    );
};

describe('splitting a zone (metamorphic)', () => {
  test.prop([splits(cleanPlant())], { seed: 62443, numRuns: 30 })(
    'creates no zone/* finding in a well-partitioned plant',
    ({ zoneId, moved }) => {
      const file = cleanPlant();
      expect(zoneFindings(file, zoneId)).toEqual(new Set());
      expect([...zoneFindings(splitZone(file, zoneId, moved), zoneId)]).toEqual([]);
    },
  );

  test.prop([splits(messyPlantFile())], { seed: 62443, numRuns: 60 })(
    'creates no zone/* finding the original lacked, even in a badly partitioned plant',
    ({ zoneId, moved }) => {
      const file = messyPlantFile();
      const before = zoneFindings(file, zoneId, messyDerived);
      const after = zoneFindings(splitZone(file, zoneId, moved), zoneId, messyDerived);
      expect([...after].filter((id) => !before.has(id))).toEqual([]);
    },
  );
});
