import { isCleartextIndustrial } from '../channels';
import { defineRule } from '../rule';
import { named, refsOf } from '../support';

/** SR 3.1 / ZCR 3.6: an external conduit carries an industrial protocol in clear text. */
export const cleartextIndustrialProtocolExternal = defineRule({
  id: 'conduit/cleartext-industrial-protocol-external',
  appliesTo: 'conduit',
  title: 'External conduit carries an unencrypted industrial protocol',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 3.1' },
  severity: 'high',
  rationale:
    'Protocols such as Modbus/TCP, S7comm or DNP3 have no encryption and little or no authentication. On a network ' +
    'the asset owner does not control, anyone on the path can read the process data and inject commands.',
  detection:
    'A conduit marked isExternal has a channel with an industrial protocol that has no encryption of its own (or a ' +
    'securable one such as OPC UA explicitly marked isEncrypted: false) that is not marked encrypted, and the ' +
    'conduit lists neither vpn nor encryption as enforcement.',
  remediation:
    'Tunnel the traffic through a VPN or another encrypted link and list it as enforcement, switch to a secured ' +
    'protocol variant (for example OPC UA with signing and encryption), or keep the protocol off external links.',
  check(conduit, model) {
    if (!conduit.isExternal) return [];
    if (conduit.enforcement.includes('vpn') || conduit.enforcement.includes('encryption')) return [];
    const cleartext = conduit.channels.filter(isCleartextIndustrial);
    if (cleartext.length === 0) return [];
    const channels = cleartext.map((channel) => `${channel.protocol} from ${channel.from} to ${channel.to}`);
    return [
      {
        because: `External conduit ${named(conduit)} carries unencrypted industrial traffic: ${[...new Set(channels)].join('; ')}.`,
        evidence: refsOf(model, [conduit.id]),
      },
    ];
  },
});
