import type { Diagnostic, DiagnosticSeverity } from '@zonewise/core';

/**
 * Stable codes for problems found while reading a CSV or XLSX table. Errors mean the table cannot be trusted (an
 * unterminated quote swallows the rest of the file; an unreadable workbook has no rows); warnings note rows or
 * bytes that were read in a way the user should check.
 */
export const TABULAR_DIAGNOSTIC_CODES = [
  'table-empty',
  'table-binary-content',
  'table-duplicate-column',
  'text-decoded-as-windows-1252',
  'text-odd-utf16-length',
  'csv-unterminated-quote',
  'csv-quote-in-field',
  'csv-text-after-quote',
  'csv-ragged-row',
  'xlsx-unreadable',
  'xlsx-legacy-xls',
  'xlsx-sheet-not-found',
] as const;

/** One of {@link TABULAR_DIAGNOSTIC_CODES}. */
export type TabularDiagnosticCode = (typeof TABULAR_DIAGNOSTIC_CODES)[number];

/**
 * Builds a table diagnostic at a place in the file: `line` is the text line (CSV) or the sheet row (XLSX),
 * `column` the character column (CSV) or the sheet column number (XLSX), both 1-based.
 */
export const tabularDiagnostic = (
  code: TabularDiagnosticCode,
  severity: DiagnosticSeverity,
  file: string,
  place: { readonly line: number; readonly column: number } | undefined,
  message: string,
): Diagnostic => ({
  code,
  severity,
  path: [],
  message,
  file,
  ...(place === undefined ? {} : { line: place.line, column: place.column }),
});
