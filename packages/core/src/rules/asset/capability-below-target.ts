import { defineRule } from '../rule';
import { frGaps, frsBelow, named, refsOf } from '../support';

/** ZCR 5.8: an asset whose SL-C falls short of its zone's SL-T. */
export const capabilityBelowTarget = defineRule({
  id: 'asset/capability-below-target',
  appliesTo: 'asset',
  title: "Asset's SL-C is below its zone's SL-T",
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.8' },
  severity: 'medium',
  rationale:
    'A zone reaches its target only if its components can deliver the required capabilities. Where a component ' +
    'cannot, the gap must be closed by a compensating countermeasure or accepted explicitly; otherwise the zone ' +
    'cannot achieve its SL-T.',
  detection:
    "An in-scope asset declares an SL-C vector that is lower than its zone's SL-T in at least one FR.",
  remediation:
    'Replace or upgrade the component, add a compensating countermeasure for the FRs concerned (and record it ' +
    'against the requirements), or revisit the zone SL-T.',
  check(asset, model, context) {
    const capability = asset.securityLevelCapability;
    const zone = model.zoneOf(asset.id);
    if (!capability || !zone) return [];
    const target = context.targetOf(zone.id);
    if (!target) return [];
    const frs = frsBelow(capability, target);
    if (frs.length === 0) return [];
    return [
      {
        because: `Asset ${named(asset)} has an SL-C below the SL-T of zone ${named(zone)}: ${frGaps(frs, capability, target)}.`,
        evidence: refsOf(model, [asset.id, zone.id]),
      },
    ];
  },
});
