import { describe, expect, it } from 'vitest';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { temporaryDevicesMixed } from './temporary-devices-mixed';

describe('zone/temporary-devices-mixed', () => {
  it('fires when a maintenance laptop sits in the control zone', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'laptop', kind: 'portable-laptop', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(outline(fire(temporaryDevicesMixed, model))).toEqual([
      { ruleId: 'zone/temporary-devices-mixed', subject: 'control', evidence: ['laptop'] },
    ]);
  });

  it('does not fire for a maintenance zone of laptops behind a switch', () => {
    const model = modelWith({
      zones: [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'maintenance' })],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'laptop', kind: 'portable-laptop', zone: 'maintenance' }),
        anAsset({ id: 'usb', kind: 'removable-media', zone: 'maintenance' }),
        anAsset({ id: 'maint-switch', kind: 'switch', zone: 'maintenance' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
      ],
    });
    expect(fire(temporaryDevicesMixed, model)).toEqual([]);
  });
});
