import { idSchema, type Diagnostic, type SystemFileInput } from '@zonewise/core';
import { idAllocator, slugId } from '../tabular/entity-id';
import type { InventoryField } from './inventory-columns';
import { inventoryDiagnostic } from './inventory-diagnostic';
import type { InventoryDefaults, InventoryKey } from './inventory-mapping';
import type { InventoryInterface, InventoryRecord } from './inventory-record';
import { normalizeMacAddress, parseIpAddress } from './network-address';

/** An asset as written in the assessment file. */
export type AssetDraft = NonNullable<SystemFileInput['assets']>[number];
type ZoneDraft = NonNullable<SystemFileInput['zones']>[number];
type InterfaceDraft = NonNullable<AssetDraft['interfaces']>[number];

/** What the merge did, row by row: the summary printed after an import. */
export interface InventorySummary {
  readonly added: readonly { readonly row: number; readonly id: string; readonly name: string }[];
  readonly updated: readonly {
    readonly row: number;
    readonly id: string;
    readonly fields: readonly string[];
  }[];
  readonly unchanged: readonly { readonly row: number; readonly id: string }[];
  readonly skipped: readonly { readonly row: number; readonly code: string; readonly reason: string }[];
}

/** What the merge needs to know about the assessment it merges into. */
export interface InventoryMergeContext {
  readonly fileName: string;
  readonly key: InventoryKey;
  readonly defaults: InventoryDefaults;
  /** The assessment's zones; undefined when there is no assessment (zone texts are then kept when they are ids). */
  readonly zones: readonly ZoneDraft[] | undefined;
  /** Ids already used anywhere in the assessment; new ids are added to it. */
  readonly usedIds: Set<string>;
}

/** The assets after the merge, the ids of those added or changed, the summary and the diagnostics. */
export interface InventoryMergeResult {
  readonly assets: readonly AssetDraft[];
  readonly touched: readonly string[];
  readonly summary: InventorySummary;
  readonly diagnostics: readonly Diagnostic[];
}

const UPDATED_TEXT_FIELDS = ['vendor', 'product', 'version', 'location', 'description', 'owner'] as const;

const canonicalIp = (ip: string | undefined): string | undefined =>
  ip === undefined ? undefined : (parseIpAddress(ip) ?? ip.trim().toLowerCase());
const canonicalMac = (mac: string | undefined): string | undefined =>
  mac === undefined ? undefined : (normalizeMacAddress(mac) ?? mac.trim().toLowerCase());

const ipsOf = (asset: AssetDraft): string[] =>
  (asset.interfaces ?? []).flatMap((entry) => (entry.ip === undefined ? [] : [canonicalIp(entry.ip) ?? '']));
const macsOf = (asset: AssetDraft): string[] =>
  (asset.interfaces ?? []).flatMap((entry) =>
    entry.mac === undefined ? [] : [canonicalMac(entry.mac) ?? ''],
  );

/** Indexes assets by IP, MAC and lower-cased name and id, kept current as assets are added or changed. */
const assetIndex = () => {
  const maps = {
    ip: new Map<string, Set<string>>(),
    mac: new Map<string, Set<string>>(),
    name: new Map<string, Set<string>>(),
  };
  const add = (map: Map<string, Set<string>>, key: string, id: string) => {
    const ids = map.get(key) ?? new Set<string>();
    ids.add(id);
    map.set(key, ids);
  };
  return {
    add: (asset: AssetDraft): void => {
      for (const ip of ipsOf(asset)) add(maps.ip, ip, asset.id);
      for (const mac of macsOf(asset)) add(maps.mac, mac, asset.id);
      add(maps.name, asset.name.trim().toLowerCase(), asset.id);
      add(maps.name, asset.id.toLowerCase(), asset.id);
    },
    find: (key: InventoryKey, values: readonly string[]): Set<string> => {
      const found = new Set<string>();
      for (const value of values) for (const id of maps[key].get(value) ?? []) found.add(id);
      return found;
    },
  };
};

const keyValues = (record: InventoryRecord, key: InventoryKey): string[] => {
  if (key === 'name') return record.name === undefined ? [] : [record.name.toLowerCase()];
  return record.interfaces.flatMap((entry) => (entry[key] === undefined ? [] : [entry[key]]));
};

/** The key a row is matched by: the chosen one, or the name (then IP, MAC) when the row lacks it. */
const effectiveKey = (record: InventoryRecord, key: InventoryKey): InventoryKey | undefined =>
  [key, 'name' as const, 'ip' as const, 'mac' as const].find(
    (candidate) => keyValues(record, candidate).length > 0,
  );

