import { describe, expect, it } from 'vitest';
import { anAsset } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { endDeviceInConduit } from './end-device-in-conduit';

describe('asset/end-device-in-conduit', () => {
  it('fires for a workstation placed in a conduit', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        anAsset({ id: 'ews', kind: 'engineering-workstation', zone: 'dmz-control' }),
      ],
    });
    expect(outline(fire(endDeviceInConduit, model))).toEqual([
      { ruleId: 'asset/end-device-in-conduit', subject: 'ews', evidence: ['ews', 'dmz-control'] },
    ]);
  });

  it('does not fire for a firewall in the conduit or an asset overridden as a network device', () => {
    const model = modelWith({
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
        anAsset({ id: 'fw-1', kind: 'firewall', zone: 'dmz-control' }),
        anAsset({ id: 'gw', kind: 'other', zone: 'dmz-control', attributes: { isNetworkDevice: true } }),
      ],
    });
    expect(fire(endDeviceInConduit, model)).toEqual([]);
  });
});
