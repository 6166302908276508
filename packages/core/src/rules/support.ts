import { FOUNDATIONAL_REQUIREMENTS, FR_INFO, type Fr } from '../catalogs/foundational-requirements';
import type { Conduit, EntityRef, SecurityLevelVector, SystemModel } from '../model/system-model';

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

/** Zone id per asset id, for in-scope assets in a zone; built once per model for the per-flow rules. */
const zoneIds = perModel((model) => {
  const ids = new Map<string, string>();
  for (const asset of model.assets) {
    const zone = model.zoneOf(asset.id);
    if (zone) ids.set(asset.id, zone.id);
  }
  return ids;
});

/** The zone id of an asset (undefined when out of scope, unassigned or placed in a conduit). */
export const zoneIdOf = (model: SystemModel, assetId: string): string | undefined =>
  zoneIds(model).get(assetId);

const NO_CONDUITS: readonly Conduit[] = [];

/** Conduits joining each pair of zones, both ways round, in conduit-id order; built once per model. */
const joining = perModel((model) => {
  const pairs = new Map<string, Map<string, Conduit[]>>();
  for (const conduit of model.conduits) {
    for (const a of conduit.zones) {
      for (const b of conduit.zones) {
        if (a === b) continue;
        let row = pairs.get(a);
        if (!row) pairs.set(a, (row = new Map<string, Conduit[]>()));
        const list = row.get(b);
        if (list) list.push(conduit);
        else row.set(b, [conduit]);
      }
    }
  }
  return pairs;
});

/** Conduits joining two zones (the model's `conduitsBetween`, indexed once for rules that run per data flow). */
export const conduitsJoining = (model: SystemModel, zoneA: string, zoneB: string): readonly Conduit[] =>
  joining(model).get(zoneA)?.get(zoneB) ?? NO_CONDUITS;
