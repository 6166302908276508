import type { Diagnostic } from '@zonewise/core';

/** A text encoding the CSV reader recognises. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** One cell and where it starts, so that every problem with its value can name the place. */
export interface TableCell {
  readonly text: string;
  /** 1-based text line (CSV) or sheet row (XLSX) where the cell starts. */
  readonly line: number;
  /** 1-based character column (CSV) or sheet column number (XLSX). */
  readonly column: number;
}

/** One record of the table. */
export interface TableRow {
  /** The number a user finds the row by: the text line where the record starts (CSV) or the sheet row (XLSX). */
  readonly row: number;
  readonly cells: readonly TableCell[];
}

/**
 * The common shape of a CSV file and a worksheet: a header row and the data rows below it, blank rows left out.
 * Importers read columns by header name, so the two sources are interchangeable.
 */
export interface Table {
  readonly format: 'csv' | 'xlsx';
  /** Shown in diagnostics. */
  readonly fileName: string;
  /** The header row; its trimmed texts are {@link Table.columns}. */
  readonly header: TableRow;
  /** Header names, trimmed, one per column (an empty string for a column without a name). */
  readonly columns: readonly string[];
  /** Data rows after the header, in file order. */
  readonly rows: readonly TableRow[];
  /** CSV only: the detected (or given) encoding and delimiter. */
  readonly encoding?: TextEncodingName;
  readonly delimiter?: string;
  /** XLSX only: the worksheet that was read. */
  readonly sheet?: string;
}

/**
 * What a table reader returns. `table` is present whenever rows could be read, even next to an error (an
 * unterminated quote keeps the rows before it); callers treat any error diagnostic as "do not import".
 */
export interface TableReadResult {
  readonly table?: Table;
  readonly diagnostics: readonly Diagnostic[];
}

/** Options shared by the table readers. */
export interface TableReadOptions {
  /** Shown in diagnostics. */
  readonly fileName: string;
  /** CSV: the delimiter to use instead of detecting one. */
  readonly delimiter?: string;
  /** XLSX: the worksheet name (case-insensitive) or 1-based number; the first sheet by default. */
  readonly sheet?: string;
  /**
   * Recognises header names the importer knows (e.g. "IP Address"); the row among the first few with the most
   * recognised names is the header, which skips title lines above it. Without it the first row is the header.
   */
  readonly isKnownHeader?: (name: string) => boolean;
}

/** The text of the cell in `column` (0-based), or '' when the row is short. */
export const cellText = (row: TableRow, column: number): string => row.cells[column]?.text ?? '';
