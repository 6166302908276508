import { refTo } from '../../risk/ref-to';
import { composeScenario } from '../compose-scenario';
import { deriveThreatContext, mostExposedApproach } from '../threat-context';
import { defineThreatRule, type GeneratedScenario, type ThreatRule } from '../threat-rule';

/** Traffic floods or crafted packets from another zone stop controllers or their communication. */
export const controllerDenialOfService: ThreatRule = defineThreatRule({
  id: 'threat/controller-denial-of-service',
  title: 'Denial of service against controllers across a conduit',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
  rationale:
    'Controllers have little processing headroom and fragile network stacks; floods, scans or malformed packets ' +
    'from a neighbouring zone can stop them or their I/O communication and so the process.',
  detection:
    'Each zone holding controllers (assets that control the process) into which another zone may initiate ' +
    'connections through a conduit. Targets the controllers of that zone.',
  frs: ['FR7'],
  source: 'hacktivist',
  techniques: ['T0814', 'T0816', 'T0813'],
  generate: (model, context = deriveThreatContext(model)) => {
    const scenarios: GeneratedScenario[] = [];
    for (const zone of model.zones) {
      const inbound = context.graph.edgesInto(zone.id);
      const controllers = context.subjectAssets(zone.id).filter((asset) => asset.attributes.controlsProcess);
      if (inbound.length === 0 || controllers.length === 0) continue;
      const conduits = [...new Set(inbound.map((edge) => edge.conduit.id))];
      const sources = [...new Set(inbound.map((edge) => edge.from))];
      scenarios.push(
        composeScenario(model, controllerDenialOfService, {
          subjectId: zone.id,
          title: `Denial of service against controllers in ${zone.name}`,
          assessedIn: zone.id,
          targets: controllers,
          because:
            `Zone(s) ${sources.map((id) => `"${refTo(model, 'zone', id).name ?? id}"`).join(', ')} can initiate ` +
            `connections into "${zone.name}" through ${conduits.map((id) => `"${id}"`).join(', ')}, ` +
            `which holds ${controllers.length} controller(s).`,
          approach: mostExposedApproach(model, context, [zone.id], zone.name),
        }),
      );
    }
    return scenarios;
  },
});
