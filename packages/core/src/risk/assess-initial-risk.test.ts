import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import { aConduit, anAsset, aSystem, aZone, resolveOrThrow } from '../testing/builders';
import { assessInitialRisk } from './assess-initial-risk';

const riskOf = (file: Parameters<typeof resolveOrThrow>[0], id: string) =>
  assessInitialRisk(resolveOrThrow(file)).initialRisk.find((risk) => risk.subject.id === id);

const threeZones = aSystem({
  zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'office' })],
  conduits: [
    aConduit({ id: 'dmz-control', zones: ['dmz', 'control'] }),
    aConduit({ id: 'office-dmz', zones: ['office', 'dmz'] }),
  ],
  assets: [
    anAsset({ id: 'plc-1', zone: 'control', criticality: { 'health-safety': 3, production: 4 } }),
    anAsset({ id: 'plc-2', zone: 'control', criticality: { production: 4, environment: 2 } }),
    anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control', criticality: { production: 2 } }),
    anAsset({ id: 'spare', zone: 'control', isInScope: false, criticality: { 'health-safety': 5 } }),
    anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', criticality: { production: 2 } }),
    anAsset({ id: 'desk', kind: 'business-workstation', zone: 'office', criticality: { financial: 1 } }),
  ],
  accessPoints: [],
  dataFlows: [],
});

describe('assessInitialRisk', () => {
  it('rates a zone by its worst impact per category at the most likely level (ZCR 2)', () => {
    expect(riskOf(threeZones, 'control')).toMatchObject({
      subject: { kind: 'zone', id: 'control' },
      impacts: { environment: 2, 'health-safety': 3, production: 4 },
      rating: { likelihood: 5, impact: 4, band: 'critical', isTolerable: false },
      drivers: [{ id: 'plc-1' }, { id: 'plc-2' }],
      requiresDetailedAssessment: true,
    });
  });

  it('ignores assets outside the SuC', () => {
    expect(riskOf(threeZones, 'control')?.impacts['health-safety']).toBe(3);
  });

  it('does not require a detailed assessment when the worst case is tolerable (ZCR 4.1)', () => {
    expect(riskOf(threeZones, 'office')).toMatchObject({
      rating: { likelihood: 5, impact: 1, band: 'medium', isTolerable: true },
      requiresDetailedAssessment: false,
    });
  });

  it('gives a conduit the worst case of the zones it joins', () => {
    expect(riskOf(threeZones, 'dmz-control')).toMatchObject({
      subject: { kind: 'conduit' },
      rating: { impact: 4, band: 'critical' },
      drivers: [{ id: 'plc-1' }, { id: 'plc-2' }],
    });
    expect(riskOf(threeZones, 'office-dmz')).toMatchObject({
      rating: { impact: 2 },
      drivers: [{ id: 'historian' }],
    });
  });

  it('rates the SuC by its worst in-scope asset, and lists zones before conduits', () => {
    const result = assessInitialRisk(resolveOrThrow(threeZones));
    expect(result.systemInitialRisk).toMatchObject({ impact: 4, band: 'critical' });
    expect(result.initialRisk.map((risk) => risk.subject.id)).toEqual([
      'control',
      'dmz',
      'office',
      'dmz-control',
      'office-dmz',
    ]);
  });

  it('has no SuC rating without in-scope assets, and rates an empty zone at the lowest impact', () => {
    const result = assessInitialRisk(resolveOrThrow(aSystem({ assets: [], dataFlows: [] })));
    expect(result.systemInitialRisk).toBeUndefined();
    expect(result.initialRisk[0]).toMatchObject({ impacts: {}, drivers: [], rating: { impact: 1 } });
  });

  it('takes likelihood 1 as the worst case on a descending scale', () => {
    const criteria = {
      ...DEFAULT_RISK_CRITERIA,
      likelihood: { direction: 'descending' as const, levels: DEFAULT_RISK_CRITERIA.likelihood.levels },
      matrix: [...DEFAULT_RISK_CRITERIA.matrix].reverse(),
    };
    const result = assessInitialRisk(resolveOrThrow({ ...threeZones, riskCriteria: criteria }));
    expect(result.initialRisk[0]?.rating).toMatchObject({ likelihood: 1, impact: 4, band: 'critical' });
  });
});
