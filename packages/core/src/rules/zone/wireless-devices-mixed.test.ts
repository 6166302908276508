import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { wirelessDevicesMixed } from './wireless-devices-mixed';

describe('zone/wireless-devices-mixed', () => {
  it('fires when AGVs and their access point share the wired control zone', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'agv-1', kind: 'wireless-client', zone: 'control' }),
        anAsset({ id: 'wap-1', kind: 'wireless-ap', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(outline(fire(wirelessDevicesMixed, model))).toEqual([
      { ruleId: 'zone/wireless-devices-mixed', subject: 'control', evidence: ['agv-1', 'wap-1'] },
    ]);
  });

  it('does not fire for a wireless zone, nor for a wired zone with only a switch', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'wireless' })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'switch-1', kind: 'switch', zone: 'control' }),
        anAsset({ id: 'agv-1', kind: 'wireless-client', zone: 'wireless' }),
        anAsset({ id: 'wap-1', kind: 'wireless-ap', zone: 'wireless' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(fire(wirelessDevicesMixed, model)).toEqual([]);
  });
});
