import type { Asset, SystemModel } from '../model/system-model';

const byId = (a: { readonly id: string }, b: { readonly id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Looks up the in-scope assets a zone or conduit holds. */
export type SubjectAssets = (subjectId: string) => readonly Asset[];

/**
 * Indexes the in-scope assets each zone or conduit holds, sorted by id: a zone's members, or a conduit's devices
 * (listed on the conduit or placed in it by `asset.zone`). Unknown ids give an empty list. Built once per model
 * so that per-subject lookups stay O(1).
 */
export const deriveSubjectAssets = (model: SystemModel): SubjectAssets => {
  const devices = new Map<string, Set<string>>();
  for (const conduit of model.conduits) devices.set(conduit.id, new Set(conduit.devices ?? []));
  for (const asset of model.assets) if (asset.zone !== undefined) devices.get(asset.zone)?.add(asset.id);
  const conduitAssets = new Map<string, readonly Asset[]>();
  for (const [conduitId, ids] of devices) {
    conduitAssets.set(
      conduitId,
      [...ids]
        .map((id) => model.asset(id))
        .filter((asset): asset is Asset => asset !== undefined && asset.isInScope)
        .sort(byId),
    );
  }
  return (subjectId) => conduitAssets.get(subjectId) ?? model.assetsIn(subjectId);
};
