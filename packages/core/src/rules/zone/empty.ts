import { defineRule } from '../rule';
import { named, perModel, refsOf } from '../support';

const parentZoneIds = perModel(
  (model) => new Set(model.zones.flatMap((zone) => (zone.parent ? [zone.parent] : []))),
);

/** ZCR 3.1: a zone that groups no in-scope asset. */
export const emptyZone = defineRule({
  id: 'zone/empty',
  appliesTo: 'zone',
  title: 'Zone holds no in-scope assets',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
  severity: 'low',
  rationale:
    'A zone exists to group assets with common security requirements. An empty zone is usually a leftover of an ' +
    'earlier design or a sign that assets were never assigned, and it makes the drawings and the CRS misleading.',
  detection: 'A zone has no in-scope assets and is not the parent of any nested zone.',
  remediation: 'Assign the assets that belong to the zone, or remove the zone and the conduits that join it.',
  check(zone, model) {
    if (zone.assetIds.length > 0 || parentZoneIds(model).has(zone.id)) return [];
    return [
      {
        because: `Zone ${named(zone)} holds no in-scope assets and no nested zones.`,
        evidence: refsOf(model, [zone.id]),
      },
    ];
  },
});
