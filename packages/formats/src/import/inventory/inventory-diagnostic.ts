import type { Diagnostic, DiagnosticSeverity } from '@zonewise/core';

/**
 * Stable codes of the inventory importer. Only `inventory-missing-column` is an error (nothing can be imported);
 * the others note a value that was dropped or a row that was skipped, with the row's place in the sheet.
 */
export const INVENTORY_DIAGNOSTIC_CODES = [
  'inventory-missing-column',
  'inventory-row-without-identity',
  'inventory-duplicate-key',
  'inventory-ambiguous-match',
  'inventory-invalid-ip',
  'inventory-invalid-mac',
  'inventory-invalid-purdue-level',
  'inventory-unknown-kind',
  'inventory-kind-differs',
  'inventory-unknown-zone',
  'inventory-zone-conflict',
] as const;

/** One of {@link INVENTORY_DIAGNOSTIC_CODES}. */
export type InventoryDiagnosticCode = (typeof INVENTORY_DIAGNOSTIC_CODES)[number];

/** Builds an inventory diagnostic at a row (and cell) of the sheet. */
export const inventoryDiagnostic = (
  code: InventoryDiagnosticCode,
  severity: DiagnosticSeverity,
  file: string,
  place: { readonly line: number; readonly column: number },
  message: string,
): Diagnostic => ({ code, severity, path: [], message, file, line: place.line, column: place.column });
