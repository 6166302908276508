import type { FrReason, InitialRisk, ScenarioAssessment, TargetLevels } from '../assessment/assessment';
import { FOUNDATIONAL_REQUIREMENTS, FR_INFO, type Fr } from '../catalogs/foundational-requirements';
import type { SecurityLevel } from '../catalogs/security-levels';
import type { SecurityLevelVector, SystemModel } from '../model/system-model';
import { assessInitialRisk } from '../risk/assess-initial-risk';
import { refTo } from '../risk/ref-to';
import { vectorFrom } from './security-level-vector';

/**
 * Id of the practice rule that raises a safety zone to at least the SL-T of the non-safety (BPCS) zones it is
 * connected to. IEC 62443-3-2 does not state it; practitioners apply it so that the safety layer is never the
 * easier way in (ADR 0006).
 */
export const SAFETY_ZONE_AT_LEAST_CONNECTED_RULE = 'sl-t/safety-zone-at-least-connected-zones';

interface Derivation {
  readonly vector: SecurityLevelVector;
  readonly reasons: readonly FrReason[];
}

const label = (fr: Fr): string => `${fr} (${FR_INFO[fr].abbreviation})`;

const quote = (ids: readonly string[]): string => ids.map((id) => `"${id}"`).join(', ');

const toDerivation = (reasons: readonly FrReason[]): Derivation => ({
  vector: vectorFrom((fr) => reasons.find((reason) => reason.fr === fr)?.level ?? 0),
  reasons,
});

/** Per FR, the highest SL the scenarios exercising it ask for, with the scenarios that set it (undefined: none). */
const scenarioLevel = (
  scenarios: readonly ScenarioAssessment[],
  fr: Fr,
): { readonly level: SecurityLevel; readonly sources: readonly string[] } | undefined => {
  const exercising = scenarios.filter((scenario) => scenario.frs.includes(fr));
  if (exercising.length === 0) return undefined;
  const level = exercising.reduce<SecurityLevel>(
    (high, scenario) => (scenario.securityLevel > high ? scenario.securityLevel : high),
    0,
  );
  return {
    level,
    sources: exercising
      .filter((scenario) => scenario.securityLevel === level)
      .map((scenario) => scenario.id)
      .sort(),
  };
};

const scenarioReason = (
  fr: Fr,
  found: { readonly level: SecurityLevel; readonly sources: readonly string[] },
  floor: SecurityLevel,
): FrReason =>
  found.level >= floor
    ? {
        fr,
        level: found.level,
        basis: 'scenario',
        sources: found.sources,
        text: `Scenario(s) ${quote(found.sources)} ask for SL ${found.level} in ${label(fr)}.`,
      }
    : {
        fr,
        level: floor,
        basis: 'floor',
        sources: [],
        text: `Scenarios ask for SL ${found.level} in ${label(fr)}; the floor SL ${floor} applies.`,
      };

const explicitReasons = (
  levels: SecurityLevelVector,
  derived: Derivation,
  justification: string,
): readonly FrReason[] =>
  FOUNDATIONAL_REQUIREMENTS.map((fr) => ({
    fr,
    level: levels[fr],
    basis: 'explicit',
    sources: [],
    text: `Set explicitly to SL ${levels[fr]} (${justification}); derived SL ${derived.vector[fr]}.`,
  }));

/**
 * SL-T per zone and conduit (IEC 62443-3-2 ZCR 5.6), each FR with its reason. A zone gets, per FR, the highest SL
 * asked for by the scenarios assessed in it that exercise that FR, never below the criteria's floor; a zone with no
 * scenario gets the floor. A safety zone is then raised to at least the SL-T of the non-safety zones it shares a
 * conduit with (a practice rule, basis 'rule'). A conduit gets, per FR, the level from the scenarios assessed on it
 * that exercise that FR, else the highest SL-T of the zones it joins. An explicit target with its justification
 * always wins; the derived vector is still reported beside it.
 */
