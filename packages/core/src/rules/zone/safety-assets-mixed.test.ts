import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { safetyAssetsMixed } from './safety-assets-mixed';

const mixed = (zoneFlag?: boolean) =>
  modelWith({
    zones: [
      aZone({ id: 'control', ...(zoneFlag === undefined ? {} : { isSafetyRelated: zoneFlag }) }),
      aZone({ id: 'dmz' }),
    ],
    assets: [
      anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
      anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'control' }),
      anAsset({ id: 'sis-ews', kind: 'safety-engineering-workstation', zone: 'control' }),
      anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
    ],
  });

describe('zone/safety-assets-mixed', () => {
  it('fires when safety controllers share a zone with a PLC; evidence is the safety assets', () => {
    const findings = fire(safetyAssetsMixed, mixed());
    expect(outline(findings)).toEqual([
      { ruleId: 'zone/safety-assets-mixed', subject: 'control', evidence: ['sis-1', 'sis-ews'] },
    ]);
    expect(findings[0]?.severity).toBe('high');
  });

  it('lowers the severity when the shared zone is explicitly designated safety-related', () => {
    expect(fire(safetyAssetsMixed, mixed(true)).map((finding) => finding.severity)).toEqual(['medium']);
  });

  it('does not fire for a zone of safety assets and its switch', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'sis' })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis' }),
        anAsset({ id: 'sis-switch', kind: 'switch', zone: 'sis' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(fire(safetyAssetsMixed, model)).toEqual([]);
  });
});
