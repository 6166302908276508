import { describe, expect, it } from 'vitest';
import { aDataFlow, anAsset } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { unknownEndpointZone } from './unknown-endpoint-zone';

const assets = [
  anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
  anAsset({ id: 'historian', kind: 'historian', zone: 'dmz' }),
  anAsset({ id: 'vendor-pc', kind: 'vendor-system', isInScope: false }),
  anAsset({ id: 'stray', kind: 'workstation' }),
  anAsset({ id: 'fw-1', kind: 'firewall', zone: 'dmz-control' }),
];

describe('data-flow/unknown-endpoint-zone', () => {
  it('fires (info) for flows from out-of-scope or unassigned assets', () => {
    const model = modelWith({
      assets,
      dataFlows: [
        aDataFlow({ id: 'vendor-plc', from: 'vendor-pc', to: 'plc-1' }),
        aDataFlow({ id: 'stray-hist', from: 'historian', to: 'stray' }),
      ],
    });
    const findings = fire(unknownEndpointZone, model);
    expect(outline(findings)).toEqual([
      { ruleId: 'data-flow/unknown-endpoint-zone', subject: 'stray-hist', evidence: ['stray'] },
      { ruleId: 'data-flow/unknown-endpoint-zone', subject: 'vendor-plc', evidence: ['vendor-pc'] },
    ]);
    expect(findings.every((finding) => finding.severity === 'info')).toBe(true);
  });

  it('does not fire for endpoints in zones or network devices in conduits', () => {
    const model = modelWith({
      assets,
      dataFlows: [
        aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 }),
        aDataFlow({ id: 'fw-syslog', from: 'fw-1', to: 'historian', protocol: 'syslog', port: 514 }),
      ],
    });
    expect(fire(unknownEndpointZone, model)).toEqual([]);
  });
});
