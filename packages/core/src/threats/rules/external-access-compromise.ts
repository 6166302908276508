import type { AccessPointKind } from '../../schema/system-file';
import { composeScenario } from '../compose-scenario';
import { accessPointBasis } from '../likelihood-basis';
import { highestImpactAssets } from '../../risk/worst-consequences';
import { deriveThreatContext } from '../threat-context';
import { defineThreatRule, type GeneratedScenario, type ThreatRule } from '../threat-rule';

/** Access point kinds that open the SuC to networks outside the site's control. */
export const EXTERNAL_ACCESS_POINT_KINDS: readonly AccessPointKind[] = [
  'internet',
  'remote-access',
  'vendor-link',
  'cloud',
  'enterprise-network',
];

/** An attacker enters through a remote, vendor, internet, cloud or enterprise access point and moves through conduits. */
export const externalAccessCompromise: ThreatRule = defineThreatRule({
  id: 'threat/external-access-compromise',
  title: 'Compromise through an external access point',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
  rationale:
    'Remote access, vendor links, internet- and cloud-facing services and links from the enterprise network are the ' +
    'usual first step of intrusions into control systems (stolen or shared credentials, exposed services). From the ' +
    'entry zone an attacker moves on through every conduit that lets connections be initiated in that direction.',
  detection:
    'For each access point of kind internet, remote-access, vendor-link, cloud or enterprise-network: every zone ' +
    'reachable from its entry zone through conduit channels in their direction, targeting the highest-impact assets.',
  frs: ['FR1', 'FR2', 'FR3', 'FR5', 'FR6'],
  source: 'cybercriminal',
  techniques: ['T0822', 'T0886', 'T0866', 'T0883'],
  generate: (model, context = deriveThreatContext(model)) => {
    const scenarios: GeneratedScenario[] = [];
    for (const accessPoint of model.accessPoints) {
      if (!EXTERNAL_ACCESS_POINT_KINDS.includes(accessPoint.kind)) continue;
      const basis = accessPointBasis(model, accessPoint);
      for (const reach of [...context.reachFrom(accessPoint.id).values()].sort((a, b) =>
        a.zoneId < b.zoneId ? -1 : 1,
      )) {
        const zone = model.zone(reach.zoneId);
        const assets = context.subjectAssets(reach.zoneId);
        if (!zone || assets.length === 0) continue;
        const route =
          reach.hops === 0
            ? `enters "${zone.name}" directly`
            : `enters "${model.zone(accessPoint.zone)?.name ?? accessPoint.zone}" and reaches "${zone.name}" through ${reach.conduits.map((id) => `"${id}"`).join(' → ')}`;
        scenarios.push(
          composeScenario(model, externalAccessCompromise, {
            subjectId: accessPoint.id,
            targetZoneId: zone.id,
            title: `Compromise of ${zone.name} through ${accessPoint.name}`,
            assessedIn: zone.id,
            entryPoint: accessPoint.id,
            targets: highestImpactAssets(assets),
            because: `The ${accessPoint.kind} access point "${accessPoint.name}" ${route}.`,
            approach: { basis, hops: reach.hops, conduits: reach.conduits },
          }),
        );
      }
    }
    return scenarios;
  },
});
