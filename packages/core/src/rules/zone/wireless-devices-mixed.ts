import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';
import { splitZone } from './mixed';

/** ZCR 3.5: wireless devices share a zone with wired assets. */
export const wirelessDevicesMixed = defineRule({
  id: 'zone/wireless-devices-mixed',
  appliesTo: 'zone',
  title: 'Wireless devices share a zone with wired assets',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.5' },
  severity: 'medium',
  rationale:
    'A radio link reaches beyond the fence and the cabinet: anyone within range can try to join it. Wired assets in ' +
    'the same zone are then exposed to an attacker who never had physical access.',
  detection:
    'A zone holds in-scope wireless assets (clients or access points) and in-scope assets that are neither wireless ' +
    'nor network devices.',
  remediation:
    'Put wireless devices in a zone of their own and treat the wireless access point as the conduit to the wired ' +
    'zone, with the restrictions a conduit needs.',
  check(zone, model) {
    const { singledOut: wireless, others } = splitZone(
      model,
      zone,
      (asset) => asset.attributes.isWireless,
      (asset) => !asset.attributes.isNetworkDevice,
    );
    if (wireless.length === 0 || others.length === 0) return [];
    return [
      {
        because:
          `Zone ${named(zone)} holds ${count(wireless.length, 'wireless device')} (${idList(wireless)}) ` +
          `together with ${count(others.length, 'wired asset')} (${idList(others)}).`,
        evidence: refsOf(
          model,
          wireless.map((asset) => asset.id),
        ),
      },
    ];
  },
});
