import { channelAllows } from '../channels';
import { defineRule } from '../rule';
import { conduitsJoining, named, refsOf } from '../support';
import { flowZoneIds, protocolText } from './flow-zones';

/** ZCR 3.1 / SR 5.2: a conduit joins the zones but none of its channels lets this flow through. */
export const notAllowedByConduit = defineRule({
  id: 'data-flow/not-allowed-by-conduit',
  appliesTo: 'data-flow',
  title: 'Data flow is not allowed by any conduit between its zones',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'medium',
  rationale:
    "A conduit's channels say what may cross it: protocol, port and which side starts the connection. A flow that " +
    'no channel allows is either blocked in reality (and the process depends on something that does not work) or ' +
    'allowed in reality by a rule nobody documented, which is a hole in the boundary.',
  detection:
    'The endpoints of a data flow are in different zones joined by at least one conduit, but no channel of those ' +
    'conduits goes from the source zone to the destination zone with a matching protocol (aliases such as opcua / ' +
    'opc-ua count as the same) and port. When none of the conduits declares any channel the finding is low.',
  remediation:
    'Add a channel for this protocol, port and direction to the conduit, or correct the flow (for example its ' +
    'direction: the source is the side that initiates the connection).',
  check(flow, model) {
    const { from: fromId, to: toId } = flowZoneIds(model, flow);
    if (fromId === undefined || toId === undefined || fromId === toId) return [];
    const conduits = conduitsJoining(model, fromId, toId);
    if (conduits.length === 0) return [];
    for (const conduit of conduits) {
      for (const channel of conduit.channels) if (channelAllows(channel, flow, fromId, toId)) return [];
    }
    const from = model.zone(fromId) ?? { id: fromId };
    const to = model.zone(toId) ?? { id: toId };
    const undeclared = conduits.every((conduit) => conduit.channels.length === 0);
    return [
      {
        because: undeclared
          ? `Flow ${named(flow)} (${protocolText(flow)}) goes from zone ${named(from)} to zone ${named(to)}, but conduit ${conduits.map((conduit) => conduit.id).join(', ')} declares no channels.`
          : `Flow ${named(flow)} (${protocolText(flow)}) goes from zone ${named(from)} to zone ${named(to)}, but no channel of ${conduits.map((conduit) => conduit.id).join(', ')} allows it in that direction.`,
        evidence: refsOf(model, [flow.from, flow.to, ...conduits.map((conduit) => conduit.id)]),
        ...(undeclared ? { severity: 'low' as const } : {}),
      },
    ];
  },
});
