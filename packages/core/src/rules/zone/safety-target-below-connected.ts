import type { Violation } from '../rule';
import { defineRule } from '../rule';
import { frGaps, frsBelow, named, refsOf } from '../support';

/** ZCR 3.3: a safety zone protected less than a zone it is connected to. */
export const safetyTargetBelowConnected = defineRule({
  id: 'zone/safety-target-below-connected',
  appliesTo: 'zone',
  title: 'Safety zone has a lower SL-T than a connected zone',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.3' },
  severity: 'medium',
  rationale:
    'Safety functions are separated so that they stay intact when the zones around them are compromised. If a ' +
    'safety zone is protected less than a zone it talks to, the separation buys little: the attacker simply ' +
    'continues from the better-protected zone into the weaker safety zone.',
  detection:
    'A safety-related zone has, in some FR, a lower SL-T than a zone that shares a conduit with it. One finding ' +
    'per connected zone.',
  remediation:
    'Raise the safety zone SL-T to at least that of every connected zone in each FR, or reduce what the conduit ' +
    'lets through so that the connected zone no longer matters.',
  check(zone, model, context) {
    if (!zone.isSafetyRelated) return [];
    const target = context.targetOf(zone.id);
    if (!target) return [];
    const neighbours = new Map<string, string[]>();
    for (const conduit of model.conduitsOf(zone.id)) {
      for (const other of conduit.zones) {
        if (other === zone.id) continue;
        neighbours.set(other, [...(neighbours.get(other) ?? []), conduit.id]);
      }
    }
    const violations: Violation[] = [];
    for (const [otherId, conduitIds] of neighbours) {
      const other = model.zone(otherId);
      const otherTarget = context.targetOf(otherId);
      if (!other || !otherTarget) continue;
      const frs = frsBelow(target, otherTarget);
      if (frs.length === 0) continue;
      violations.push({
        because: `Safety zone ${named(zone)} is connected to zone ${named(other)} through ${conduitIds.join(', ')} but has a lower SL-T: ${frGaps(frs, target, otherTarget)}.`,
        evidence: refsOf(model, [otherId, ...conduitIds]),
        key: otherId,
      });
    }
    return violations;
  },
});
