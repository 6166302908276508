import { highestImpactAssets } from '../../risk/worst-consequences';
import { composeScenario } from '../compose-scenario';
import { deriveThreatContext, mostExposedApproach } from '../threat-context';
import { defineThreatRule, type GeneratedScenario, type ThreatRule } from '../threat-rule';
import { reachableZones } from '../zone-graph';

/** An attacker in a non-safety zone reaches a safety zone and manipulates or disables safety functions. */
export const safetyZoneReachable: ThreatRule = defineThreatRule({
  id: 'threat/safety-zone-reachable',
  title: 'Manipulation of safety functions from a non-safety zone',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
  rationale:
    'A safety instrumented system is the last layer between a process upset and harm; if a non-safety zone can ' +
    'initiate connections into it, a compromise there can disable trips or change safety logic (IEC 61511-1 8.2.4).',
  detection:
    'Each safety-related zone reachable from a non-safety zone through conduit channels in their direction. ' +
    'Targets its safety-related assets (or its highest-impact assets when none is marked).',
  frs: ['FR2', 'FR3', 'FR5'],
  source: 'nation-state',
  techniques: ['T0880', 'T0837', 'T0843', 'T0836'],
  generate: (model, context = deriveThreatContext(model)) => {
    const starts = model.zones.filter((zone) => !zone.isSafetyRelated).map((zone) => zone.id);
    if (starts.length === 0) return [];
    const reached = reachableZones(context.graph, starts);
    const scenarios: GeneratedScenario[] = [];
    for (const zone of model.zones) {
      const reach = reached.get(zone.id);
      const assets = context.subjectAssets(zone.id);
      if (!zone.isSafetyRelated || !reach || assets.length === 0) continue;
      const safety = assets.filter((asset) => asset.attributes.isSafetyRelated);
      scenarios.push(
        composeScenario(model, safetyZoneReachable, {
          subjectId: zone.id,
          title: `Manipulation of safety functions in ${zone.name}`,
          assessedIn: zone.id,
          targets: safety.length > 0 ? safety : highestImpactAssets(assets),
          because: `Non-safety zone "${model.zone(reach.origin)?.name ?? reach.origin}" reaches safety zone "${zone.name}" through ${reach.conduits.map((id) => `"${id}"`).join(' → ')}.`,
          approach: mostExposedApproach(model, context, [zone.id], zone.name),
        }),
      );
    }
    return scenarios;
  },
});
