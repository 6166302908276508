import { composeScenario } from '../compose-scenario';
import { deriveThreatContext, mostExposedApproach } from '../threat-context';
import { defineThreatRule, type GeneratedScenario, type ThreatRule } from '../threat-rule';
import { reachableZones } from '../zone-graph';

/**
 * Asset kinds that hold the engineering software and project files needed to program controllers. The kind
 * catalog has no attribute for this yet, so the rule names the kinds.
 */
export const ENGINEERING_STATION_KINDS: readonly string[] = [
  'engineering-workstation',
  'safety-engineering-workstation',
];

/** A compromised engineering workstation downloads modified logic or parameters to the controllers it reaches. */
export const engineeringWorkstationLogicChange: ThreatRule = defineThreatRule({
  id: 'threat/engineering-workstation-logic-change',
  title: 'Unauthorised logic change from an engineering workstation',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
  rationale:
    'Engineering workstations are trusted by controllers: whoever controls one can download programs, change set ' +
    'points and force outputs, which is how the most damaging ICS attacks changed the process.',
  detection:
    'For each zone holding controllers (assets that control the process) that an engineering workstation can reach: ' +
    'in its own zone or through conduit channels in their direction. Targets the controllers of that zone.',
  frs: ['FR2', 'FR3'],
  source: 'malicious-insider',
  techniques: ['T0843', 'T0836', 'T0889', 'T0821'],
  generate: (model, context = deriveThreatContext(model)) => {
    const stationsByZone = new Map<string, string[]>();
    for (const asset of model.assets) {
      const zone = model.zoneOf(asset.id);
      if (!zone || !ENGINEERING_STATION_KINDS.includes(asset.kind.id)) continue;
      const stations = stationsByZone.get(zone.id);
      if (stations) stations.push(asset.id);
      else stationsByZone.set(zone.id, [asset.id]);
    }
    if (stationsByZone.size === 0) return [];
    const reached = reachableZones(context.graph, [...stationsByZone.keys()]);
    const scenarios: GeneratedScenario[] = [];
    for (const zone of model.zones) {
      const reach = reached.get(zone.id);
      const controllers = context.subjectAssets(zone.id).filter((asset) => asset.attributes.controlsProcess);
      if (!reach || controllers.length === 0) continue;
      const stations = (stationsByZone.get(reach.origin) ?? []).map((id) => `"${id}"`).join(', ');
      const route =
        reach.hops === 0
          ? `in the same zone`
          : `in "${model.zone(reach.origin)?.name ?? reach.origin}" through ${reach.conduits.map((id) => `"${id}"`).join(' → ')}`;
      scenarios.push(
        composeScenario(model, engineeringWorkstationLogicChange, {
          subjectId: zone.id,
          title: `Unauthorised logic change on controllers in ${zone.name}`,
          assessedIn: zone.id,
          targets: controllers,
          because: `Engineering workstation(s) ${stations} reach ${controllers.length} controller(s) of "${zone.name}" ${route}.`,
          approach: mostExposedApproach(model, context, [zone.id], zone.name),
        }),
      );
    }
    return scenarios;
  },
});
