import { describe, expect, it } from 'vitest';
import { aConduit, aDataFlow, anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { unusedConduit } from './unused';

const zones = [aZone({ id: 'control' }), aZone({ id: 'dmz' }), aZone({ id: 'enterprise' })];
const assets = [
  anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
  anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
  anAsset({ id: 'erp', kind: 'erp', zone: 'enterprise' }),
  anAsset({ id: 'fw-1', kind: 'firewall', zone: 'dmz-enterprise' }),
];
const conduits = [
  aConduit({
    id: 'dmz-control',
    zones: ['dmz', 'control'],
    channels: [{ protocol: 'opc-ua', from: 'dmz', to: 'control' }],
  }),
  aConduit({
    id: 'dmz-enterprise',
    zones: ['dmz', 'enterprise'],
    channels: [{ protocol: 'https', from: 'enterprise', to: 'dmz' }],
  }),
];

describe('conduit/unused', () => {
  it('fires (low) for a conduit no flow crosses', () => {
    const model = modelWith({ zones, assets, conduits });
    const findings = fire(unusedConduit, model);
    expect(outline(findings)).toEqual([
      {
        ruleId: 'conduit/unused',
        subject: 'dmz-enterprise',
        evidence: ['dmz-enterprise', 'dmz', 'enterprise'],
      },
    ]);
    expect(findings[0]?.severity).toBe('low');
  });

  it('reports info while the model has no data flows', () => {
    const model = modelWith({ zones, assets, conduits, dataFlows: [] });
    expect(fire(unusedConduit, model).map((finding) => [finding.subject.id, finding.severity])).toEqual([
      ['dmz-control', 'info'],
      ['dmz-enterprise', 'info'],
    ]);
  });

  it('does not fire when a flow crosses it, even one its channels do not allow, or a device in it is an endpoint', () => {
    const crossing = modelWith({
      zones,
      assets,
      conduits,
      dataFlows: [
        aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua' }),
        aDataFlow({ id: 'erp-hist', from: 'erp', to: 'historian', protocol: 'smb' }),
      ],
    });
    expect(fire(unusedConduit, crossing)).toEqual([]);
    const managed = modelWith({
      zones,
      assets,
      conduits,
      dataFlows: [
        aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua' }),
        aDataFlow({ id: 'fw-log', from: 'fw-1', to: 'historian', protocol: 'syslog' }),
      ],
    });
    expect(fire(unusedConduit, managed)).toEqual([]);
  });
});
