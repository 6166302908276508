import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { businessAndControlMixed } from './business-and-control-mixed';

describe('zone/business-and-control-mixed', () => {
  it('fires when an ERP shares a zone with a PLC; evidence is the business systems', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'erp', kind: 'erp', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(outline(fire(businessAndControlMixed, model))).toEqual([
      { ruleId: 'zone/business-and-control-mixed', subject: 'control', evidence: ['erp'] },
    ]);
  });

  it('honours an asset override of isBusinessSystem', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({
          id: 'office-pc',
          kind: 'workstation',
          zone: 'control',
          attributes: { isBusinessSystem: true },
        }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(outline(fire(businessAndControlMixed, model)).map((finding) => finding.evidence)).toEqual([
      ['office-pc'],
    ]);
  });

  it('does not fire for separate enterprise and control zones, or for network devices beside business systems', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'enterprise' })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        anAsset({ id: 'erp', kind: 'erp', zone: 'enterprise' }),
        anAsset({ id: 'it-switch', kind: 'switch', zone: 'enterprise' }),
      ],
    });
    expect(fire(businessAndControlMixed, model)).toEqual([]);
  });

  it('ignores out-of-scope assets', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'erp', kind: 'erp', zone: 'control', isInScope: false }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(fire(businessAndControlMixed, model)).toEqual([]);
  });
});