const mergeInterfaces = (
  existing: readonly InterfaceDraft[],
  incoming: readonly InventoryInterface[],
): { interfaces: InterfaceDraft[]; isChanged: boolean } => {
  const interfaces = existing.map((entry) => ({ ...entry }));
  let isChanged = false;
  for (const entry of incoming) {
    const byIp =
      entry.ip === undefined ? -1 : interfaces.findIndex((known) => canonicalIp(known.ip) === entry.ip);
    const byMac =
      entry.mac === undefined ? -1 : interfaces.findIndex((known) => canonicalMac(known.mac) === entry.mac);
    const at = byIp >= 0 ? byIp : byMac;
    const known = interfaces[at];
    if (known === undefined) {
      interfaces.push({ ...entry });
      isChanged = true;
      continue;
    }
    if (entry.mac !== undefined && canonicalMac(known.mac) !== entry.mac) {
      known.mac = entry.mac;
      isChanged = true;
    }
    if (entry.ip !== undefined && canonicalIp(known.ip) !== entry.ip) {
      known.ip = entry.ip;
      isChanged = true;
    }
  }
  return { interfaces, isChanged };
};

const isValidId = (text: string): boolean => idSchema.safeParse(text).success;

/**
 * Merges inventory records into a list of assets without duplicating any: a row matches an asset by the key
 * (an IP or MAC of any of its interfaces, or its name or id, case-insensitive); a row without the key is matched by
 * name, and a row whose key matches nothing also matches a same-named asset that has no value for the key (an
 * asset modelled by hand before its address was known). A match is updated field by field (the name and a
 * specific kind are kept; interfaces are only added to), no match adds an asset with an id slugged from its name.
 * Rows without a name or IP, rows repeating a key of an earlier row, and rows matching two assets are skipped
 * with their reason.
 */
