import type { SystemModel } from '../model/system-model';
import { deriveThreatContext } from './threat-context';
import type { GeneratedScenario, ThreatRule } from './threat-rule';
import { builtInThreatRules } from './threat-rules';

/**
 * Runs the threat rules over a model (ZCR 5.1) and returns the generated scenarios sorted by id. A generated
 * scenario with an entry point is dropped when the file already has a scenario with the same entry point and zone:
 * the assessment team's own rating of that path wins. The engine owns the order, so rules never sort.
 */
export const generateScenarios = (
  model: SystemModel,
  rules: readonly ThreatRule[] = builtInThreatRules,
): readonly GeneratedScenario[] => {
  const context = deriveThreatContext(model);
  const covered = new Set(
    model.threatScenarios
      .filter((scenario) => scenario.entryPoint !== undefined && scenario.zone !== undefined)
      .map((scenario) => `${scenario.entryPoint ?? ''}\u0000${scenario.zone ?? ''}`),
  );
  const byId = new Map<string, GeneratedScenario>();
  for (const rule of rules) {
    for (const generated of rule.generate(model, context)) {
      const { entryPoint, zone, id } = generated.scenario;
      if (entryPoint !== undefined && covered.has(`${entryPoint}\u0000${zone ?? ''}`)) continue;
      if (!byId.has(id)) byId.set(id, generated);
    }
  }
  return [...byId.values()].sort((a, b) =>
    a.scenario.id < b.scenario.id ? -1 : a.scenario.id > b.scenario.id ? 1 : 0,
  );
};
