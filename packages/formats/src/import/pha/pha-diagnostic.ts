import type { Diagnostic, DiagnosticSeverity } from '@zonewise/core';

/**
 * Stable codes of the PHA importer. `pha-missing-column` is an error (nothing can be imported); the others note a
 * row that was skipped, a value that was dropped, or a scenario that needs attention
 * (`pha-all-safeguards-hackable`: a cyber attack can defeat every safeguard against its consequence).
 */
export const PHA_DIAGNOSTIC_CODES = [
  'pha-missing-column',
  'pha-missing-scenario-id',
  'pha-duplicate-scenario-id',
  'pha-row-without-consequence',
  'pha-invalid-severity',
  'pha-severity-out-of-range',
  'pha-severity-category-assumed',
  'pha-invalid-hackable',
  'pha-hackable-count-mismatch',
  'pha-all-safeguards-hackable',
  'pha-defaults-applied',
] as const;

/** One of {@link PHA_DIAGNOSTIC_CODES}. */
export type PhaDiagnosticCode = (typeof PHA_DIAGNOSTIC_CODES)[number];

/** Builds a PHA diagnostic at a place in the worksheet (or for the whole file when `place` is undefined). */
export const phaDiagnostic = (
  code: PhaDiagnosticCode,
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