export const mergeInventoryRecords = (
  assets: readonly AssetDraft[],
  records: readonly InventoryRecord[],
  context: InventoryMergeContext,
): InventoryMergeResult => {
  const result = [...assets];
  const position = new Map(result.map((asset, index) => [asset.id, index]));
  const index = assetIndex();
  for (const asset of result) index.add(asset);
  const allocate = idAllocator(context.usedIds);
  const diagnostics: Diagnostic[] = [];
  const added: { row: number; id: string; name: string }[] = [];
  const updated: { row: number; id: string; fields: string[] }[] = [];
  const unchanged: { row: number; id: string }[] = [];
  const skipped: { row: number; code: string; reason: string }[] = [];
  const touched = new Set<string>();
  const seen = new Map<string, number>();
  const unknownZones = new Map<string, { rows: number[]; place: { line: number; column: number } }>();
  const zoneOfAsset = new Map<string, string>();
  for (const zone of context.zones ?? []) for (const id of zone.assets ?? []) zoneOfAsset.set(id, zone.id);

  const placeOf = (record: InventoryRecord, field?: InventoryField) =>
    (field === undefined ? undefined : record.places[field]) ?? { line: record.row, column: 1 };
  const skip = (
    record: InventoryRecord,
    code: 'inventory-row-without-identity' | 'inventory-duplicate-key' | 'inventory-ambiguous-match',
    reason: string,
    field?: InventoryField,
  ) => {
    skipped.push({ row: record.row, code, reason });
    diagnostics.push(
      inventoryDiagnostic(
        code,
        'warning',
        context.fileName,
        placeOf(record, field),
        `Row ${record.row} skipped: ${reason}.`,
      ),
    );
  };
  const resolveZone = (record: InventoryRecord): string | undefined => {
    const text = record.zone;
    if (text === undefined) return undefined;
    const lower = text.toLowerCase();
    const zone =
      context.zones === undefined
        ? isValidId(text)
          ? text
          : undefined
        : context.zones.find((candidate) => candidate.id === text || candidate.name.toLowerCase() === lower)
            ?.id;
    if (zone === undefined) {
      const entry = unknownZones.get(text) ?? { rows: [] as number[], place: placeOf(record, 'zone') };
      entry.rows.push(record.row);
      unknownZones.set(text, entry);
    }
    return zone;
  };

  for (const record of records) {
    const hasIp = record.interfaces.some((entry) => entry.ip !== undefined);
    const hasMac = record.interfaces.some((entry) => entry.mac !== undefined);
    if (record.name === undefined && !hasIp && !(context.key === 'mac' && hasMac)) {
      skip(record, 'inventory-row-without-identity', 'it has neither a name nor an IP address');
      continue;
    }
    const key = effectiveKey(record, context.key);
    if (key === undefined) continue;
    const values = keyValues(record, key);
    const earlier = values
      .map((value) => [value, seen.get(`${key}:${value}`)] as const)
      .find(([, row]) => row !== undefined);
    if (earlier !== undefined) {
      skip(
        record,
        'inventory-duplicate-key',
        `its ${key === 'ip' ? 'IP address' : key === 'mac' ? 'MAC address' : 'name'} ${earlier[0]} is already on row ${earlier[1]}; merge the two rows in the sheet`,
        key === 'name' ? 'name' : key,
      );
      continue;
    }
    for (const value of values) seen.set(`${key}:${value}`, record.row);
    let matches = index.find(key, values);
    if (matches.size === 0 && key !== 'name' && record.name !== undefined) {
      const lacksKey = (id: string) => {
        const asset = result[position.get(id) ?? -1];
        return asset !== undefined && (key === 'ip' ? ipsOf(asset) : macsOf(asset)).length === 0;
      };
      matches = new Set([...index.find('name', [record.name.toLowerCase()])].filter(lacksKey));
    }
    if (matches.size > 1) {
      skip(
        record,
        'inventory-ambiguous-match',
        `it matches ${matches.size} assets (${[...matches].sort().join(', ')}); give them distinct ${key === 'name' ? 'names' : 'addresses'} or pick another key`,
      );
      continue;
    }
    const zone = resolveZone(record);
    const [matchId] = [...matches];
    const existing = matchId === undefined ? undefined : result[position.get(matchId) ?? -1];
    if (existing === undefined) {
      const name =
        record.name ??
        record.interfaces.find((entry) => entry.ip !== undefined)?.ip ??
        record.interfaces[0]?.mac ??
        'asset';
      const id = allocate(slugId(name, 'asset'));
      const { defaults } = context;
      const vendor = record.vendor ?? defaults.vendor;
      const purdueLevel = record.purdueLevel ?? defaults.purdueLevel;
      const zoneId = zone ?? defaults.zone;
      const location = record.location ?? defaults.location;
      const owner = record.owner ?? defaults.owner;
      const asset: AssetDraft = {
        id,
        name,
        kind: record.kind,
        ...(record.description === undefined ? {} : { description: record.description }),
        ...(vendor === undefined ? {} : { vendor }),
        ...(record.product === undefined ? {} : { product: record.product }),
        ...(record.version === undefined ? {} : { version: record.version }),
        ...(purdueLevel === undefined ? {} : { purdueLevel }),
        ...(zoneId === undefined ? {} : { zone: zoneId }),
        ...(location === undefined ? {} : { location }),
        ...(owner === undefined ? {} : { owner }),
        ...(record.interfaces.length === 0
          ? {}
          : { interfaces: record.interfaces.map((entry) => ({ ...entry })) }),
      };
      position.set(id, result.length);
      result.push(asset);
      index.add(asset);
      added.push({ row: record.row, id, name });
      touched.add(id);
      continue;
    }
    const next: AssetDraft = { ...existing };
    const fields: string[] = [];
    for (const field of UPDATED_TEXT_FIELDS) {
      const value = record[field];
      if (value !== undefined && value !== existing[field]) {
        next[field] = value;
        fields.push(field);
      }
    }
    if (record.purdueLevel !== undefined && record.purdueLevel !== existing.purdueLevel) {
      next.purdueLevel = record.purdueLevel;
      fields.push('purdueLevel');
    }
    const isKindFromData =
      record.kindSource === 'mapping' ||
      record.kindSource === 'type-column' ||
      record.kindSource === 'product';
    if (isKindFromData && record.kind !== existing.kind) {
      if (existing.kind === 'other') {
        next.kind = record.kind;
        fields.push('kind');
      } else {
        diagnostics.push(
          inventoryDiagnostic(
            'inventory-kind-differs',
            'warning',
            context.fileName,
            placeOf(record, 'kind'),
            `Row ${record.row} says ${existing.id} is a "${record.kind}", the assessment says "${existing.kind}"; the assessment's kind was kept: change it there if the inventory is right.`,
          ),
        );
      }
    }
    const currentZone = existing.zone ?? zoneOfAsset.get(existing.id);
    if (zone !== undefined && zone !== currentZone) {
      if (existing.zone === undefined && currentZone !== undefined) {
        diagnostics.push(
          inventoryDiagnostic(
            'inventory-zone-conflict',
            'warning',
            context.fileName,
            placeOf(record, 'zone'),
            `Row ${record.row} puts ${existing.id} in zone ${zone}, but zone ${currentZone} lists it; the zone was kept: move it in the assessment if the inventory is right.`,
          ),
        );
      } else {
        next.zone = zone;
        fields.push('zone');
      }
    }
    const merged = mergeInterfaces(existing.interfaces ?? [], record.interfaces);
    if (merged.isChanged) {
      next.interfaces = merged.interfaces;
      fields.push('interfaces');
    }
    if (fields.length === 0) {
      unchanged.push({ row: record.row, id: existing.id });
      continue;
    }
    result[position.get(existing.id) ?? 0] = next;
    index.add(next);
    updated.push({ row: record.row, id: existing.id, fields });
    touched.add(existing.id);
  }
  for (const [text, { rows, place }] of unknownZones) {
    diagnostics.push(
      inventoryDiagnostic(
        'inventory-unknown-zone',
        'warning',
        context.fileName,
        place,
        context.zones === undefined
          ? `Zone "${text}" (row${rows.length === 1 ? '' : 's'} ${rows.join(', ')}) is not a valid id and was left out.`
          : `Zone "${text}" (row${rows.length === 1 ? '' : 's'} ${rows.join(', ')}) is neither the id nor the name of a zone of the assessment and was left out: add the zone, or fix the value.`,
      ),
    );
  }
  return {
    assets: result,
    touched: [...touched],
    summary: { added, updated, unchanged, skipped },
    diagnostics,
  };
};
