import { channelAllows } from '../channels';
import { defineRule } from '../rule';
import { conduitsJoining, named, perModel, refsOf, zoneIdOf } from '../support';

/**
 * Conduits some data flow crosses: for a flow between two zones, the joining conduits whose channels allow it, or
 * all joining conduits when none does (it crosses one of them anyway, and data-flow/not-allowed-by-conduit says
 * which channel is missing); plus the conduit of any network device that is an endpoint.
 */
const crossedConduits = perModel((model) => {
  const crossed = new Set<string>();
  for (const flow of model.dataFlows) {
    const from = zoneIdOf(model, flow.from);
    const to = zoneIdOf(model, flow.to);
    if (from === undefined || to === undefined) {
      const fromConduit = from === undefined ? model.conduitOf(flow.from) : undefined;
      const toConduit = to === undefined ? model.conduitOf(flow.to) : undefined;
      if (fromConduit) crossed.add(fromConduit.id);
      if (toConduit) crossed.add(toConduit.id);
      continue;
    }
    if (from === to) continue;
    const joining = conduitsJoining(model, from, to);
    const allowing = joining.filter((conduit) =>
      conduit.channels.some((channel) => channelAllows(channel, flow, from, to)),
    );
    for (const conduit of allowing.length > 0 ? allowing : joining) crossed.add(conduit.id);
  }
  return crossed;
});

/** ZCR 3.1: a conduit no modelled data flow uses. */
export const unusedConduit = defineRule({
  id: 'conduit/unused',
  appliesTo: 'conduit',
  title: 'No data flow uses the conduit',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'low',
  rationale:
    'A conduit that carries nothing the plant needs is an open path with no purpose: either a flow is missing from ' +
    'the model, or the connection can be removed and with it a way for an attacker to move between zones.',
  detection:
    'No data flow between the zones it joins is allowed by its channels (or crosses it at all), and no device ' +
    'placed in it is a flow endpoint. Reported as info while the model has no data flows at all.',
  remediation:
    'Model the data flows that use the conduit, or remove the conduit and the connection it stands for.',
  check(conduit, model) {
    if (crossedConduits(model).has(conduit.id)) return [];
    const none = model.dataFlows.length === 0;
    return [
      {
        because: none
          ? `Conduit ${named(conduit)} between ${conduit.zones.join(' and ')} carries no data flow: the model has no data flows yet.`
          : `No data flow crosses conduit ${named(conduit)} between ${conduit.zones.join(' and ')}.`,
        evidence: refsOf(model, [conduit.id, ...conduit.zones]),
        ...(none ? { severity: 'info' as const } : {}),
      },
    ];
  },
});
