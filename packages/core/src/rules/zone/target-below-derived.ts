import { formatVector } from '../../security-levels/security-level-vector';
import { defineRule } from '../rule';
import { frGaps, frsBelow, named, refsOf } from '../support';

/** ZCR 5.6: an explicit SL-T lower than what the zone's threat scenarios call for. */
export const targetBelowDerived = defineRule({
  id: 'zone/target-below-derived',
  appliesTo: 'zone',
  title: "Zone's explicit SL-T is below the derived SL-T",
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.6' },
  severity: 'medium',
  rationale:
    'An explicit target overrides what the risk assessment derived from the scenarios. Setting it lower accepts ' +
    'more risk than the criteria allow, which is a decision the asset owner must see and sign off, not a side effect.',
  detection:
    'For some FR, the SL-T in force for the zone is lower than the SL-T derived from its threat scenarios.',
  remediation:
    'Raise the explicit SL-T to at least the derived level in those FRs, or record in the justification why the ' +
    'lower target is acceptable and accept the finding through triage.',
  check(zone, model, context) {
    const target = context.targetOf(zone.id);
    const derived = context.derivedTargetOf(zone.id);
    if (!target || !derived) return [];
    const frs = frsBelow(target, derived);
    if (frs.length === 0) return [];
    return [
      {
        because: `Zone ${named(zone)} has SL-T ${formatVector(target)} but its scenarios derive ${formatVector(derived)}: ${frGaps(frs, target, derived)}.`,
        evidence: refsOf(model, [zone.id]),
      },
    ];
  },
});
