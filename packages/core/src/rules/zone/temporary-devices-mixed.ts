import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';
import { splitZone } from './mixed';

/** ZCR 3.4: temporarily connected devices share a zone with permanently connected assets. */
export const temporaryDevicesMixed = defineRule({
  id: 'zone/temporary-devices-mixed',
  appliesTo: 'zone',
  title: 'Temporarily connected devices share a zone with permanent assets',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.4' },
  severity: 'medium',
  rationale:
    'Laptops, USB media and portable tools spend time on other networks and bring whatever they picked up there. ' +
    'Placed in the same zone as permanent assets, they bypass every conduit control on the way in.',
  detection:
    'A zone holds in-scope assets marked as temporarily connected and in-scope assets that are neither temporarily ' +
    'connected nor network devices.',
  remediation:
    'Give temporarily connected devices their own zone (for example a maintenance zone with a dedicated port) and ' +
    'join it to the permanent zone through a conduit that checks and restricts what they may do.',
  check(zone, model) {
    const { singledOut: temporary, others } = splitZone(
      model,
      zone,
      (asset) => asset.attributes.isTemporarilyConnected,
      (asset) => !asset.attributes.isNetworkDevice,
    );
    if (temporary.length === 0 || others.length === 0) return [];
    return [
      {
        because:
          `Zone ${named(zone)} holds ${count(temporary.length, 'temporarily connected device')} (${idList(temporary)}) ` +
          `together with ${count(others.length, 'permanent asset')} (${idList(others)}).`,
        evidence: refsOf(
          model,
          temporary.map((asset) => asset.id),
        ),
      },
    ];
  },
});
