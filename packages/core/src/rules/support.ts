import { FOUNDATIONAL_REQUIREMENTS, FR_INFO, type Fr } from '../catalogs/foundational-requirements';
import type { EntityRef, SecurityLevelVector, SystemModel } from '../model/system-model';

/** Evidence for a list of ids, skipping ids the model does not know (never happens for resolved references). */
export const refsOf = (model: SystemModel, ids: readonly string[]): EntityRef[] =>
  ids.flatMap((id) => {
    const ref = model.refOf(id);
    return ref ? [ref] : [];
  });

/** How a `because` sentence names one entity: its name and id, or just the id when they agree. */
export const named = (entity: { readonly id: string; readonly name?: string | undefined }): string =>
  entity.name === undefined || entity.name === entity.id
    ? `"${entity.id}"`
    : `"${entity.name}" (${entity.id})`;

/** A short id list for a sentence: at most `max` ids, then "and n more". */
export const idList = (items: readonly { readonly id: string }[], max = 5): string => {
  const shown = items.slice(0, max).map((item) => item.id);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
};

/** "1 asset" / "3 assets". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The FRs where `lower` is below `upper`, in FR order. */
export const frsBelow = (lower: SecurityLevelVector, upper: SecurityLevelVector): readonly Fr[] =>
  FOUNDATIONAL_REQUIREMENTS.filter((fr) => lower[fr] < upper[fr]);

/** "FR1 (IAC) 1 < 2, FR5 (RDF) 2 < 3". */
export const frGaps = (frs: readonly Fr[], lower: SecurityLevelVector, upper: SecurityLevelVector): string =>
  frs.map((fr) => `${fr} (${FR_INFO[fr].abbreviation}) ${lower[fr]} < ${upper[fr]}`).join(', ');

/**
 * Memoises a per-model index so a rule that needs a view over the whole model (e.g. which conduits some flow
 * crosses) computes it once per model instead of once per subject. Pure: the result depends only on the model.
 */
export const perModel = <T>(compute: (model: SystemModel) => T): ((model: SystemModel) => T) => {
  const cache = new WeakMap<SystemModel, T>();
  return (model) => {
    const cached = cache.get(model);
    if (cached !== undefined) return cached;
    const value = compute(model);
    cache.set(model, value);
    return value;
  };
};
