import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import type { SystemFileInput } from '../schema/system-file';
import {
  aConduit,
  anAccessPoint,
  anAsset,
  aScenario,
  aSystem,
  aZone,
  resolveOrThrow,
} from '../testing/builders';
import { generateScenarios } from './generate-scenarios';

/** dmz → control → field, remote access entering the DMZ. */
const chain = (overrides: Partial<SystemFileInput> = {}): SystemFileInput =>
  aSystem({
    zones: [aZone({ id: 'dmz' }), aZone({ id: 'control' }), aZone({ id: 'field' })],
    conduits: [
      aConduit({
        id: 'c1',
        zones: ['dmz', 'control'],
        channels: [{ protocol: 'opc-ua', from: 'dmz', to: 'control' }],
      }),
      aConduit({
        id: 'c2',
        zones: ['control', 'field'],
        channels: [{ protocol: 'opc-ua', from: 'control', to: 'field' }],
      }),
    ],
    assets: [
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
      anAsset({ id: 'scada', kind: 'scada-server', zone: 'control', criticality: { production: 3 } }),
      anAsset({ id: 'plc-1', zone: 'field', criticality: { 'health-safety': 4, production: 3 } }),
      anAsset({ id: 'plc-2', zone: 'field', criticality: { production: 2 } }),
    ],
    accessPoints: [anAccessPoint({ id: 'vpn', kind: 'remote-access', zone: 'dmz' })],
    dataFlows: [],
    ...overrides,
  });

