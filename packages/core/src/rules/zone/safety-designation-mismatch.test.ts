import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { safetyDesignationMismatch } from './safety-designation-mismatch';

describe('zone/safety-designation-mismatch', () => {
  it('fires (high) for a zone marked not safety-related that holds a safety controller', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control', isSafetyRelated: false }), aZone({ id: 'dmz' })],
      assets: [
        anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
      dataFlows: [],
    });
    const findings = fire(safetyDesignationMismatch, model);
    expect(outline(findings)).toEqual([
      { ruleId: 'zone/safety-designation-mismatch', subject: 'control', evidence: ['sis-1'] },
    ]);
    expect(findings[0]?.severity).toBe('high');
  });

  it('fires (low) for a zone marked safety-related without safety assets', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz', isSafetyRelated: true })],
    });
    const findings = fire(safetyDesignationMismatch, model);
    expect(outline(findings)).toEqual([
      { ruleId: 'zone/safety-designation-mismatch', subject: 'dmz', evidence: ['dmz'] },
    ]);
    expect(findings[0]?.severity).toBe('low');
  });

  it('does not fire when the designation is absent (derived) or agrees', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'sis', isSafetyRelated: true })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'sis-2', kind: 'safety-controller', zone: 'control' }),
        anAsset({ id: 'sis-1', kind: 'safety-controller', zone: 'sis' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(fire(safetyDesignationMismatch, model)).toEqual([]);
  });
});
