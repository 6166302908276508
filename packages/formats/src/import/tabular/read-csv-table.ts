import type { Diagnostic } from '@zonewise/core';
import { buildTable } from './build-table';
import { cappedWarnings } from './capped-warnings';
import { decodeText } from './decode-text';
import { detectDelimiter } from './detect-delimiter';
import { parseCsv } from './parse-csv';
import type { Table, TableReadOptions, TableReadResult } from './table';
import { tabularDiagnostic } from './tabular-diagnostic';

const placeOfOffset = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line: (before.match(/\r\n|\r|\n/g) ?? []).length + 1, column: offset - lineStart + 1 };
};

/** Warns about data rows whose cell count differs from the header's (trailing empty cells do not count). */
const raggedRows = (table: Table): Diagnostic[] => {
  const warnings = cappedWarnings(table.fileName);
  const width = table.columns.length;
  for (const row of table.rows) {
    let used = row.cells.length;
    while (used > width && (row.cells[used - 1]?.text.trim() ?? '') === '') used -= 1;
    if (used > width) {
      const extra = row.cells[width];
      warnings.add(
        'csv-ragged-row',
        { line: extra?.line ?? row.row, column: extra?.column ?? 1 },
        `This row has ${used} cells but the header has ${width}; cells from column ${width + 1} on are not read: check for an unquoted delimiter in a value.`,
      );
    } else if (used < width) {
      warnings.add(
        'csv-ragged-row',
        { line: row.row, column: 1 },
        `This row has ${used} cells but the header has ${width}; the missing cells read as empty.`,
      );
    }
  }
  return warnings.finish();
};

/**
 * Reads a CSV file's bytes into a {@link Table}: decodes them (BOM, UTF-16, UTF-8, Windows-1252), honours an
 * Excel `sep=` first line or detects the delimiter (`,` `;` tab `|`), parses RFC 4180 records, finds the header
 * row and warns about ragged rows. Never throws; every problem is a diagnostic with a line and column.
 */
export const readCsvTable = (bytes: Uint8Array, options: TableReadOptions): TableReadResult => {
  const { fileName } = options;
  const decoded = decodeText(bytes, fileName);
  let text = decoded.text;
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      diagnostics: [
        tabularDiagnostic(
          'table-binary-content',
          'error',
          fileName,
          placeOfOffset(text, nul),
          'The file holds binary data, not CSV text: export the table as CSV, or give the .xlsx workbook itself.',
        ),
      ],
    };
  }
  let delimiter = options.delimiter;
  let lineOffset = 0;
  const hint = /^sep=(.)(?:\r\n|\r|\n|$)/i.exec(text);
  if (hint !== null) {
    delimiter ??= hint[1];
    text = text.slice(hint[0].length);
    lineOffset = 1;
  }
  delimiter ??= detectDelimiter(text);
  const parsed = parseCsv(text, delimiter, fileName);
  const records =
    lineOffset === 0
      ? parsed.records
      : parsed.records.map((record) => ({
          row: record.row + lineOffset,
          cells: record.cells.map((cell) => ({ ...cell, line: cell.line + lineOffset })),
        }));
  const shifted =
    lineOffset === 0
      ? parsed.diagnostics
      : parsed.diagnostics.map((diagnostic) =>
          diagnostic.line === undefined ? diagnostic : { ...diagnostic, line: diagnostic.line + lineOffset },
        );
  const built = buildTable(
    records,
    { format: 'csv', fileName, encoding: decoded.encoding, delimiter },
    options.isKnownHeader,
  );
  const ragged = built.table === undefined ? [] : raggedRows(built.table);
  const table = built.table;
  return {
    ...(table === undefined ? {} : { table }),
    diagnostics: [...decoded.diagnostics, ...shifted, ...built.diagnostics, ...ragged],
  };
};
