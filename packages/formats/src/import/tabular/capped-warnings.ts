import type { Diagnostic } from '@zonewise/core';
import { tabularDiagnostic, type TabularDiagnosticCode } from './tabular-diagnostic';

/** How many warnings of one kind are listed one by one before the rest are counted in a single line. */
export const WARNINGS_PER_CODE = 20;

/** Collects warnings of one code up to a limit, then counts the rest so a broken file cannot flood the output. */
export const cappedWarnings = (fileName: string) => {
  const counts = new Map<TabularDiagnosticCode, number>();
  const diagnostics: Diagnostic[] = [];
  return {
    diagnostics,
    add: (code: TabularDiagnosticCode, place: { line: number; column: number }, message: string): void => {
      const count = (counts.get(code) ?? 0) + 1;
      counts.set(code, count);
      if (count <= WARNINGS_PER_CODE) {
        diagnostics.push(tabularDiagnostic(code, 'warning', fileName, place, message));
      }
    },
    /** Appends one summary warning per code that went over the limit. */
    finish: (): Diagnostic[] => {
      const summaries = [...counts]
        .filter(([, count]) => count > WARNINGS_PER_CODE)
        .map(([code, count]) =>
          tabularDiagnostic(
            code,
            'warning',
            fileName,
            undefined,
            `${count - WARNINGS_PER_CODE} more ${code} warnings were not listed.`,
          ),
        );
      return [...diagnostics, ...summaries];
    },
  };
};
