import type { Register, RegisterCellValue, RegisterSet } from './register';
import { neutraliseFormula } from './neutralise-formula';

/** Options of the CSV writer. */
export interface RegistersCsvOptions {
  /** Start each file with a UTF-8 byte-order mark, so that Excel on Windows reads the accents right. */
  readonly withBom?: boolean;
}

/** One CSV file of the register folder. */
export interface RegisterCsvFile {
  /** `<register id>.csv` */
  readonly name: string;
  readonly bytes: Uint8Array;
}

const field = (value: RegisterCellValue): string => {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One register as RFC 4180 text: comma-separated, CRLF line ends, quotes doubled, formulas neutralised. */
export const renderRegisterCsv = (register: Register): string =>
  [register.columns.map((column) => field(column.header)), ...register.rows.map((row) => row.map(field))]
    .map((cells) => `${cells.join(',')}\r\n`)
    .join('');

/**
 * Every register as its own UTF-8 CSV file (`assets.csv`, `risk-register.csv`, …), the same values as the
 * workbook. Text that a spreadsheet would run as a formula is written inert (see {@link neutraliseFormula}).
 */
export const writeRegistersCsv = (
  set: RegisterSet,
  options: RegistersCsvOptions = {},
): readonly RegisterCsvFile[] => {
  const encoder = new TextEncoder();
  return set.registers.map((register) => {
    const body = encoder.encode(renderRegisterCsv(register));
    if (options.withBom !== true) return { name: `${register.id}.csv`, bytes: body };
    const bytes = new Uint8Array(body.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    return { name: `${register.id}.csv`, bytes };
  });
};