export const deriveTargetLevels = (
  model: SystemModel,
  scenarios: readonly ScenarioAssessment[],
  initialRisk: readonly InitialRisk[] = assessInitialRisk(model).initialRisk,
): readonly TargetLevels[] => {
  const { method, floor } = model.riskCriteria.securityLevelTarget;
  const bySubject = new Map<string, ScenarioAssessment[]>();
  for (const scenario of scenarios) {
    const list = bySubject.get(scenario.subject.id);
    if (list) list.push(scenario);
    else bySubject.set(scenario.subject.id, [scenario]);
  }
  const needsDetail = new Set(
    initialRisk.filter((risk) => risk.requiresDetailedAssessment).map((risk) => risk.subject.id),
  );

  const zoneDerivation = (zoneId: string, name: string): Derivation => {
    const assessed = bySubject.get(zoneId) ?? [];
    return toDerivation(
      FOUNDATIONAL_REQUIREMENTS.map((fr): FrReason => {
        const found = scenarioLevel(assessed, fr);
        if (found) return scenarioReason(fr, found, floor);
        const text =
          assessed.length > 0
            ? `No scenario in "${name}" exercises ${label(fr)}: the floor SL ${floor} applies.`
            : needsDetail.has(zoneId)
              ? `No scenario is assessed in "${name}" although its initial risk exceeds tolerable (ZCR 4.1): only the floor SL ${floor} applies until one is.`
              : `The initial risk of "${name}" is tolerable (ZCR 4.1), so no detailed assessment is needed: the floor SL ${floor} applies.`;
        return { fr, level: floor, basis: 'floor', sources: [], text };
      }),
    );
  };

  const zones = new Map<string, TargetLevels>();
  const finish = (zoneId: string, derived: Derivation): TargetLevels => {
    const zone = model.zone(zoneId);
    const subject = refTo(model, 'zone', zoneId);
    const explicit = zone?.explicitTarget;
    if (explicit) {
      return {
        subject,
        method: 'explicit',
        target: explicit.levels,
        derived: derived.vector,
        reasons: explicitReasons(explicit.levels, derived, explicit.justification),
        justification: explicit.justification,
      };
    }
    return { subject, method, target: derived.vector, derived: derived.vector, reasons: derived.reasons };
  };

  for (const zone of model.zones) {
    if (!zone.isSafetyRelated) zones.set(zone.id, finish(zone.id, zoneDerivation(zone.id, zone.name)));
  }
  for (const zone of model.zones) {
    if (!zone.isSafetyRelated) continue;
    const own = zoneDerivation(zone.id, zone.name);
    const neighbours = [...new Set(model.conduitsOf(zone.id).flatMap((conduit) => conduit.zones))]
      .filter((id) => id !== zone.id)
      .sort()
      .map((id) => zones.get(id))
      .filter((target) => target !== undefined);
    const raised = own.reasons.map((reason): FrReason => {
      const high = neighbours.reduce<SecurityLevel>(
        (max, target) => (target.target[reason.fr] > max ? target.target[reason.fr] : max),
        0,
      );
      if (high <= reason.level) return reason;
      const sources = neighbours
        .filter((target) => target.target[reason.fr] === high)
        .map((target) => target.subject.id);
      return {
        fr: reason.fr,
        level: high,
        basis: 'rule',
        sources,
        text:
          `Safety zone raised to SL ${high} in ${label(reason.fr)}, the SL-T of connected zone(s) ${quote(sources)} ` +
          `(rule ${SAFETY_ZONE_AT_LEAST_CONNECTED_RULE}); its own scenarios and floor give SL ${reason.level}.`,
      };
    });
    zones.set(zone.id, finish(zone.id, toDerivation(raised)));
  }

  const conduits = model.conduits.map((conduit): TargetLevels => {
    const assessed = bySubject.get(conduit.id) ?? [];
    const joined = conduit.zones.map((id) => zones.get(id)).filter((target) => target !== undefined);
    const derived = toDerivation(
      FOUNDATIONAL_REQUIREMENTS.map((fr): FrReason => {
        const found = scenarioLevel(assessed, fr);
        if (found) return scenarioReason(fr, found, floor);
        const high = joined.reduce<SecurityLevel>(
          (max, target) => (target.target[fr] > max ? target.target[fr] : max),
          0,
        );
        if (joined.length === 0 || high < floor) {
          return {
            fr,
            level: floor,
            basis: 'floor',
            sources: [],
            text: `The floor SL ${floor} applies to ${label(fr)}.`,
          };
        }
        const sources = joined
          .filter((target) => target.target[fr] === high)
          .map((target) => target.subject.id);
        return {
          fr,
          level: high,
          basis: 'zones',
          sources,
          text: `Highest SL-T in ${label(fr)} of the zones it joins: SL ${high} from ${quote(sources)}.`,
        };
      }),
    );
    const subject = refTo(model, 'conduit', conduit.id);
    const explicit = conduit.explicitTarget;
    if (explicit) {
      return {
        subject,
        method: 'explicit',
        target: explicit.levels,
        derived: derived.vector,
        reasons: explicitReasons(explicit.levels, derived, explicit.justification),
        justification: explicit.justification,
      };
    }
    return {
      subject,
      method: assessed.length > 0 ? method : 'zones',
      target: derived.vector,
      derived: derived.vector,
      reasons: derived.reasons,
    };
  });

  return [
    ...model.zones.map((zone) => zones.get(zone.id)).filter((target) => target !== undefined),
    ...conduits,
  ];
};
