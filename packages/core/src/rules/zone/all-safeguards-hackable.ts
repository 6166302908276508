import type { SystemModel, ThreatScenario } from '../../model/system-model';
import { defineRule } from '../rule';
import { named, refsOf } from '../support';

/**
 * The zone a scenario is assessed in, as the risk step decides it: its `zone`, else the zone of its first target
 * (by id), else its entry point's zone.
 */
const assessedZoneOf = (model: SystemModel, scenario: ThreatScenario): string | undefined => {
  if (scenario.zone !== undefined) return scenario.zone;
  for (const target of [...(scenario.targets ?? [])].sort()) {
    const holder = model.zoneOf(target) ?? model.conduitOf(target);
    if (holder) return holder.id;
  }
  return scenario.entryPoint === undefined ? undefined : model.accessPoint(scenario.entryPoint)?.zone;
};

/**
 * ZCR 5.3: a threat scenario whose PHA consequence is protected only by safeguards a cyber attack can defeat
 * (`hasOnlyHackableSafeguards`, set by `zonewise import pha`), reported on the zone it is assessed in.
 */
export const allSafeguardsHackable = defineRule({
  id: 'zone/all-safeguards-hackable',
  appliesTo: 'zone',
  title: 'Threat scenario where every PHA safeguard is hackable',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.3' },
  severity: 'high',
  rationale:
    'A process hazard analysis credits safeguards (alarms, interlocks, a safety instrumented function) against a ' +
    'consequence. When every one of them runs on programmable, networked equipment, the attack that causes the ' +
    'deviation can also disable all protection, so the worst credible consequence is the unprotected one and no ' +
    'non-hackable layer limits it.',
  detection:
    'A threat scenario assessed in the zone (its zone, or the zone of its first target or entry point) has ' +
    'hasOnlyHackableSafeguards: true, as the PHA import sets it.',
  remediation:
    'Add or credit a safeguard a cyber attack cannot defeat (a mechanical relief valve, a hard-wired trip, a ' +
    'non-programmable interlock), or rate the scenario at its unprotected consequence and raise the zone SL-T and ' +
    'countermeasures to match.',
  check(zone, model) {
    return model.threatScenarios
      .filter(
        (scenario) =>
          scenario.hasOnlyHackableSafeguards === true && assessedZoneOf(model, scenario) === zone.id,
      )
      .map((scenario) => ({
        key: scenario.id,
        because: `Threat scenario ${named({ id: scenario.id, name: scenario.title })}${scenario.consequenceReference === undefined ? '' : ` (PHA ${scenario.consequenceReference})`} in zone ${named(zone)} has no safeguard that a cyber attack cannot defeat.`,
        evidence: refsOf(model, [zone.id, scenario.id, ...(scenario.targets ?? [])]),
      }));
  },
});
