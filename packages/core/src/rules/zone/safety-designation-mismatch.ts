import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';

/** ZCR 3.3: the zone's safety designation disagrees with the assets it holds. */
export const safetyDesignationMismatch = defineRule({
  id: 'zone/safety-designation-mismatch',
  appliesTo: 'zone',
  title: "Zone's safety designation disagrees with its assets",
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.3' },
  severity: 'high',
  rationale:
    'The safety designation is one of the zone characteristics in the CRS and drives how strictly the zone is ' +
    'protected. A zone marked not safety-related that holds safety functions is under-protected; a zone marked ' +
    'safety-related without any safety asset spends effort where it is not needed and confuses reviewers.',
  detection:
    'A zone is explicitly marked isSafetyRelated: false but holds in-scope safety-related assets (high), or is ' +
    'marked isSafetyRelated: true but holds none (low).',
  remediation:
    'Make the designation match the contents: mark the zone safety-related (or move the safety assets out), or ' +
    'remove the designation from a zone without safety functions.',
  check(zone, model) {
    const safety = model.assetsIn(zone.id).filter((asset) => asset.attributes.isSafetyRelated);
    if (!zone.isSafetyRelated && safety.length > 0) {
      return [
        {
          because: `Zone ${named(zone)} is marked not safety-related but holds ${count(safety.length, 'safety-related asset')} (${idList(safety)}).`,
          evidence: refsOf(
            model,
            safety.map((asset) => asset.id),
          ),
        },
      ];
    }
    if (zone.isSafetyRelated && safety.length === 0) {
      return [
        {
          because: `Zone ${named(zone)} is marked safety-related but holds no safety-related asset.`,
          evidence: refsOf(model, [zone.id]),
          severity: 'low',
        },
      ];
    }
    return [];
  },
});
