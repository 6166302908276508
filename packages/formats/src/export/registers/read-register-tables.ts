import type { Diagnostic } from '@zonewise/core';
import type { Worksheet } from 'exceljs';
import { buildTable } from '../../import/tabular/build-table';
import { readCsvTable } from '../../import/tabular/read-csv-table';
import { cellValueText, isZipArchive } from '../../import/tabular/read-xlsx-table';
import type { Table, TableRow } from '../../import/tabular/table';
import { tabularDiagnostic } from '../../import/tabular/tabular-diagnostic';
import { restoreNeutralised } from './neutralise-formula';
import { REGISTER_IDS, type RegisterId } from './register';

/** One register read back from a workbook sheet or a CSV file, with the name its diagnostics use. */
export interface RegisterTable {
  readonly register: RegisterId;
  /** "registers.xlsx[Compliance matrix]" or "registers/compliance-matrix.csv". */
  readonly source: string;
  readonly table: Table;
}

/** What the register readers return: the tables found and the problems met reading them. */
export interface RegisterTablesRead {
  readonly tables: readonly RegisterTable[];
  readonly diagnostics: readonly Diagnostic[];
  /** The "Model SHA-256" of the workbook's About sheet: the model the registers were exported from (xlsx only). */
  readonly modelSha256?: string;
}

/** Sheet titles of the registers, as the workbook writer names them. */
export const REGISTER_TITLES: Readonly<Record<RegisterId, string>> = {
  assets: 'Assets',
  'zones-conduits': 'Zones and conduits',
  'risk-register': 'Risk register',
  'compliance-matrix': 'Compliance matrix',
  countermeasures: 'Countermeasures',
  vulnerabilities: 'Vulnerabilities',
};

// The writer fills every header cell, so the header is the first row with the most filled cells (a data row ties at
// best, and ties go to the first).
const isHeaderName = (name: string): boolean => name !== '';

const SHA256 = /^[0-9a-f]{64}$/;

/** The "Model SHA-256" row of an About sheet, when it holds a well-formed digest. */
const aboutModelSha256 = (sheet: { eachRow: Worksheet['eachRow'] }): string | undefined => {
  let found: string | undefined;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (cellValueText(row.getCell(1).value).trim().toLowerCase() !== 'model sha-256') return;
    const value = cellValueText(row.getCell(2).value).trim().toLowerCase();
    if (SHA256.test(value)) found ??= value;
  });
  return found;
};

const registerOfTitle = (title: string): RegisterId | undefined =>
  REGISTER_IDS.find((id) => REGISTER_TITLES[id].toLowerCase() === title.trim().toLowerCase());

/**
 * Reads every register sheet of a workbook written by `writeRegistersXlsx` (sheets are found by title, others such
 * as "About" are left alone). The workbook is opened once. Damaged files are an error diagnostic, never a throw.
 */
export const readRegisterWorkbook = async (
  bytes: Uint8Array,
  fileName: string,
): Promise<RegisterTablesRead> => {
  const unreadable = (message: string): RegisterTablesRead => ({
    tables: [],
    diagnostics: [tabularDiagnostic('xlsx-unreadable', 'error', fileName, undefined, message)],
  });
  if (!isZipArchive(bytes))
    return unreadable('This is not an .xlsx workbook: give the exported registers file.');
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return unreadable(`The workbook cannot be read (${reason}): save it again from the spreadsheet program.`);
  }
  const tables: RegisterTable[] = [];
  const diagnostics: Diagnostic[] = [];
  let modelSha256: string | undefined;
  for (const sheet of workbook.worksheets) {
    if (sheet.name.trim().toLowerCase() === 'about') modelSha256 ??= aboutModelSha256(sheet);
    const register = registerOfTitle(sheet.name);
    if (register === undefined) continue;
    const source = `${fileName}[${sheet.name}]`;
    const width = sheet.columnCount;
    const records: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = [];
      for (let column = 1; column <= width; column += 1) {
        cells.push({ text: cellValueText(row.getCell(column).value), line: rowNumber, column });
      }
      records.push({ row: rowNumber, cells });
    });
    const built = buildTable(records, { format: 'xlsx', fileName: source, sheet: sheet.name }, isHeaderName);
    diagnostics.push(...built.diagnostics);
    if (built.table !== undefined) tables.push({ register, source, table: built.table });
  }
  return { tables, diagnostics, ...(modelSha256 === undefined ? {} : { modelSha256 }) };
};

/**
 * Reads one register CSV file (`<register id>.csv`, as `writeRegistersCsv` names them), undoing the formula
 * neutralisation so that a value comes back exactly as it was exported.
 */
export const readRegisterCsv = (
  bytes: Uint8Array,
  fileName: string,
  register: RegisterId,
): RegisterTablesRead => {
  const read = readCsvTable(bytes, { fileName, isKnownHeader: isHeaderName });
  if (read.table === undefined) return { tables: [], diagnostics: read.diagnostics };
  const restore = (row: TableRow): TableRow => ({
    ...row,
    cells: row.cells.map((cell) => ({ ...cell, text: restoreNeutralised(cell.text) })),
  });
  const table: Table = {
    ...read.table,
    header: restore(read.table.header),
    rows: read.table.rows.map(restore),
  };
  return {
    tables: [
      {
        register,
        source: fileName,
        table: { ...table, columns: table.header.cells.map((cell) => cell.text.trim()) },
      },
    ],
    diagnostics: read.diagnostics,
  };
};
