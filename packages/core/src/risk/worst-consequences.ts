import type { Asset } from '../model/system-model';

/**
 * Worst impact per category over some assets (ZCR 2.1, 5.3): for each impact category the highest level any of
 * them is rated at. Keys are sorted so that the record serialises the same way whatever the asset order.
 */
export const worstConsequences = (assets: readonly Asset[]): Readonly<Record<string, number>> => {
  const worst = new Map<string, number>();
  for (const asset of assets) {
    for (const [category, level] of Object.entries(asset.criticality ?? {})) {
      worst.set(category, Math.max(level, worst.get(category) ?? 0));
    }
  }
  return Object.fromEntries([...worst.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/** Per-category maximum of several impact records, keys sorted. */
export const mergeConsequences = (
  records: readonly Readonly<Record<string, number>>[],
): Readonly<Record<string, number>> => {
  const worst = new Map<string, number>();
  for (const record of records) {
    for (const [category, level] of Object.entries(record))
      worst.set(category, Math.max(level, worst.get(category) ?? 0));
  }
  return Object.fromEntries([...worst.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

/** The assets with the highest worst impact among some assets (all of them when none is rated), sorted by id. */
export const highestImpactAssets = (assets: readonly Asset[]): readonly Asset[] => {
  const top = Math.max(0, ...assets.map((asset) => asset.worstImpact));
  return assets
    .filter((asset) => asset.worstImpact === top)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
