import { describe, expect, it } from 'vitest';
import { aConduit } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { cleartextIndustrialProtocolExternal } from './cleartext-industrial-protocol-external';

const conduit = (
  channel: { protocol: string; isEncrypted?: boolean },
  enforcement: ('firewall' | 'vpn')[] = ['firewall'],
  isExternal = true,
) =>
  modelWith({
    conduits: [
      aConduit({
        id: 'wan',
        zones: ['dmz', 'control'],
        channels: [{ port: 502, from: 'dmz', to: 'control', ...channel }],
        enforcement,
        isExternal,
      }),
    ],
    dataFlows: [],
  });

describe('conduit/cleartext-industrial-protocol-external', () => {
  it('fires for Modbus over an external conduit without a VPN', () => {
    expect(outline(fire(cleartextIndustrialProtocolExternal, conduit({ protocol: 'modbus' })))).toEqual([
      { ruleId: 'conduit/cleartext-industrial-protocol-external', subject: 'wan', evidence: ['wan'] },
    ]);
  });

  it('fires for OPC UA explicitly configured without encryption', () => {
    expect(
      fire(cleartextIndustrialProtocolExternal, conduit({ protocol: 'opc-ua', isEncrypted: false })),
    ).toHaveLength(1);
  });

  it('does not fire inside a VPN, for an encrypted channel, for OPC UA by default, or on internal conduits', () => {
    expect(
      fire(cleartextIndustrialProtocolExternal, conduit({ protocol: 'modbus' }, ['firewall', 'vpn'])),
    ).toEqual([]);
    expect(
      fire(cleartextIndustrialProtocolExternal, conduit({ protocol: 'dnp3', isEncrypted: true })),
    ).toEqual([]);
    expect(fire(cleartextIndustrialProtocolExternal, conduit({ protocol: 'opc-ua' }))).toEqual([]);
    expect(
      fire(cleartextIndustrialProtocolExternal, conduit({ protocol: 'modbus' }, ['firewall'], false)),
    ).toEqual([]);
  });
});
