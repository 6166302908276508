import type { SystemFileInput } from '@zonewise/core';

/** A file id from free text: accents dropped, lower case, runs of other characters as one dash, at most 60 long. */
export const slugId = (text: string, fallback: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '') || fallback;

const COLLECTIONS = [
  'accessPoints',
  'zones',
  'conduits',
  'assets',
  'dataFlows',
  'threatScenarios',
  'vulnerabilities',
  'countermeasures',
  'approvals',
] as const;

/** Every entity id of an assessment file (ids are unique across the whole file). */
export const entityIds = (file: SystemFileInput | undefined): Set<string> => {
  const ids = new Set<string>();
  if (file === undefined) return ids;
  for (const collection of COLLECTIONS) {
    for (const item of file[collection] ?? []) ids.add(item.id);
  }
  return ids;
};

/** Hands out ids that are not in `used` (and records them): `base`, then `base-2`, `base-3`, … */
export const idAllocator =
  (used: Set<string>) =>
  (base: string): string => {
    let id = base;
    for (let suffix = 2; used.has(id); suffix += 1) id = `${base}-${suffix}`;
    used.add(id);
    return id;
  };
