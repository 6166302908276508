import type { SystemModel } from '../model/system-model';
import type { RuleContext } from './rule';

/**
 * A rule context that knows only the SL-T set explicitly in the file (zones and conduits with
 * `securityLevelTarget`), and treats it as the derived target too. Useful where rules run without the SL-T
 * derivation, e.g. validating the partitioning of a file before any scenario exists.
 */
export const explicitTargetContext = (model: SystemModel): RuleContext => {
  const targetOf = (id: string) => (model.zone(id) ?? model.conduit(id))?.explicitTarget?.levels;
  return { targetOf, derivedTargetOf: targetOf };
};
