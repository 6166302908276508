import type { Asset } from '../model/system-model';

const sortedRecord = (worst: Map<string, number>): Readonly<Record<string, number>> =>
  Object.fromEntries([...worst.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Worst impact per category over some assets (ZCR 2.1, 5.3): for each impact category the highest level any of
 * them is rated at. Keys are sorted so that the record serialises the same way whatever the asset order.
 */
export const worstConsequences = (assets: readonly Asset[]): Readonly<Record<string, number>> => {
  const worst = new Map<string, number>();
  for (const asset of assets) {
    const criticality = asset.criticality;
    if (criticality === undefined) continue;
    for (const category in criticality) {
      const level = criticality[category] ?? 0;
      if (level > (worst.get(category) ?? 0)) worst.set(category, level);
    }
  }
  return sortedRecord(worst);
};

/** Per-category maximum of several impact records, keys sorted. */
export const mergeConsequences = (
  records: readonly Readonly<Record<string, number>>[],
): Readonly<Record<string, number>> => {
  const worst = new Map<string, number>();
  for (const record of records) {
    for (const category in record) {
      const level = record[category] ?? 0;
      if (level > (worst.get(category) ?? 0)) worst.set(category, level);
    }
  }
  return sortedRecord(worst);
};

/** The assets with the highest worst impact among some assets (all of them when none is rated), sorted by id. */
export const highestImpactAssets = (assets: readonly Asset[]): readonly Asset[] => {
  let top = 0;
  for (const asset of assets) if (asset.worstImpact > top) top = asset.worstImpact;
  const highest: Asset[] = [];
  let isSorted = true;
  for (const asset of assets) {
    if (asset.worstImpact !== top) continue;
    const previous = highest[highest.length - 1];
    if (previous !== undefined && previous.id > asset.id) isSorted = false;
    highest.push(asset);
  }
  return isSorted ? highest : highest.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
