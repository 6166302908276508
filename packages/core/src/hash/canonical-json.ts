import type { SystemFile } from '../schema/system-file';
import { Sha256 } from './sha256';

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const CHUNK_LENGTH = 1 << 16;

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isSkipped = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** The readable definition: writes canonical JSON into a string, one value at a time. */
const slowCanonical = (input: unknown): string => {
  const value =
    input !== null &&
    typeof input === 'object' &&
    typeof (input as { toJSON?: unknown }).toJSON === 'function'
      ? (input as { toJSON: () => unknown }).toJSON()
      : input;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((item: unknown) => slowCanonical(item)).join(',')}]`;
  if (isPlainRecord(value)) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => !isSkipped(value[key]))
      .map((key) => `${JSON.stringify(key)}:${slowCanonical(value[key])}`);
    return `{${members.join(',')}}`;
  }
  return 'null';
};

/**
 * The sorted union of the keys of every object inside some values, or undefined when the engine's JSON.stringify
 * cannot reproduce the canonical text (a toJSON method, an own "__proto__" key).
 */
const keyListOf = (values: readonly unknown[]): string[] | undefined => {
  const keys = new Set<string>();
  let isSupported = true;
  const visit = (value: unknown): void => {
    if (!isSupported || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      isSupported = false;
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      keys.add(key);
      visit(record[key]);
    }
  };
  for (const value of values) visit(value);
  if (!isSupported || keys.has('__proto__')) return undefined;
  // The default sort compares UTF-16 code units, the order RFC 8785 asks for.
  return [...keys].sort();
};

/**
 * The canonical text through the engine's JSON.stringify, several times faster than walking in script: a property
 * list makes it write every object's keys in the list's (sorted) order, and it drops nothing present since the list
 * holds every key. Undefined when it cannot be used; the caller then takes the readable path.
 */
const fastCanonical = (value: unknown, keyList: readonly string[] | undefined): string | undefined => {
  if (keyList === undefined) return undefined;
  try {
    return JSON.stringify(value, keyList as string[]);
  } catch {
    return undefined;
  }
};

const canonicalValue = (value: unknown, keyList = keyListOf([value])): string =>
  fastCanonical(value, keyList) ?? slowCanonical(value);

/**
 * Writes the canonical JSON of a value as a sequence of chunks (see `canonicalJson`). The first two levels (the
 * file and its entity lists) are walked here, so no string larger than one entity is built and a large model can be
 * hashed as it is written.
 */
export const writeCanonicalJson = (value: unknown, write: (chunk: string) => void): void => {
  let buffer = '';
  const emit = (text: string): void => {
    buffer += text;
    if (buffer.length >= CHUNK_LENGTH) {
      write(buffer);
      buffer = '';
    }
  };
  const walk = (item: unknown, depth: number): void => {
    if (
      depth >= 2 ||
      (!Array.isArray(item) && !isPlainRecord(item)) ||
      typeof (item as { toJSON?: unknown }).toJSON === 'function'
    ) {
      emit(canonicalValue(item));
    } else if (Array.isArray(item)) {
      // The entities of one list share their keys, so one key list serves them all.
      const keyList = depth === 1 ? keyListOf(item) : undefined;
      emit('[');
      item.forEach((element: unknown, index) => {
        if (index > 0) emit(',');
        if (keyList === undefined) walk(element, depth + 1);
        else emit(canonicalValue(element, keyList));
      });
      emit(']');
    } else {
      let isFirst = true;
      emit('{');
      for (const key of Object.keys(item).sort()) {
        const member = item[key];
        if (isSkipped(member)) continue;
        emit(`${isFirst ? '' : ','}${JSON.stringify(key)}:`);
        isFirst = false;
        walk(member, depth + 1);
      }
      emit('}');
    }
  };
  walk(value, 0);
  if (buffer !== '') write(buffer);
};

/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785 does), no whitespace, arrays kept in order,
 * properties whose value is undefined dropped. Inside arrays, undefined and non-finite numbers become null, as in
 * JSON.stringify, so that positions are kept. Equal values always give the same text.
 */
export const canonicalJson = (value: unknown): string => {
  const chunks: string[] = [];
  writeCanonicalJson(value, (chunk) => chunks.push(chunk));
  return chunks.join('');
};

/** Sorts a list by a key; equal keys fall back to the canonical text so the order never depends on the input. */
const sortedBy = <T>(list: readonly T[], keyOf: (item: T) => string): T[] =>
  list
    .map((item) => ({ item, key: keyOf(item) }))
    .sort(
      (a, b) =>
        compareCodeUnits(a.key, b.key) || compareCodeUnits(canonicalJson(a.item), canonicalJson(b.item)),
    )
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
 * An incremental SHA-256 over UTF-8 text. The built-in pure implementation is the default; a host with a native one
 * (Node's crypto, WebCrypto) may pass it for speed on large models. Both must give the same lowercase hex digest.
 */
export interface Sha256Digest {
  update(chunk: string): unknown;
  digest(): string;
}

/**
 * SHA-256 of the canonical JSON of the model file without approvals (ZCR 7): the digest an approval records, so an
 * approval of different content is detected as stale.
 */
export const modelSha256 = (
  file: SystemFile,
  createDigest: () => Sha256Digest = () => new Sha256(),
): string => {
  const hasher = createDigest();
  writeCanonicalJson(canonicalModel(file), (chunk) => hasher.update(chunk));
  return hasher.digest();
};
