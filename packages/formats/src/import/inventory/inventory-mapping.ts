import { ASSET_KINDS, closestMatch, error, type Diagnostic } from '@zonewise/core';
import type { AssessmentSource } from '../../project-file/locate-diagnostics';
import { readDelimiter, type MappingReader } from '../tabular/import-mapping';
import { INVENTORY_FIELDS, type InventoryField } from './inventory-columns';

/** The field whose value identifies an asset when an inventory is merged into an assessment. */
export const INVENTORY_KEYS = ['ip', 'mac', 'name'] as const;

/** One of {@link INVENTORY_KEYS}. */
export type InventoryKey = (typeof INVENTORY_KEYS)[number];

/** Values used for new assets when the row leaves them empty. */
export interface InventoryDefaults {
  readonly kind?: string;
  readonly zone?: string;
  readonly location?: string;
  readonly vendor?: string;
  readonly owner?: string;
  readonly purdueLevel?: number;
}

/**
 * How an inventory sheet maps onto assets (`--map mapping.yaml`): column names per field (alternatives allowed),
 * cell values to asset kinds, defaults for new assets, and the merge key. Everything is optional; missing parts
 * are guessed from the headers.
 */
export interface InventoryMapping {
  readonly columns: Partial<Record<InventoryField, readonly string[]>>;
  /** Lower-cased cell text (a type, model or name) → asset kind id, in file order. */
  readonly kinds: ReadonlyMap<string, string>;
  readonly defaults: InventoryDefaults;
  readonly key?: InventoryKey;
  readonly sheet?: string;
  readonly delimiter?: string;
  /** Where the mapping came from, to place diagnostics about it (e.g. an unknown default zone). */
  readonly source?: AssessmentSource;
}

/** The mapping used when no `--map` is given: guess everything. */
export const EMPTY_INVENTORY_MAPPING: InventoryMapping = { columns: {}, kinds: new Map(), defaults: {} };

const KIND_IDS = ASSET_KINDS.map((kind) => kind.id);

const checkKind = (
  reader: MappingReader,
  path: readonly (string | number)[],
  value: unknown,
): string | undefined => {
  const kind = reader.text(path, value);
  if (kind === undefined || KIND_IDS.includes(kind)) return kind;
  const hint = closestMatch(kind, KIND_IDS);
  reader.report(
    error(
      'mapping-unknown-kind',
      path,
      `"${kind}" is not an asset kind${hint ? `: did you mean "${hint}"?` : `; the kinds are ${KIND_IDS.join(', ')}.`}`,
    ),
  );
  return undefined;
};

/**
 * Reads an inventory mapping from a loaded `--map` file:
 * `{ columns: { name: 'Device Name', ip: ['IP', 'IP Address'] }, kinds: { ControlLogix: plc },
 *    defaults: { zone: cell-1 }, key: ip, sheet: Assets, delimiter: ';' }`.
 * Kind ids are checked against the catalog; every problem is a diagnostic placed in the mapping file.
 */
export const parseInventoryMapping = (
  reader: MappingReader,
): { readonly mapping: InventoryMapping; readonly diagnostics: readonly Diagnostic[] } => {
  const { data } = reader;
  reader.knownKeys([], data, ['columns', 'kinds', 'defaults', 'key', 'sheet', 'delimiter']);
  const columns: Partial<Record<InventoryField, readonly string[]>> = {};
  const columnData = data['columns'] === undefined ? undefined : reader.record(['columns'], data['columns']);
  if (columnData !== undefined) {
    reader.knownKeys(['columns'], columnData, INVENTORY_FIELDS);
    for (const field of INVENTORY_FIELDS) {
      if (columnData[field] === undefined) continue;
      const names = reader.textList(['columns', field], columnData[field]);
      if (names !== undefined) columns[field] = names;
    }
  }
  const kinds = new Map<string, string>();
  const kindData = data['kinds'] === undefined ? undefined : reader.record(['kinds'], data['kinds']);
  for (const [text, value] of Object.entries(kindData ?? {})) {
    const kind = checkKind(reader, ['kinds', text], value);
    if (kind !== undefined) kinds.set(text.trim().toLowerCase(), kind);
  }
  const defaults: { -readonly [K in keyof InventoryDefaults]: InventoryDefaults[K] } = {};
  const defaultData =
    data['defaults'] === undefined ? undefined : reader.record(['defaults'], data['defaults']);
  if (defaultData !== undefined) {
    reader.knownKeys(['defaults'], defaultData, [
      'kind',
      'zone',
      'location',
      'vendor',
      'owner',
      'purdueLevel',
    ]);
    for (const field of ['zone', 'location', 'vendor', 'owner'] as const) {
      if (defaultData[field] === undefined) continue;
      const value = reader.text(['defaults', field], defaultData[field]);
      if (value !== undefined) defaults[field] = value;
    }
    if (defaultData['kind'] !== undefined) {
      const kind = checkKind(reader, ['defaults', 'kind'], defaultData['kind']);
      if (kind !== undefined) defaults.kind = kind;
    }
    if (defaultData['purdueLevel'] !== undefined) {
      const level = reader.integer(['defaults', 'purdueLevel'], defaultData['purdueLevel'], 0, 5);
      if (level !== undefined) defaults.purdueLevel = level;
    }
  }
  const key = data['key'] === undefined ? undefined : reader.oneOf(['key'], data['key'], INVENTORY_KEYS);
  const sheet = data['sheet'] === undefined ? undefined : reader.text(['sheet'], data['sheet']);
  const delimiter = data['delimiter'] === undefined ? undefined : readDelimiter(reader, data['delimiter']);
  return {
    mapping: {
      columns,
      kinds,
      defaults,
      ...(key === undefined ? {} : { key }),
      ...(sheet === undefined ? {} : { sheet }),
      ...(delimiter === undefined ? {} : { delimiter }),
      source: reader.source,
    },
    diagnostics: reader.diagnostics(),
  };
};
