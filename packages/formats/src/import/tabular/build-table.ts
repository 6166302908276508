import type { Diagnostic } from '@zonewise/core';
import { cappedWarnings } from './capped-warnings';
import type { Table, TableRow } from './table';
import { tabularDiagnostic } from './tabular-diagnostic';

const HEADER_SEARCH_ROWS = 10;

const isBlank = (row: TableRow): boolean => row.cells.every((cell) => cell.text.trim() === '');

const filledCount = (row: TableRow): number => row.cells.filter((cell) => cell.text.trim() !== '').length;

// Numbers, dates, IPv4 and MAC addresses: values that are data, never a column name.
const looksLikeData = (text: string): boolean =>
  /^[\d\s.,:/+-]+$/.test(text) || /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(text);

/**
 * Finds the header among the first non-blank rows: the one with the most names the importer recognises, or, when
 * none is recognised, the first row that fills at least half the table's width with text that is not data.
 * Title lines and notes above the header are skipped that way.
 */
export const detectHeaderRow = (
  rows: readonly TableRow[],
  isKnownHeader?: (name: string) => boolean,
): number => {
  const candidates = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => !isBlank(row))
    .slice(0, HEADER_SEARCH_ROWS);
  const first = candidates[0];
  if (first === undefined) return 0;
  if (isKnownHeader !== undefined) {
    let best = { index: -1, known: 0 };
    for (const { row, index } of candidates) {
      const known = row.cells.filter((cell) => isKnownHeader(cell.text.trim())).length;
      if (known > best.known) best = { index, known };
    }
    if (best.index >= 0) return best.index;
  }
  const width = Math.max(...candidates.map(({ row }) => filledCount(row)));
  const header = candidates.find(({ row }) => {
    const filled = row.cells.map((cell) => cell.text.trim()).filter((text) => text !== '');
    const data = filled.filter(looksLikeData).length;
    return filled.length >= Math.max(1, Math.ceil(width / 2)) && data * 2 <= filled.length;
  });
  return (header ?? first).index;
};

/**
 * Turns records (CSV records or sheet rows) into a {@link Table}: finds the header, trims the column names,
 * warns about repeated names (the first one is read), and drops blank rows.
 */
export const buildTable = (
  records: readonly TableRow[],
  source: Omit<Table, 'header' | 'columns' | 'rows'>,
  isKnownHeader?: (name: string) => boolean,
): { table?: Table; diagnostics: readonly Diagnostic[] } => {
  if (records.every(isBlank)) {
    return {
      diagnostics: [
        tabularDiagnostic(
          'table-empty',
          'error',
          source.fileName,
          undefined,
          source.format === 'xlsx'
            ? `The worksheet${source.sheet === undefined ? '' : ` "${source.sheet}"`} has no rows: pick the sheet with the data (--sheet).`
            : 'The file has no rows: export the table again.',
        ),
      ],
    };
  }
  const headerIndex = detectHeaderRow(records, isKnownHeader);
  const header = records[headerIndex] ?? { row: 1, cells: [] };
  const columns = header.cells.map((cell) => cell.text.trim());
  const warnings = cappedWarnings(source.fileName);
  const seen = new Map<string, number>();
  columns.forEach((name, index) => {
    if (name === '') return;
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, index);
      return;
    }
    const cell = header.cells[index];
    warnings.add(
      'table-duplicate-column',
      { line: cell?.line ?? header.row, column: cell?.column ?? index + 1 },
      `Column "${name}" appears twice (columns ${earlier + 1} and ${index + 1}); only the first is read: rename one of them.`,
    );
  });
  const rows = records.slice(headerIndex + 1).filter((row) => !isBlank(row));
  return { table: { ...source, header, columns, rows }, diagnostics: warnings.finish() };
};
