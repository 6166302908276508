import { SYSTEM_REQUIREMENTS, type RequirementDefinition } from '../catalogs/system-requirements';
import type { SecurityLevelVector } from '../model/system-model';

/**
 * The IEC 62443-3-3 requirements an SL vector selects: per FR, every SR and RE whose minimum level is at most the
 * vector's level for that FR (requirements are cumulative per FR, 3-3 Annex B; SL 0 selects none of that FR).
 * Catalog order is kept.
 */
export const selectRequirements = (
  vector: SecurityLevelVector,
  catalog: readonly RequirementDefinition[] = SYSTEM_REQUIREMENTS,
): readonly RequirementDefinition[] =>
  catalog.filter((requirement) => requirement.minLevel <= vector[requirement.fr]);
