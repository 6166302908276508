import { defineRule } from '../rule';
import { conduitsJoining, named, refsOf } from '../support';
import { flowZoneIds, protocolText } from './flow-zones';

/** ZCR 3.1: a data flow between zones that no conduit joins. */
export const crossZoneWithoutConduit = defineRule({
  id: 'data-flow/cross-zone-without-conduit',
  appliesTo: 'data-flow',
  title: 'Data flow crosses zones with no conduit between them',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'high',
  rationale:
    'Every communication between zones has to pass through a conduit, because the conduit is where that traffic is ' +
    'restricted, monitored and given a security level. A flow with no conduit is either an undocumented path ' +
    'around the zone boundary or a gap in the model; both leave the connection unassessed.',
  detection:
    'The source and destination assets of a data flow are in different zones and no conduit joins those zones.',
  remediation:
    'Add a conduit between the two zones with a channel for this protocol and direction, or stop the flow if it is ' +
    'not needed.',
  check(flow, model) {
    const { from: fromId, to: toId } = flowZoneIds(model, flow);
    if (fromId === undefined || toId === undefined || fromId === toId) return [];
    if (conduitsJoining(model, fromId, toId).length > 0) return [];
    const from = model.zone(fromId) ?? { id: fromId };
    const to = model.zone(toId) ?? { id: toId };
    return [
      {
        because: `Flow ${named(flow)} (${protocolText(flow)}) goes from ${flow.from} in zone ${named(from)} to ${flow.to} in zone ${named(to)}, but no conduit joins these zones.`,
        evidence: refsOf(model, [flow.from, flow.to, from.id, to.id]),
      },
    ];
  },
});
