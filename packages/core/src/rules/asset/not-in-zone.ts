import { defineRule } from '../rule';
import { named, refsOf } from '../support';

/** ZCR 3.1 / ZCR 1.1: an in-scope asset assigned to no zone or conduit. */
export const assetNotInZone = defineRule({
  id: 'asset/not-in-zone',
  appliesTo: 'asset',
  title: 'In-scope asset is not assigned to a zone',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'medium',
  rationale:
    'Every asset inside the system under consideration must belong to exactly one zone (or, for network devices, ' +
    'a conduit); otherwise it gets no security level target, no requirements and no place on the drawings, and the ' +
    'risk assessment silently skips it.',
  detection: 'An asset inside the SuC boundary (isInScope not false) names no zone and no zone lists it.',
  remediation:
    'Assign the asset to the zone whose security requirements it shares, or mark it out of scope (isInScope: false) ' +
    'if it lies outside the SuC boundary.',
  check(asset, model) {
    if (!asset.isInScope || asset.zone !== undefined) return [];
    return [
      {
        because: `Asset ${named(asset)} is in scope but belongs to no zone or conduit.`,
        evidence: refsOf(model, [asset.id]),
      },
    ];
  },
});
