import { isAnyPort, isAnyProtocol } from '../channels';
import { defineRule } from '../rule';
import { named, refsOf } from '../support';

/** SR 5.2: a conduit channel that allows any protocol or any port. */
export const anyProtocol = defineRule({
  id: 'conduit/any-protocol',
  appliesTo: 'conduit',
  title: 'Conduit channel allows any protocol or any port',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 5.2' },
  severity: 'medium',
  rationale:
    'A zone boundary should deny everything except what is needed. A channel open to any protocol or every port ' +
    'turns the conduit into a plain cable: it no longer limits what an attacker can send through it.',
  detection:
    'A channel of a conduit has protocol "any" (or "*", "all", "ip"), or port "any", "*" or the full range 0-65535.',
  remediation: 'Replace the channel with one channel per protocol and port the flows actually use.',
  check(conduit, model) {
    const open = conduit.channels.filter(
      (channel) => isAnyProtocol(channel.protocol) || isAnyPort(channel.port),
    );
    if (open.length === 0) return [];
    const channels = open.map(
      (channel) =>
        `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} from ${channel.from} to ${channel.to}`,
    );
    return [
      {
        because: `Conduit ${named(conduit)} has channels open to any protocol or port: ${[...new Set(channels)].join('; ')}.`,
        evidence: refsOf(model, [conduit.id]),
      },
    ];
  },
});
