import { highestImpactAssets } from '../../risk/worst-consequences';
import { composeScenario } from '../compose-scenario';
import { ACCESS_POINT_BASE_LIKELIHOOD, accessPointBasis, type LikelihoodBasis } from '../likelihood-basis';
import { likelihoodFromAscending } from '../../risk/likelihood-scale';
import { refTo } from '../../risk/ref-to';
import { deriveThreatContext } from '../threat-context';
import { defineThreatRule, type GeneratedScenario, type ThreatRule } from '../threat-rule';
import type { Asset, SystemModel } from '../../model/system-model';

const wirelessBasis = (model: SystemModel, devices: readonly Asset[], where: string): LikelihoodBasis => {
  const ascending = ACCESS_POINT_BASE_LIKELIHOOD.wireless;
  return {
    level: likelihoodFromAscending(model.riskCriteria, ascending),
    ascending,
    label: `Base likelihood for wireless devices in "${where}"`,
    evidence: devices.map((asset) => refTo(model, 'asset', asset.id)),
  };
};

/** An attacker within radio range joins or eavesdrops on a wireless network (ZCR 3.5). */
export const wirelessIntrusion: ThreatRule = defineThreatRule({
  id: 'threat/wireless-intrusion',
  title: 'Intrusion through a wireless network',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
  rationale:
    'Radio reaches beyond walls and fences, so physical protection counts for little: weak or shared keys, rogue ' +
    'access points and sniffing give an attacker nearby a foothold in the zone the wireless network serves.',
  detection:
    'Each wireless access point (the zone it enters); each zone not already covered that holds in-scope wireless ' +
    'assets; each conduit implemented by wireless devices (targeting the zones its channels lead into). Targets ' +
    'the highest-impact assets there.',
  frs: ['FR1', 'FR2', 'FR4', 'FR7'],
  source: 'hacktivist',
  techniques: ['T0860', 'T0887'],
  generate: (model, context = deriveThreatContext(model)) => {
    const scenarios: GeneratedScenario[] = [];
    const covered = new Set<string>();
    for (const accessPoint of model.accessPoints) {
      const zone = model.zone(accessPoint.zone);
      const assets = context.subjectAssets(accessPoint.zone);
      if (accessPoint.kind !== 'wireless' || !zone || assets.length === 0) continue;
      covered.add(zone.id);
      scenarios.push(
        composeScenario(model, wirelessIntrusion, {
          subjectId: accessPoint.id,
          title: `Wireless intrusion into ${zone.name} through ${accessPoint.name}`,
          assessedIn: zone.id,
          entryPoint: accessPoint.id,
          targets: highestImpactAssets(assets),
          because: `The wireless access point "${accessPoint.name}" enters "${zone.name}".`,
          approach: { basis: accessPointBasis(model, accessPoint), hops: 0, conduits: [] },
        }),
      );
    }
    for (const zone of model.zones) {
      const assets = context.subjectAssets(zone.id);
      const wireless = assets.filter((asset) => asset.attributes.isWireless);
      if (covered.has(zone.id) || wireless.length === 0) continue;
      scenarios.push(
        composeScenario(model, wirelessIntrusion, {
          subjectId: zone.id,
          title: `Wireless intrusion into ${zone.name}`,
          assessedIn: zone.id,
          targets: highestImpactAssets(assets),
          because: `"${zone.name}" holds ${wireless.length} wireless asset(s): ${wireless.map((asset) => `"${asset.id}"`).join(', ')}.`,
          approach: { basis: wirelessBasis(model, wireless, zone.name), hops: 0, conduits: [] },
        }),
      );
    }
    for (const conduit of model.conduits) {
      const wireless = context.subjectAssets(conduit.id).filter((asset) => asset.attributes.isWireless);
      if (wireless.length === 0) continue;
      // From the radio link an attacker reaches the zones that accept connections across the conduit.
      const receivers =
        conduit.channels.length === 0
          ? conduit.zones
          : [...new Set(conduit.channels.map((channel) => channel.to))];
      const joined = receivers.flatMap((zoneId) => context.subjectAssets(zoneId));
      if (joined.length === 0) continue;
      scenarios.push(
        composeScenario(model, wirelessIntrusion, {
          subjectId: conduit.id,
          title: `Wireless intrusion into ${conduit.name}`,
          assessedIn: conduit.id,
          targets: highestImpactAssets(joined),
          because: `Conduit "${conduit.name}" is implemented by wireless device(s): ${wireless.map((asset) => `"${asset.id}"`).join(', ')}.`,
          approach: { basis: wirelessBasis(model, wireless, conduit.name), hops: 0, conduits: [] },
        }),
      );
    }
    return scenarios;
  },
});