const scenario = (file: SystemFileInput, id: string) => {
  const found = generateScenarios(resolveOrThrow(file)).find((generated) => generated.scenario.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};

const deltas = (generated: ReturnType<typeof scenario>) =>
  generated.likelihoodFactors.map((factor) => factor.delta);

describe('generateScenarios', () => {
  it('returns scenarios sorted by id with deterministic ids', () => {
    const ids = generateScenarios(resolveOrThrow(chain())).map((generated) => generated.scenario.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('threat/external-access-compromise@vpn>field');
  });

  it('lowers the likelihood one step per conduit beyond the first', () => {
    expect(scenario(chain(), 'threat/external-access-compromise@vpn>dmz').scenario.likelihood).toBe(4);
    expect(scenario(chain(), 'threat/external-access-compromise@vpn>control').scenario.likelihood).toBe(4);
    const field = scenario(chain(), 'threat/external-access-compromise@vpn>field');
    expect(deltas(field)).toEqual([4, -1]);
    expect(field.scenario.likelihood).toBe(3);
    expect(field.likelihoodFactors[1]?.evidence?.map((ref) => ref.id)).toEqual(['c1', 'c2']);
  });

  it('targets the highest-impact assets of the zone and takes their worst impact per category', () => {
    const field = scenario(chain(), 'threat/external-access-compromise@vpn>field').scenario;
    expect(field.targets).toEqual(['plc-1']);
    expect(field.consequences).toEqual({ 'health-safety': 4, production: 3 });
    expect(field).toMatchObject({ entryPoint: 'vpn', zone: 'field' });
  });

  it('raises the likelihood for a known-exploited and a CVSS ≥ 9 vulnerability, held within the scale', () => {
    const file = chain({
      vulnerabilities: [
        { id: 'v1', isKnownExploited: true, cvss: { version: '3.1', score: 9.8 }, assets: ['historian'] },
      ],
      accessPoints: [anAccessPoint({ id: 'vpn', kind: 'internet', zone: 'dmz' })],
    });
    const dmz = scenario(file, 'threat/external-access-compromise@vpn>dmz');
    expect(deltas(dmz)).toEqual([5, 1, 1, -2]);
    expect(dmz.scenario.likelihood).toBe(5);
    expect(dmz.scenario.vulnerabilities).toEqual(['v1']);
    const control = scenario(
      chain({ vulnerabilities: [{ id: 'v2', isKnownExploited: true, assets: ['scada'] }] }),
      'threat/external-access-compromise@vpn>control',
    );
    expect(deltas(control)).toEqual([4, 1]);
  });

  it('leaves out vulnerabilities that were remediated or do not affect the asset, but not mitigated ones', () => {
    const withStatus = (status: 'remediated' | 'not-affected' | 'mitigated' | 'accepted') =>
      scenario(
        chain({
          vulnerabilities: [
            {
              id: 'v1',
              isKnownExploited: true,
              cvss: { version: '3.1', score: 9.8 },
              assets: ['historian'],
              status,
            },
          ],
          accessPoints: [anAccessPoint({ id: 'vpn', kind: 'internet', zone: 'dmz' })],
        }),
        'threat/external-access-compromise@vpn>dmz',
      );
    for (const status of ['remediated', 'not-affected'] as const) {
      expect(deltas(withStatus(status))).toEqual([5]);
      expect(withStatus(status).scenario.vulnerabilities).toEqual([]);
    }
    for (const status of ['mitigated', 'accepted'] as const) {
      expect(deltas(withStatus(status))).toEqual([5, 1, 1, -2]);
      expect(withStatus(status).scenario.vulnerabilities).toEqual(['v1']);
    }
  });

  it('generates no known-exploited scenario for a known-exploited vulnerability that was remediated', () => {
    const ids = (status?: 'remediated' | 'mitigated') =>
      generateScenarios(
        resolveOrThrow(
          chain({
            vulnerabilities: [
              {
                id: 'v1',
                isKnownExploited: true,
                assets: ['scada'],
                ...(status === undefined ? {} : { status }),
              },
            ],
          }),
        ),
      )
        .map((generated) => generated.scenario.id)
        .filter((id) => id.startsWith('threat/known-exploited-vulnerability@'));
    expect(ids()).toEqual(['threat/known-exploited-vulnerability@control']);
    expect(ids('mitigated')).toEqual(['threat/known-exploited-vulnerability@control']);
    expect(ids('remediated')).toEqual([]);
  });

  it('starts from the access point exposure when the file sets one', () => {
    const file = chain({
      accessPoints: [anAccessPoint({ id: 'vpn', kind: 'remote-access', zone: 'dmz', exposure: 2 })],
    });
    expect(scenario(file, 'threat/external-access-compromise@vpn>dmz').scenario.likelihood).toBe(2);
    expect(scenario(file, 'threat/external-access-compromise@vpn>field').scenario.likelihood).toBe(1);
  });

  it('gives scenarios without their own entry the most exposed access point reaching the zone', () => {
    const file = chain({
      accessPoints: [
        anAccessPoint({ id: 'vpn', kind: 'remote-access', zone: 'dmz' }),
        anAccessPoint({ id: 'web', kind: 'internet', zone: 'dmz' }),
      ],
    });
    const dos = scenario(file, 'threat/controller-denial-of-service@field');
    expect(dos.scenario.entryPoint).toBeUndefined();
    expect(dos.likelihoodFactors[0]?.evidence?.map((ref) => ref.id)).toEqual(['web']);
    expect(deltas(dos)).toEqual([5, -1]);
  });

  it('falls back to local access when no access point reaches the zone', () => {
    const dos = scenario(chain({ accessPoints: [] }), 'threat/controller-denial-of-service@field');
    expect(dos.likelihoodFactors).toEqual([expect.objectContaining({ delta: 2, evidence: [] })]);
  });

  it('works on a descending likelihood scale', () => {
    const criteria = {
      ...DEFAULT_RISK_CRITERIA,
      likelihood: { direction: 'descending' as const, levels: DEFAULT_RISK_CRITERIA.likelihood.levels },
      matrix: [...DEFAULT_RISK_CRITERIA.matrix].reverse(),
    };
    const field = scenario(chain({ riskCriteria: criteria }), 'threat/external-access-compromise@vpn>field');
    expect(deltas(field)).toEqual([2, 1]);
    expect(field.scenario.likelihood).toBe(3);
  });

  it('drops a generated scenario when the file has one with the same entry point and zone', () => {
    const file = chain({
      threatScenarios: [aScenario({ id: 'team-vpn-field', entryPoint: 'vpn', zone: 'field', likelihood: 2 })],
    });
    const ids = generateScenarios(resolveOrThrow(file)).map((generated) => generated.scenario.id);
    expect(ids).not.toContain('threat/external-access-compromise@vpn>field');
    expect(ids).toContain('threat/external-access-compromise@vpn>control');
  });

  it('stays bounded by access points × zones for external access', () => {
    const zones = Array.from({ length: 20 }, (_, index) => aZone({ id: `z${index}` }));
    const file = aSystem({
      zones,
      conduits: zones
        .slice(1)
        .map((zone, index) => aConduit({ id: `c${index}`, zones: [`z${index}`, zone.id] })),
      assets: zones.map((zone) => anAsset({ id: `a-${zone.id}`, kind: 'historian', zone: zone.id })),
      accessPoints: [
        anAccessPoint({ id: 'ap1', kind: 'internet', zone: 'z0' }),
        anAccessPoint({ id: 'ap2', kind: 'vendor-link', zone: 'z19' }),
      ],
      dataFlows: [],
    });
    const external = generateScenarios(resolveOrThrow(file)).filter(
      (generated) => generated.ruleId === 'threat/external-access-compromise',
    );
    expect(external).toHaveLength(40);
    expect(Math.min(...external.map((generated) => generated.scenario.likelihood))).toBe(1);
  });
});
