import type { ConditionalFormattingRule, DataValidation, Worksheet } from 'exceljs';
import { contrastText } from '../../report/svg/svg-text';
import type { Register, RegisterColumn, RegisterHeat, RegisterSet } from './register';

/** Options of the workbook writer. */
export interface RegistersXlsxOptions {
  /** Stored as the workbook's created and modified time (ISO 8601); the epoch when absent, for stable output. */
  readonly generatedAt?: string;
}

const HEADER_FILL = 'FF263238';
const EDITABLE_FILL = 'FFE65100';
const STATUS_FILLS: Readonly<Record<string, string>> = {
  met: 'FFC8E6C9',
  compensated: 'FFDCEDC8',
  partial: 'FFFFE0B2',
  'not-met': 'FFFFCDD2',
  open: 'FFFFF3CD',
  'not-applicable': 'FFECEFF1',
};
const SCALE_COLORS = ['FF63BE7B', 'FFFFEB84', 'FFF8696B'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The column letters of a 1-based column number (1 → A, 27 → AA). */
export const columnLetter = (column: number): string => {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
};

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;

const quoted = (value: string): string => `"${value.replaceAll('"', '""')}"`;

const dateValue = (text: string): Date | undefined => {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(text) ? date : undefined;
};

const heatRules = (heat: RegisterHeat, set: RegisterSet): ConditionalFormattingRule[] => {
  switch (heat.kind) {
    case 'band':
      return set.bands.map((band, index) => ({
        type: 'cellIs',
        operator: 'equal',
        formulae: [quoted(band.label)],
        priority: index + 1,
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(band.color) } },
          font: { color: { argb: argb(contrastText(band.color)) }, bold: true },
        },
      }));
    case 'status':
      return Object.entries(STATUS_FILLS).map(([status, fill], index) => ({
        type: 'cellIs',
        operator: 'equal',
        formulae: [quoted(status)],
        priority: index + 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: fill } } },
      }));
    case 'scale': {
      const isReversed = heat.min > heat.max;
      const colors = isReversed ? [...SCALE_COLORS].reverse() : [...SCALE_COLORS];
      const low = Math.min(heat.min, heat.max);
      const high = Math.max(heat.min, heat.max);
      return [
        {
          type: 'colorScale',
          priority: 1,
          cfvo: [
            { type: 'num', value: low },
            { type: 'num', value: (low + high) / 2 },
            { type: 'num', value: high },
          ],
          color: colors.map((color) => ({ argb: color })),
        },
      ];
    }
  }
};

/** exceljs has range validations (`dataValidations.add('B2:B9', …)`) but its type declarations omit them. */
type ValidatedWorksheet = Worksheet & {
  readonly dataValidations: { add: (range: string, validation: DataValidation) => void };
};

const addSheet = (worksheet: ValidatedWorksheet, register: Register, set: RegisterSet): void => {
  const { columns, rows } = register;
  worksheet.columns = columns.map((column) => ({ width: column.width }));
  const header = worksheet.addRow(columns.map((column) => column.header));
  header.height = 32;
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column.isEditable === true ? EDITABLE_FILL : HEADER_FILL },
    };
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (column.isEditable === true) {
      cell.note = 'Editable: read back by "zonewise import registers".';
    }
  });
  for (const values of rows) {
    const row = worksheet.addRow([]);
    values.forEach((value, index) => {
      if (value === undefined) return;
      const column: RegisterColumn | undefined = columns[index];
      const cell = row.getCell(index + 1);
      const date = column?.type === 'date' && typeof value === 'string' ? dateValue(value) : undefined;
      if (date !== undefined) {
        cell.value = date;
        cell.numFmt = 'yyyy-mm-dd';
      } else {
        // Text stays a string cell, never a formula, whatever it starts with.
        cell.value = value;
      }
      // Long text in the last column would spill to the right and widen the printed page.
      if (index === columns.length - 1 && typeof value === 'string') cell.alignment = { wrapText: true };
    });
  }
  const lastRow = Math.max(2, rows.length + 1);
  worksheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }];
  // Printed: landscape, as wide as the page, the header row repeated on every page.
  worksheet.pageSetup = {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    // Without a print area, long text overflowing the last column would widen the page and shrink the print.
    printArea: `A1:${columnLetter(Math.max(1, columns.length))}${lastRow}`,
  };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, columns.length) } };
  columns.forEach((column, index) => {
    const letter = columnLetter(index + 1);
    const range = `${letter}2:${letter}${lastRow}`;
    if (column.choices !== undefined && column.choices.length > 0) {
      worksheet.dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [quoted(column.choices.join(','))],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: column.header,
        error: `Choose one of: ${column.choices.join(', ')}`,
      });
    }
    if (column.heat !== undefined && rows.length > 0) {
      worksheet.addConditionalFormatting({ ref: range, rules: heatRules(column.heat, set) });
    }
  });
};

/**
 * Writes the registers as one .xlsx workbook: a sheet per register with a frozen header row, an auto filter, list
 * validation on status and flag columns, heat-map conditional formats on risk, level and status columns, editable
 * columns marked in orange, and an About sheet. Text is always written as a string cell, so a value such as
 * `=HYPERLINK(…)` stays inert. The whole workbook is built in memory (see docs/benchmarks.md for the sizes).
 */
export const writeRegistersXlsx = async (
  set: RegisterSet,
  options: RegistersXlsxOptions = {},
): Promise<Uint8Array> => {
  // Loaded on demand: the workbook library is large and only the register export and the table reader need it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const stamp = new Date(options.generatedAt ?? 0);
  workbook.creator = 'Zonewise';
  workbook.created = Number.isNaN(stamp.getTime()) ? new Date(0) : stamp;
  workbook.modified = workbook.created;
  for (const register of set.registers)
    addSheet(workbook.addWorksheet(register.title) as ValidatedWorksheet, register, set);
  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 18 }, { width: 100 }];
  for (const [label, value] of set.about) {
    const row = about.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
};
