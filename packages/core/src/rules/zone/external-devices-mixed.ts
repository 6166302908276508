import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';
import { splitZone } from './mixed';

/** ZCR 3.6: devices reached over external networks share a zone with internal assets. */
export const externalDevicesMixed = defineRule({
  id: 'zone/external-devices-mixed',
  appliesTo: 'zone',
  title: 'Externally connected devices share a zone with internal assets',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.6' },
  severity: 'high',
  rationale:
    'Remote-access gateways, cellular modems, vendor and cloud systems are reachable from networks the asset owner ' +
    'does not control. In a shared zone they hand that exposure to every internal asset beside them.',
  detection:
    'A zone holds in-scope externally connected assets (including network devices such as VPN gateways and ' +
    'cellular modems) and in-scope assets that are neither externally connected nor network devices.',
  remediation:
    'Place externally connected devices in a separate zone, or the gateway in the conduit itself, and let them reach ' +
    'internal zones only through a conduit with enforcement such as a firewall, VPN or jump host.',
  check(zone, model) {
    const { singledOut: external, others } = splitZone(
      model,
      zone,
      (asset) => asset.attributes.isExternallyConnected,
      (asset) => !asset.attributes.isNetworkDevice,
    );
    if (external.length === 0 || others.length === 0) return [];
    return [
      {
        because:
          `Zone ${named(zone)} holds ${count(external.length, 'externally connected device')} (${idList(external)}) ` +
          `together with ${count(others.length, 'internal asset')} (${idList(others)}).`,
        evidence: refsOf(
          model,
          external.map((asset) => asset.id),
        ),
      },
    ];
  },
});
