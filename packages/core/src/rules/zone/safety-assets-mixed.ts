import { defineRule } from '../rule';
import { count, idList, named, refsOf } from '../support';
import { splitZone } from './mixed';

/** ZCR 3.3: safety-related assets share a zone with other assets. */
export const safetyAssetsMixed = defineRule({
  id: 'zone/safety-assets-mixed',
  appliesTo: 'zone',
  title: 'Safety-related assets share a zone with other assets',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.3' },
  severity: 'high',
  rationale:
    'A safety function is the last layer that keeps a process incident from harming people or the plant. When it ' +
    'shares a zone with ordinary control assets, compromising any of them gives a direct path to the safety function.',
  detection:
    'A zone holds in-scope safety-related assets and in-scope assets that are neither safety-related nor network ' +
    'devices. When the zone is explicitly designated safety-related (the fallback when separation is impossible) ' +
    'the finding is reported at medium severity.',
  remediation:
    'Give the safety-related assets a zone of their own joined to the control zone by a tightly restricted conduit. ' +
    'If they truly cannot be separated, designate the shared zone safety-related and protect all of it to that level.',
  check(zone, model) {
    const { singledOut: safety, others } = splitZone(
      model,
      zone,
      (asset) => asset.attributes.isSafetyRelated,
      (asset) => !asset.attributes.isNetworkDevice,
    );
    if (safety.length === 0 || others.length === 0) return [];
    const designated = model.file.zones.some(
      (input) => input.id === zone.id && input.isSafetyRelated === true,
    );
    return [
      {
        because:
          `Zone ${named(zone)} holds ${count(safety.length, 'safety-related asset')} (${idList(safety)}) ` +
          `together with ${count(others.length, 'other asset')} (${idList(others)}).`,
        evidence: refsOf(
          model,
          safety.map((asset) => asset.id),
        ),
        ...(designated ? { severity: 'medium' as const } : {}),
      },
    ];
  },
});
