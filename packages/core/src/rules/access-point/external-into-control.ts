import type { AccessPointKind } from '../../schema/system-file';
import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';

/** Access points that come from networks the asset owner does not control. */
const EXTERNAL_KINDS: readonly AccessPointKind[] = ['internet', 'remote-access', 'vendor-link', 'cloud'];

/** ZCR 3.6: an external access point enters a zone that directly controls the process. */
export const externalIntoControl = defineRule({
  id: 'access-point/external-into-control',
  appliesTo: 'access-point',
  title: 'External access point enters a process-control zone directly',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.6' },
  severity: 'high',
  rationale:
    'Remote, vendor, cloud and internet connections are the entry points attackers use most. When one lands in the ' +
    'zone with the controllers, a single stolen credential or exposed service reaches the process with no ' +
    'intermediate zone to stop or detect it.',
  detection:
    'An access point of kind internet, remote-access, vendor-link or cloud enters a zone that holds in-scope assets ' +
    'which control the process.',
  remediation:
    'Terminate the connection in a separate zone, typically a DMZ with a jump host, and reach the control zone from ' +
    'there through a restricted conduit.',
  check(accessPoint, model) {
    if (!EXTERNAL_KINDS.includes(accessPoint.kind)) return [];
    const zone = model.zone(accessPoint.zone);
    if (!zone) return [];
    const controlling = model.assetsIn(zone.id).filter((asset) => asset.attributes.controlsProcess);
    if (controlling.length === 0) return [];
    return [
      {
        because: `${accessPoint.kind} access point ${named(accessPoint)} enters zone ${named(zone)}, which holds ${count(controlling.length, 'process-controlling asset')} (${idList(controlling)}).`,
        evidence: refsOf(model, [accessPoint.id, zone.id, ...controlling.map((asset) => asset.id)]),
      },
    ];
  },
});
