import type { Diagnostic } from '@zonewise/core';
import { buildTable } from './build-table';
import type { TableReadOptions, TableReadResult, TableRow } from './table';
import { tabularDiagnostic } from './tabular-diagnostic';

const pad = (value: number): string => String(value).padStart(2, '0');

/** Dates as ISO 8601 text (UTC, as exceljs builds them), so a cell reads the same on every machine. */
const dateText = (date: Date): string => {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const isMidnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0;
  return isMidnight
    ? day
    : `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
};

/**
 * The text a user sees in a cell, from any exceljs cell value: rich text joined, a formula's cached result, a
 * hyperlink's text; error values (#N/A) read as empty.
 */
export const cellValueText = (value: unknown, depth = 0): string => {
  if (value === null || value === undefined || depth > 4) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return '';
  const record = value as Record<string, unknown>;
  if (Array.isArray(record['richText'])) {
    return record['richText']
      .map((run: unknown) => cellValueText((run as { text?: unknown }).text, depth + 1))
      .join('');
  }
  if ('error' in record) return '';
  if ('result' in record) return cellValueText(record['result'], depth + 1);
  if ('text' in record) return cellValueText(record['text'], depth + 1);
  return '';
};

const unreadable = (fileName: string, message: string): TableReadResult => ({
  diagnostics: [tabularDiagnostic('xlsx-unreadable', 'error', fileName, undefined, message)],
});

/** Whether the bytes start like a ZIP archive (an .xlsx workbook is one). */
export const isZipArchive = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  (bytes[2] === 0x03 || bytes[2] === 0x05) &&
  (bytes[3] === 0x04 || bytes[3] === 0x06);

/** Whether the bytes start like an OLE2 compound file (the legacy .xls format). */
export const isLegacyWorkbook = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/**
 * Reads one worksheet of an .xlsx workbook (the first, or `options.sheet` by name or number) into the same
 * {@link Table} shape as a CSV file; `line` is the sheet row and `column` the sheet column number. A damaged or
 * truncated workbook, a legacy .xls file or a missing sheet is an error diagnostic, never an exception.
 */
export const readXlsxTable = async (
  bytes: Uint8Array,
  options: TableReadOptions,
): Promise<TableReadResult> => {
  const { fileName } = options;
  if (isLegacyWorkbook(bytes)) {
    return {
      diagnostics: [
        tabularDiagnostic(
          'xlsx-legacy-xls',
          'error',
          fileName,
          undefined,
          'This is a legacy .xls workbook, which is not read: save it as .xlsx or export the sheet as CSV.',
        ),
      ],
    };
  }
  if (!isZipArchive(bytes)) {
    return unreadable(
      fileName,
      'This is not an .xlsx workbook (it is not a ZIP archive): give the workbook itself, or export the sheet as CSV.',
    );
  }
  // Loaded on demand: the workbook library is large and only this reader needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its input as a Node Buffer; an ArrayBuffer copy of the bytes is what it reads everywhere.
    const copy = bytes.slice().buffer;
    await workbook.xlsx.load(copy);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return unreadable(
      fileName,
      `The workbook cannot be read (${reason}): the file is damaged or truncated; save it again from the spreadsheet program, or export the sheet as CSV.`,
    );
  }
  const sheets = workbook.worksheets;
  const names = sheets.map((sheet) => sheet.name);
  const wanted = options.sheet;
  const sheet =
    wanted === undefined
      ? sheets[0]
      : (sheets.find((candidate) => candidate.name.toLowerCase() === wanted.trim().toLowerCase()) ??
        (/^\d+$/.test(wanted.trim()) ? sheets[Number(wanted.trim()) - 1] : undefined));
  if (sheet === undefined) {
    const diagnostic: Diagnostic = tabularDiagnostic(
      wanted === undefined ? 'table-empty' : 'xlsx-sheet-not-found',
      'error',
      fileName,
      undefined,
      wanted === undefined
        ? 'The workbook has no worksheets.'
        : `The workbook has no sheet "${wanted}": its sheets are ${names.map((name) => `"${name}"`).join(', ')}; pass one of them (--sheet) or its number.`,
    );
    return { diagnostics: [diagnostic] };
  }
  const width = sheet.columnCount;
  const records: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = [];
    for (let column = 1; column <= width; column += 1) {
      cells.push({ text: cellValueText(row.getCell(column).value), line: rowNumber, column });
    }
    records.push({ row: rowNumber, cells });
  });
  return buildTable(records, { format: 'xlsx', fileName, sheet: sheet.name }, options.isKnownHeader);
};
