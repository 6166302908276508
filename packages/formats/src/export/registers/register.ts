/** The registers Zonewise exports, in sheet order; the id is also the CSV file name (`<id>.csv`). */
export const REGISTER_IDS = [
  'assets',
  'zones-conduits',
  'risk-register',
  'compliance-matrix',
  'countermeasures',
  'vulnerabilities',
] as const;

/** One of {@link REGISTER_IDS}. */
export type RegisterId = (typeof REGISTER_IDS)[number];

/** A cell value before it is written: text, a number, or nothing. Dates are ISO 8601 text in `date` columns. */
export type RegisterCellValue = string | number | undefined;

/**
 * How a column is coloured in the workbook: risk bands by their colour, likelihood/impact/SL/CVSS numbers on a
 * green-to-red scale, requirement statuses by meaning. Colour is never the only signal: the cell keeps its text.
 */
export type RegisterHeat =
  | { readonly kind: 'band' }
  | { readonly kind: 'scale'; readonly min: number; readonly max: number }
  | { readonly kind: 'status' };

/** One column of a register; its header is also what the importer matches on. */
export interface RegisterColumn {
  readonly header: string;
  /** Width in characters (spreadsheet column width). */
  readonly width: number;
  readonly type: 'text' | 'number' | 'date';
  /** The values a user may choose (a list validation in the workbook, checked again on import). */
  readonly choices?: readonly string[];
  /** Read back by `zonewise import registers`; other columns are for reading only. */
  readonly isEditable?: boolean;
  readonly heat?: RegisterHeat;
}

/** One register: a sheet in the workbook, a file in the CSV folder. Rows are in the engine's order. */
export interface Register {
  readonly id: RegisterId;
  /** Sheet name (at most 31 characters, Excel's limit). */
  readonly title: string;
  readonly columns: readonly RegisterColumn[];
  readonly rows: readonly (readonly RegisterCellValue[])[];
}

/** A risk band as the workbook colours it. */
export interface RegisterBand {
  readonly label: string;
  /** #rrggbb */
  readonly color: string;
}

/** Everything the register writers need: the registers plus what the workbook's "About" sheet shows. */
export interface RegisterSet {
  readonly registers: readonly Register[];
  /** Band labels lowest first, with their colours, for the heat maps. */
  readonly bands: readonly RegisterBand[];
  readonly about: readonly (readonly [string, string])[];
}
