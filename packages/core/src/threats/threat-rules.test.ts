import { describe, expect, it } from 'vitest';
import { THREAT_SOURCES } from '../catalogs/threat-sources';
import { FOUNDATIONAL_REQUIREMENTS } from '../catalogs/foundational-requirements';
import type { SystemFileInput } from '../schema/system-file';
import { aConduit, anAccessPoint, anAsset, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { builtInThreatRules } from './threat-rules';
import type { ThreatRule } from './threat-rule';

const base = aSystem();
const oneWayIntoDmz = aConduit({
  id: 'dmz-control',
  zones: ['dmz', 'control'],
  channels: [{ protocol: 'opc-ua', port: 4840, from: 'control', to: 'dmz' }],
});
const withSafetyZone = (from: string, to: string): Partial<SystemFileInput> => ({
  zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'sis' })],
  conduits: [
    ...(base.conduits ?? []),
    aConduit({
      id: 'control-sis',
      zones: ['control', 'sis'],
      channels: [{ protocol: 'safe-ethernet', from, to }],
    }),
  ],
  assets: [
    ...(base.assets ?? []),
    anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis', criticality: { 'health-safety': 5 } }),
  ],
});

/** For every built-in rule: a model where it fires (with the ids it must yield) and one where it must stay quiet. */
const cases: Record<string, { fires: SystemFileInput; ids: string[]; quiet: SystemFileInput }> = {
  'threat/external-access-compromise': {
    fires: base,
    ids: ['threat/external-access-compromise@remote>control', 'threat/external-access-compromise@remote>dmz'],
    quiet: aSystem({ accessPoints: [anAccessPoint({ id: 'cabinet', kind: 'physical', zone: 'control' })] }),
  },
  'threat/removable-media-malware': {
    fires: aSystem({ accessPoints: [anAccessPoint({ id: 'usb', kind: 'removable-media', zone: 'dmz' })] }),
    ids: ['threat/removable-media-malware@usb>control', 'threat/removable-media-malware@usb>dmz'],
    quiet: base,
  },
  'threat/wireless-intrusion': {
    fires: aSystem({
      accessPoints: [anAccessPoint({ id: 'wifi', kind: 'wireless', zone: 'dmz' })],
      assets: [...(base.assets ?? []), anAsset({ id: 'agv-1', kind: 'wireless-client', zone: 'control' })],
    }),
    ids: ['threat/wireless-intrusion@control', 'threat/wireless-intrusion@wifi'],
    quiet: base,
  },
  'threat/engineering-workstation-logic-change': {
    fires: aSystem({
      assets: [
        ...(base.assets ?? []),
        anAsset({ id: 'ews-1', kind: 'engineering-workstation', zone: 'dmz' }),
      ],
    }),
    ids: ['threat/engineering-workstation-logic-change@control'],
    quiet: aSystem({
      conduits: [oneWayIntoDmz],
      assets: [
        ...(base.assets ?? []),
        anAsset({ id: 'ews-1', kind: 'engineering-workstation', zone: 'dmz' }),
      ],
    }),
  },
  'threat/controller-denial-of-service': {
    fires: base,
    ids: ['threat/controller-denial-of-service@control'],
    quiet: aSystem({ conduits: [oneWayIntoDmz] }),
  },
  'threat/known-exploited-vulnerability': {
    fires: aSystem({
      vulnerabilities: [{ id: 'v1', cve: 'CVE-2020-0001', isKnownExploited: true, assets: ['plc-1'] }],
    }),
    ids: ['threat/known-exploited-vulnerability@control'],
    quiet: aSystem({ vulnerabilities: [{ id: 'v1', cve: 'CVE-2020-0001', assets: ['plc-1'] }] }),
  },
  'threat/cleartext-ot-protocol': {
    fires: aSystem({
      conduits: [
        aConduit({
          id: 'dmz-control',
          zones: ['dmz', 'control'],
          channels: [{ protocol: 'Modbus/TCP', from: 'dmz', to: 'control' }],
        }),
      ],
    }),
    ids: ['threat/cleartext-ot-protocol@dmz-control'],
    quiet: aSystem({
      conduits: [
        aConduit({
          id: 'dmz-control',
          zones: ['dmz', 'control'],
          channels: [{ protocol: 'modbus-tcp', from: 'dmz', to: 'control', isEncrypted: true }],
        }),
      ],
    }),
  },
  'threat/safety-zone-reachable': {
    fires: aSystem(withSafetyZone('control', 'sis')),
    ids: ['threat/safety-zone-reachable@sis'],
    quiet: aSystem(withSafetyZone('sis', 'control')),
  },
};

const idsOf = (rule: ThreatRule, file: SystemFileInput): string[] =>
  rule
    .generate(resolveOrThrow(file))
    .map((generated) => generated.scenario.id)
    .sort();

describe('built-in threat rules', () => {
  it('has a fires/quiet case for every registered rule', () => {
    expect(Object.keys(cases).sort()).toEqual(builtInThreatRules.map((rule) => rule.id).sort());
  });

  describe.each(builtInThreatRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const testCase = cases[id];
    if (!testCase) throw new Error(`no case for ${id}`);

    it('fires on a model where the threat applies', () => {
      expect(idsOf(rule, testCase.fires)).toEqual(testCase.ids);
    });

    it('stays quiet on a model where it does not', () => {
      expect(idsOf(rule, testCase.quiet)).toEqual([]);
    });

    it('is documented and well-formed', () => {
      expect(rule.id).toMatch(/^threat\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.title && rule.rationale && rule.detection).toBeTruthy();
      expect(rule.frs.length).toBeGreaterThan(0);
      expect(rule.frs.every((fr) => FOUNDATIONAL_REQUIREMENTS.includes(fr))).toBe(true);
      expect(THREAT_SOURCES.map((source) => source.id)).toContain(rule.source);
      for (const technique of rule.techniques) expect(technique).toMatch(/^T0\d{3}$/);
    });

    it('yields scenarios in the rule-id@subject shape with the rule FRs, source and techniques', () => {
      for (const generated of rule.generate(resolveOrThrow(testCase.fires))) {
        expect(generated.ruleId).toBe(id);
        expect(generated.scenario.id.startsWith(`${id}@`)).toBe(true);
        expect(generated.scenario).toMatchObject({
          source: rule.source,
          frs: rule.frs,
          techniques: rule.techniques,
        });
        expect(generated.because).not.toBe('');
      }
    });
  });

  it('has unique ids', () => {
    const ids = builtInThreatRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('threat/wireless-intrusion on a conduit', () => {
  it('assesses a conduit implemented by wireless devices on the conduit', () => {
    const file = aSystem({
      assets: [...(base.assets ?? []), anAsset({ id: 'bridge', kind: 'wireless-ap', zone: 'dmz-control' })],
    });
    const rule = builtInThreatRules.find((candidate) => candidate.id === 'threat/wireless-intrusion');
    const scenarios = rule?.generate(resolveOrThrow(file)) ?? [];
    expect(scenarios.map((generated) => [generated.scenario.id, generated.scenario.zone])).toEqual([
      ['threat/wireless-intrusion@dmz-control', 'dmz-control'],
    ]);
  });
});
