import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';
import { splitZone } from './mixed';

/** ZCR 3.2: enterprise/business systems share a zone with IACS assets. */
export const businessAndControlMixed = defineRule({
  id: 'zone/business-and-control-mixed',
  appliesTo: 'zone',
  title: 'Business systems share a zone with control-system assets',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.2' },
  severity: 'high',
  rationale:
    'Business systems face e-mail, the internet and a large user population, so they are compromised far more often ' +
    'than control equipment. In a shared zone nothing stands between such a compromise and the control system.',
  detection:
    'A zone holds at least one in-scope asset marked as a business system and at least one in-scope asset that is ' +
    'neither a business system, a network device nor externally connected.',
  remediation:
    'Move the business systems into an enterprise zone and let them reach the control system only through a ' +
    'conduit, usually via a DMZ, with the channels they really need.',
  check(zone, model) {
    const { singledOut: business, others: control } = splitZone(
      model,
      zone,
      (asset) => asset.attributes.isBusinessSystem,
      (asset) => !asset.attributes.isNetworkDevice && !asset.attributes.isExternallyConnected,
    );
    if (business.length === 0 || control.length === 0) return [];
    return [
      {
        because:
          `Zone ${named(zone)} holds ${count(business.length, 'business system')} (${idList(business)}) ` +
          `together with ${count(control.length, 'control-system asset')} (${idList(control)}).`,
        evidence: refsOf(
          model,
          business.map((asset) => asset.id),
        ),
      },
    ];
  },
});
