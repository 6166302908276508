import { defineRule } from '../rule';
import { named, refsOf } from '../support';

/** ZCR 3.1: an end device placed in a conduit instead of a zone. */
export const endDeviceInConduit = defineRule({
  id: 'asset/end-device-in-conduit',
  appliesTo: 'asset',
  title: 'End device placed in a conduit',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'medium',
  rationale:
    'A conduit is the communication path between zones and the devices that carry and filter it (switches, ' +
    'firewalls, diodes). An end device placed in a conduit has no zone, so it gets no zone SL-T and no zone ' +
    'requirements, and it blurs where the zone boundary really is.',
  detection: 'An in-scope asset that is not a network device names a conduit as its zone.',
  remediation:
    'Move the asset into the zone it serves; if it really is a network or security device, set its kind (or the ' +
    'isNetworkDevice attribute) accordingly.',
  check(asset, model) {
    if (!asset.isInScope || asset.attributes.isNetworkDevice) return [];
    const conduit = model.conduitOf(asset.id);
    if (!conduit) return [];
    return [
      {
        because: `Asset ${named(asset)} is not a network device but is placed in conduit ${named(conduit)}.`,
        evidence: refsOf(model, [asset.id, conduit.id]),
      },
    ];
  },
});
