import { findRequirement } from '../../catalogs/system-requirements';
import type { AccessPointKind } from '../../schema/system-file';
import { defineRule } from '../rule';
import { named, refsOf } from '../support';

const PORTABLE_KINDS: readonly AccessPointKind[] = ['removable-media', 'maintenance-laptop'];

/** Requirements whose countermeasures control portable devices or the code they bring (SR 2.3, SR 3.2 and REs). */
const CONTROLLING_REQUIREMENTS = new Set(['SR 2.3', 'SR 3.2']);

/** ZCR 3.4 / SR 2.3: removable media or maintenance laptops enter a zone with no control on them. */
export const removableMediaWithoutControl = defineRule({
  id: 'access-point/removable-media-without-control',
  appliesTo: 'access-point',
  title: 'Removable media or laptops enter a zone without a use or malware control',
  reference: { standard: 'IEC 62443-3-3', clause: 'SR 2.3' },
  severity: 'medium',
  rationale:
    'USB media and maintenance laptops cross every network boundary by hand and have carried some of the best-known ' +
    'attacks on industrial systems. Without a control on their use or a malware check, the zone relies on luck.',
  detection:
    'An access point of kind removable-media or maintenance-laptop has no existing countermeasure, applied to it or ' +
    'to its zone, that lists SR 2.3 or SR 3.2 (or one of their enhancements).',
  remediation:
    'Put a portable-device control in place (allow-listed devices, a scanning kiosk, a port-blocking policy) and ' +
    'record it as an existing countermeasure on the access point or the zone with the requirements it meets.',
  check(accessPoint, model) {
    if (!PORTABLE_KINDS.includes(accessPoint.kind)) return [];
    const controls = [
      ...model.countermeasuresFor(accessPoint.id),
      ...model.countermeasuresFor(accessPoint.zone),
    ].filter(
      (countermeasure) =>
        countermeasure.status === 'existing' &&
        (countermeasure.requirements ?? []).some((id) => {
          const requirement = findRequirement(id);
          return requirement !== undefined && CONTROLLING_REQUIREMENTS.has(requirement.baseId);
        }),
    );
    if (controls.length > 0) return [];
    return [
      {
        because: `${accessPoint.kind} access point ${named(accessPoint)} enters zone "${accessPoint.zone}" with no existing countermeasure for SR 2.3 or SR 3.2 on it or the zone.`,
        evidence: refsOf(model, [accessPoint.id, accessPoint.zone]),
      },
    ];
  },
});
