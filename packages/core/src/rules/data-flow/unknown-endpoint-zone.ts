import type { Asset } from '../../model/system-model';
import { defineRule } from '../rule';
import { named, refsOf, zoneIdOf } from '../support';

/** ZCR 1.1 / 3.1: a data flow with an endpoint outside the SuC or without a zone, so it cannot be checked. */
export const unknownEndpointZone = defineRule({
  id: 'data-flow/unknown-endpoint-zone',
  appliesTo: 'data-flow',
  title: 'Data flow endpoint is out of scope or has no zone',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 1.1' },
  severity: 'info',
  rationale:
    'Flows to or from assets outside the SuC boundary are access points in disguise, and flows from unassigned ' +
    'assets cannot be checked against any conduit. Both deserve a look, though neither is wrong in itself.',
  detection:
    'An endpoint of a data flow is marked out of scope, or is in scope but assigned to no zone and no conduit.',
  remediation:
    'Assign the endpoint to a zone, or model the connection to the outside world as an access point of the zone ' +
    'it enters and make sure a conduit or access control covers it.',
  check(flow, model) {
    if (zoneIdOf(model, flow.from) !== undefined && zoneIdOf(model, flow.to) !== undefined) return [];
    const unknown = [flow.from, flow.to].flatMap((id) => {
      const asset = model.asset(id);
      return asset && (!asset.isInScope || asset.zone === undefined) ? [asset] : [];
    });
    if (unknown.length === 0) return [];
    const describe = (asset: Asset) =>
      `${asset.id} is ${asset.isInScope ? 'assigned to no zone' : 'out of scope'}`;
    return [
      {
        because: `Flow ${named(flow)} cannot be checked against conduits: ${[...new Set(unknown)].map(describe).join(' and ')}.`,
        evidence: refsOf(model, [...new Set(unknown.map((asset) => asset.id))]),
      },
    ];
  },
});
