import type { SystemFile } from '../schema/system-file';
import { sha256 } from './sha256';

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785 does), no whitespace, arrays kept in order,
 * properties whose value is undefined dropped. Inside arrays, undefined and non-finite numbers become null, as in
 * JSON.stringify, so that positions are kept. Equal values always give the same text.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined && typeof item !== 'function')
      .sort(([a], [b]) => compareCodeUnits(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return 'null';
};

/** Sorts a list by a key; equal keys fall back to the canonical text so the order never depends on the input. */
const sortedBy = <T>(list: readonly T[], keyOf: (item: T) => string): T[] =>
  list
    .map((item) => ({ item, key: keyOf(item), text: canonicalJson(item) }))
    .sort((a, b) => compareCodeUnits(a.key, b.key) || compareCodeUnits(a.text, b.text))
    .map(({ item }) => item);

const byId = <T extends { readonly id: string }>(list: readonly T[] | undefined): T[] | undefined =>
  list === undefined ? undefined : sortedBy(list, (item) => item.id);

/**
 * The file as an approval signs it: `approvals` and `$schema` removed, and every entity collection sorted by id
 * (requirement status by subject and requirement, triage by finding), so that reordering entities keeps the hash
 * while any change of content changes it. The order inside an entity (channels, asset lists) is content and kept.
 */
export const canonicalModel = (file: SystemFile): Omit<SystemFile, 'approvals' | '$schema'> => {
  const { approvals: _approvals, $schema: _schema, ...rest } = file;
  const system = {
    ...rest.system,
    policies: byId(rest.system.policies),
    regulations: byId(rest.system.regulations),
    references: byId(rest.system.references),
  };
  return {
    ...rest,
    system,
    threatSources: byId(rest.threatSources),
    accessPoints: sortedBy(rest.accessPoints, (item) => item.id),
    zones: sortedBy(rest.zones, (item) => item.id),
    conduits: sortedBy(rest.conduits, (item) => item.id),
    assets: sortedBy(rest.assets, (item) => item.id),
    dataFlows: sortedBy(rest.dataFlows, (item) => item.id),
    threatScenarios: sortedBy(rest.threatScenarios, (item) => item.id),
    vulnerabilities: sortedBy(rest.vulnerabilities, (item) => item.id),
    countermeasures: sortedBy(rest.countermeasures, (item) => item.id),
    requirementStatus: sortedBy(rest.requirementStatus, (item) => `${item.subject}\u0000${item.requirement}`),
    triage: sortedBy(rest.triage, (item) => item.finding),
  };
};

/**
 * SHA-256 of the canonical JSON of the model file without approvals (ZCR 7): the digest an approval records, so an
 * approval of different content is detected as stale.
 */
export const modelSha256 = (file: SystemFile): string => sha256(canonicalJson(canonicalModel(file)));
