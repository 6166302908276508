import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { externalDevicesMixed } from './external-devices-mixed';

describe('zone/external-devices-mixed', () => {
  it('fires when a cellular modem sits beside a PLC', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'modem', kind: 'cellular-modem', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(outline(fire(externalDevicesMixed, model))).toEqual([
      { ruleId: 'zone/external-devices-mixed', subject: 'control', evidence: ['modem'] },
    ]);
  });

  it('does not fire for a zone of external systems only', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'vendor' })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'vendor-pc', kind: 'vendor-system', zone: 'vendor' }),
        anAsset({ id: 'cloud', kind: 'cloud-service', zone: 'vendor' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(fire(externalDevicesMixed, model)).toEqual([]);
  });
});
