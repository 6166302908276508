import type { Diagnostic } from '@zonewise/core';
import { formatDiagnostic } from '@zonewise/formats';
import type { CliIo } from './io';

/** Prints diagnostics compiler-style, errors first, then a one-line count. */
export const printDiagnostics = (io: CliIo, diagnostics: readonly Diagnostic[]): void => {
  const ordered = [...diagnostics].sort((a, b) =>
    a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === 'error' ? -1 : 1,
  );
  for (const diagnostic of ordered) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length > 0) {
    io.stderr(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  }
};
