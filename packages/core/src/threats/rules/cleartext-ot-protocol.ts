import { highestImpactAssets } from '../../risk/worst-consequences';
import { isCleartextOtProtocol } from '../cleartext-protocols';
import { composeScenario } from '../compose-scenario';
import { deriveThreatContext, mostExposedApproach } from '../threat-context';
import { defineThreatRule, type GeneratedScenario, type ThreatRule } from '../threat-rule';

/** Commands and values in a cleartext OT protocol are read, forged or altered on their way across a conduit. */
export const cleartextOtProtocol: ThreatRule = defineThreatRule({
  id: 'threat/cleartext-ot-protocol',
  title: 'Manipulation or interception of a cleartext OT protocol across a conduit',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
  rationale:
    'Modbus, S7comm, DNP3, EtherNet/IP, IEC 104 and similar protocols carry no authentication or encryption in ' +
    'their common form: anyone on the path can read process data, inject commands or spoof values.',
  detection:
    'Each conduit with a channel whose protocol is a cleartext OT protocol and that is not marked isEncrypted. ' +
    'Assessed on the conduit; targets the highest-impact assets of the zones receiving those channels.',
  frs: ['FR3', 'FR4'],
  source: 'hacktivist',
  techniques: ['T0855', 'T0830', 'T0842', 'T0856'],
  generate: (model, context = deriveThreatContext(model)) => {
    const scenarios: GeneratedScenario[] = [];
    for (const conduit of model.conduits) {
      const cleartext = conduit.channels.filter(
        (channel) => channel.isEncrypted !== true && isCleartextOtProtocol(channel.protocol),
      );
      if (cleartext.length === 0) continue;
      const receivers = [...new Set(cleartext.map((channel) => channel.to))].sort();
      const targets = highestImpactAssets(receivers.flatMap((zoneId) => context.subjectAssets(zoneId)));
      if (targets.length === 0) continue;
      const protocols = [...new Set(cleartext.map((channel) => channel.protocol))].sort();
      scenarios.push(
        composeScenario(model, cleartextOtProtocol, {
          subjectId: conduit.id,
          title: `Manipulation of ${protocols.join(', ')} on ${conduit.name}`,
          assessedIn: conduit.id,
          targets,
          because: `Conduit "${conduit.name}" carries ${protocols.join(', ')} without encryption into ${receivers.map((id) => `"${id}"`).join(', ')}.`,
          approach: mostExposedApproach(model, context, conduit.zones, conduit.name),
        }),
      );
    }
    return scenarios;
  },
});
