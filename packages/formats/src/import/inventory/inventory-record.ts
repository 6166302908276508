import type { Diagnostic } from '@zonewise/core';
import type { ResolvedColumns } from '../tabular/resolve-columns';
import type { Table, TableCell, TableRow } from '../tabular/table';
import { guessAssetKind, guessAssetKindFromProduct } from './asset-kind-keywords';
import type { InventoryField } from './inventory-columns';
import { inventoryDiagnostic } from './inventory-diagnostic';
import type { InventoryMapping } from './inventory-mapping';
import { normalizeMacAddress, parseIpAddress, splitAddresses } from './network-address';

/** A network interface read from a row. */
export interface InventoryInterface {
  readonly ip?: string;
  readonly mac?: string;
}

/** How a record's asset kind was decided, from most to least reliable. */
export type KindSource = 'mapping' | 'type-column' | 'product' | 'default' | 'unknown';

/** One inventory row, cleaned: trimmed texts, canonical addresses, a catalog kind. */
export interface InventoryRecord {
  readonly row: number;
  readonly name?: string;
  readonly interfaces: readonly InventoryInterface[];
  readonly vendor?: string;
  readonly product?: string;
  readonly version?: string;
  readonly location?: string;
  readonly description?: string;
  readonly owner?: string;
  readonly zone?: string;
  readonly purdueLevel?: number;
  readonly kind: string;
  readonly kindSource: KindSource;
  /** The text the kind was read from, when there was one. */
  readonly kindText?: string;
  /** Where each filled cell of the row is, for diagnostics found later (e.g. an unknown zone). */
  readonly places: Partial<Record<InventoryField, { readonly line: number; readonly column: number }>>;
}

/** Rows read into records, and the places where a value was dropped. */
export interface InventoryRecords {
  readonly records: readonly InventoryRecord[];
  readonly diagnostics: readonly Diagnostic[];
}

type Cells = Partial<Record<InventoryField, TableCell>>;

const cellsOf = (row: TableRow, columns: ReadonlyMap<InventoryField, number>): Cells => {
  const cells: Cells = {};
  for (const [field, index] of columns) {
    const cell = row.cells[index];
    if (cell !== undefined && cell.text.trim() !== '') cells[field] = cell;
  }
  return cells;
};

const clean = (cell: TableCell | undefined): string | undefined => {
  const text = cell?.text.replace(/\s+/g, ' ').trim();
  return text === undefined || text === '' ? undefined : text;
};

const mappedKind = (
  mapping: InventoryMapping,
  texts: readonly (string | undefined)[],
): string | undefined => {
  for (const text of texts) {
    if (text === undefined) continue;
    const exact = mapping.kinds.get(text.toLowerCase());
    if (exact !== undefined) return exact;
  }
  for (const text of texts) {
    if (text === undefined) continue;
    const lower = text.toLowerCase();
    for (const [pattern, kind] of mapping.kinds) if (lower.includes(pattern)) return kind;
  }
  return undefined;
};

const pairInterfaces = (ips: readonly string[], macs: readonly string[]): InventoryInterface[] =>
  Array.from({ length: Math.max(ips.length, macs.length) }, (_, index) => {
    const ip = ips[index];
    const mac = macs[index];
    return { ...(ip === undefined ? {} : { ip }), ...(mac === undefined ? {} : { mac }) };
  });

/** A Purdue level from "2", "L3", "Level 3.5"; undefined when the text holds none in 0 … 5. */
const purdueLevelOf = (text: string): number | undefined => {
  const match = /^(?:l|level)?\s*(\d(?:[.,]5)?)$/i.exec(text.trim());
  const level = match?.[1] === undefined ? undefined : Number(match[1].replace(',', '.'));
  return level !== undefined && level >= 0 && level <= 5 ? level : undefined;
};

/**
 * Reads every data row into an {@link InventoryRecord}. The kind comes from the mapping's `kinds` (exact cell
 * text, then a contained text, over the type, model and name cells), then the keyword table over the type cell,
 * then product families in the model cell, then the mapping default, else `other` with one warning per unknown
 * type text. Addresses that do not parse are dropped with a warning at their cell.
 */
