import { error, type Diagnostic, type SystemFileInput } from '@zonewise/core';
import { locateDiagnostics } from '../../project-file/locate-diagnostics';
import { entityIds } from '../tabular/entity-id';
import { isKnownColumnName, resolveColumns } from '../tabular/resolve-columns';
import type { Table } from '../tabular/table';
import { INVENTORY_COLUMN_GUESSES, type InventoryField } from './inventory-columns';
import { inventoryDiagnostic } from './inventory-diagnostic';
import { EMPTY_INVENTORY_MAPPING, type InventoryKey, type InventoryMapping } from './inventory-mapping';
import { readInventoryRecords } from './inventory-record';
import { mergeInventoryRecords, type AssetDraft, type InventorySummary } from './merge-inventory';

/** Options of {@link importInventory}. */
export interface InventoryImportOptions {
  readonly mapping?: InventoryMapping;
  /** The assessment (as loaded) to merge into; without it the assets found are returned as new ones. */
  readonly into?: SystemFileInput;
  /** Without `into`: assets read from earlier files, so that several files merge among themselves. */
  readonly assets?: readonly AssetDraft[];
}

/** The outcome of an inventory import. Any error diagnostic means nothing should be written. */
export interface InventoryImport {
  /** The assets added or changed, as they would be written. */
  readonly assets: readonly AssetDraft[];
  /** Every asset after the merge (the assessment's or the earlier files', then the new ones). */
  readonly allAssets: readonly AssetDraft[];
  /** The assessment with the assets merged in (only with `into` and no error). */
  readonly file?: SystemFileInput;
  /** Which column fed which field (header names). */
  readonly columns: Partial<Record<InventoryField, string>>;
  readonly key: InventoryKey;
  readonly summary: InventorySummary;
  readonly diagnostics: readonly Diagnostic[];
}

const EMPTY_SUMMARY: InventorySummary = { added: [], updated: [], unchanged: [], skipped: [] };

/** Whether a header names an inventory field, by the guesses or the mapping; for the header-row detection. */
export const isInventoryHeader = (
  name: string,
  mapping: InventoryMapping = EMPTY_INVENTORY_MAPPING,
): boolean => isKnownColumnName(name, INVENTORY_COLUMN_GUESSES, mapping.columns);

/**
 * Imports an asset inventory table (CSV or XLSX, read by `readTable`) into assets: finds the columns (mapping, then
 * guesses), reads each row, and merges the rows into the assessment's assets by the key (`mapping.key`, else IP
 * when there is an IP column, else MAC, else name) without duplicating any. A table with neither a name nor an
 * IP column, a mapped column the table lacks, or a default zone the assessment lacks is an error.
 */
export const importInventory = (table: Table, options: InventoryImportOptions = {}): InventoryImport => {
  const mapping = options.mapping ?? EMPTY_INVENTORY_MAPPING;
  const place = (diagnostics: readonly Diagnostic[]) =>
    mapping.source === undefined ? diagnostics : locateDiagnostics(diagnostics, mapping.source);
  const resolved = resolveColumns(table, INVENTORY_COLUMN_GUESSES, mapping.columns, (field) => [
    'columns',
    field,
  ]);
  const diagnostics: Diagnostic[] = [...place(resolved.diagnostics)];
  const columns: Partial<Record<InventoryField, string>> = {};
  for (const [field, index] of resolved.columns) columns[field] = table.columns[index] ?? '';
  const key: InventoryKey =
    mapping.key ?? (resolved.columns.has('ip') ? 'ip' : resolved.columns.has('mac') ? 'mac' : 'name');
  const headerPlace = { line: table.header.row, column: 1 };
  const found = table.columns
    .filter((name) => name !== '')
    .map((name) => `"${name}"`)
    .join(', ');
  if (!resolved.columns.has('name') && !resolved.columns.has('ip')) {
    diagnostics.push(
      inventoryDiagnostic(
        'inventory-missing-column',
        'error',
        table.fileName,
        headerPlace,
        `No column for the asset name or the IP address was found (columns: ${found}): name them in a mapping file, e.g. "columns: { name: 'Device', ip: 'Address' }", and pass it with --map.`,
      ),
    );
  } else if (!resolved.columns.has(key)) {
    diagnostics.push(
      inventoryDiagnostic(
        'inventory-missing-column',
        'error',
        table.fileName,
        headerPlace,
        `The merge key is ${key} but no ${key} column was found (columns: ${found}): map the column ("columns: { ${key}: '…' }") or choose another key.`,
      ),
    );
  }
  const zones = options.into?.zones;
  const defaultZone = mapping.defaults.zone;
  if (
    options.into !== undefined &&
    defaultZone !== undefined &&
    !(zones ?? []).some((zone) => zone.id === defaultZone)
  ) {
    diagnostics.push(
      ...place([
        error(
          'mapping-unknown-zone',
          ['defaults', 'zone'],
          `The default zone "${defaultZone}" is not a zone of the assessment: use one of ${(zones ?? []).map((zone) => zone.id).join(', ') || '(no zones yet)'}.`,
        ),
      ]),
    );
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return {
      assets: [],
      allAssets: options.into?.assets ?? options.assets ?? [],
      columns,
      key,
      summary: EMPTY_SUMMARY,
      diagnostics,
    };
  }
  const read = readInventoryRecords(table, resolved, mapping);
  const existing = options.into?.assets ?? options.assets ?? [];
  const merged = mergeInventoryRecords(existing, read.records, {
    fileName: table.fileName,
    key,
    defaults: mapping.defaults,
    zones: options.into === undefined ? undefined : (zones ?? []),
    usedIds:
      options.into === undefined ? new Set(existing.map((asset) => asset.id)) : entityIds(options.into),
  });
  const byId = new Map(merged.assets.map((asset) => [asset.id, asset]));
  return {
    assets: merged.touched.flatMap((id) => byId.get(id) ?? []),
    allAssets: merged.assets,
    ...(options.into === undefined ? {} : { file: { ...options.into, assets: [...merged.assets] } }),
    columns,
    key,
    summary: merged.summary,
    diagnostics: [...diagnostics, ...read.diagnostics, ...merged.diagnostics],
  };
};
