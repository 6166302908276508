import { describe, expect, it } from 'vitest';
import { aConduit, aDataFlow } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { notAllowedByConduit } from './not-allowed-by-conduit';

const conduit = (channels: { protocol: string; port?: number | string; from: string; to: string }[]) =>
  aConduit({ id: 'dmz-control', zones: ['dmz', 'control'], channels, enforcement: ['firewall'] });

describe('data-flow/not-allowed-by-conduit', () => {
  it('fires when the only channel runs the other way', () => {
    const model = modelWith({
      conduits: [conduit([{ protocol: 'opc-ua', port: 4840, from: 'control', to: 'dmz' }])],
    });
    const findings = fire(notAllowedByConduit, model);
    expect(outline(findings)).toEqual([
      {
        ruleId: 'data-flow/not-allowed-by-conduit',
        subject: 'hist-plc',
        evidence: ['historian', 'plc-1', 'dmz-control'],
      },
    ]);
    expect(findings[0]?.severity).toBe('medium');
  });

  it.each([
    ['another protocol', [{ protocol: 'modbus-tcp', port: 502, from: 'dmz', to: 'control' }]],
    ['another port', [{ protocol: 'opc-ua', port: 4843, from: 'dmz', to: 'control' }]],
    [
      'a range that excludes the port',
      [{ protocol: 'opc-ua', port: '4841-4850', from: 'dmz', to: 'control' }],
    ],
  ])('fires when the channel has %s', (_label, channels) => {
    expect(fire(notAllowedByConduit, modelWith({ conduits: [conduit(channels)] }))).toHaveLength(1);
  });

  it('reports low severity when the conduit declares no channels', () => {
    const findings = fire(notAllowedByConduit, modelWith({ conduits: [conduit([])] }));
    expect(findings.map((finding) => finding.severity)).toEqual(['low']);
  });

  it.each([
    ['an exact channel', { protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'control' }],
    ['an alias spelling', { protocol: 'OPC UA', port: 4840, from: 'dmz', to: 'control' }],
    ['a port range', { protocol: 'opcua', port: '4800-4900', from: 'dmz', to: 'control' }],
    ['no port', { protocol: 'opc-ua', from: 'dmz', to: 'control' }],
    ['protocol any', { protocol: 'any', from: 'dmz', to: 'control' }],
  ])('does not fire for %s', (_label, channel) => {
    expect(fire(notAllowedByConduit, modelWith({ conduits: [conduit([channel])] }))).toEqual([]);
  });

  it('does not fire for flows inside a zone or without a conduit (another rule reports those)', () => {
    const model = modelWith({
      conduits: [],
      dataFlows: [
        aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1' }),
        aDataFlow({ id: 'hmi-plc', from: 'hmi-1', to: 'plc-1' }),
      ],
    });
    expect(fire(notAllowedByConduit, model)).toEqual([]);
  });
});