export const readInventoryRecords = (
  table: Table,
  columns: ResolvedColumns<InventoryField>,
  mapping: InventoryMapping,
): InventoryRecords => {
  const diagnostics: Diagnostic[] = [];
  const unknownKinds = new Map<string, { rows: number[]; cell: TableCell | undefined }>();
  const records = table.rows.map((row): InventoryRecord => {
    const cells = cellsOf(row, columns.columns);
    const text = (field: InventoryField) => clean(cells[field]);
    const addresses = (field: 'ip' | 'mac', parse: (value: string) => string | undefined): string[] => {
      const cell = cells[field];
      if (cell === undefined) return [];
      return splitAddresses(cell.text).flatMap((value) => {
        const parsed = parse(value);
        if (parsed !== undefined) return [parsed];
        diagnostics.push(
          inventoryDiagnostic(
            field === 'ip' ? 'inventory-invalid-ip' : 'inventory-invalid-mac',
            'warning',
            table.fileName,
            cell,
            `"${value}" in column "${table.columns[columns.columns.get(field) ?? 0] ?? field}" is not ${field === 'ip' ? 'an IP' : 'a MAC'} address and was left out.`,
          ),
        );
        return [];
      });
    };
    const ips = [...new Set(addresses('ip', parseIpAddress))];
    const macs = [...new Set(addresses('mac', normalizeMacAddress))];
    const typeText = text('kind');
    const product = text('product');
    const name = text('name');
    let kind: string | undefined = mappedKind(mapping, [typeText, product, name]);
    let kindSource: KindSource = 'mapping';
    if (kind === undefined && typeText !== undefined) {
      kind = guessAssetKind(typeText);
      kindSource = 'type-column';
    }
    if (kind === undefined && product !== undefined) {
      kind = guessAssetKindFromProduct(product);
      kindSource = 'product';
    }
    if (kind === undefined && mapping.defaults.kind !== undefined) {
      kind = mapping.defaults.kind;
      kindSource = 'default';
    }
    if (kind === undefined) {
      kindSource = 'unknown';
      const key = typeText ?? '';
      const entry = unknownKinds.get(key) ?? { rows: [], cell: cells.kind };
      entry.rows.push(row.row);
      unknownKinds.set(key, entry);
    }
    let purdueLevel: number | undefined;
    const levelCell = cells.purdueLevel;
    if (levelCell !== undefined) {
      purdueLevel = purdueLevelOf(levelCell.text);
      if (purdueLevel === undefined) {
        diagnostics.push(
          inventoryDiagnostic(
            'inventory-invalid-purdue-level',
            'warning',
            table.fileName,
            levelCell,
            `"${levelCell.text.trim()}" is not a Purdue level (0 … 5, e.g. 2, L3 or 3.5) and was left out.`,
          ),
        );
      }
    }
    const optional = (field: InventoryField) => {
      const value = text(field);
      return value === undefined ? {} : { [field]: value };
    };
    return {
      row: row.row,
      ...(name === undefined ? {} : { name }),
      interfaces: pairInterfaces(ips, macs),
      ...optional('vendor'),
      ...optional('product'),
      ...optional('version'),
      ...optional('location'),
      ...optional('description'),
      ...optional('owner'),
      ...optional('zone'),
      ...(purdueLevel === undefined ? {} : { purdueLevel }),
      kind: kind ?? 'other',
      kindSource,
      places: Object.fromEntries(
        Object.entries(cells).map(([field, cell]) => [field, { line: cell.line, column: cell.column }]),
      ),
      ...(typeText === undefined ? {} : { kindText: typeText }),
    };
  });
  for (const [text, { rows, cell }] of unknownKinds) {
    const place = cell ?? { line: rows[0] ?? 1, column: 1 };
    const listed =
      rows.length > 10 ? `${rows.slice(0, 10).join(', ')} and ${rows.length - 10} more` : rows.join(', ');
    diagnostics.push(
      inventoryDiagnostic(
        'inventory-unknown-kind',
        'warning',
        table.fileName,
        place,
        text === ''
          ? `No asset kind could be told for row${rows.length === 1 ? '' : 's'} ${listed} (no type, no known product): imported as "other"; add a type column or "defaults: { kind: … }" to the mapping.`
          : `Type "${text}" (row${rows.length === 1 ? '' : 's'} ${listed}) is not a known asset kind: imported as "other"; map it in the mapping file, e.g. "kinds: { '${text}': plc }".`,
      ),
    );
  }
  return { records, diagnostics };
};
