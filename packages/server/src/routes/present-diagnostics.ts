import type { Diagnostic } from '@zonewise/core';

/** A diagnostic as the API's JSON shows it (plain arrays, as the OpenAPI `Diagnostic` schema describes). */
export interface DiagnosticBody {
  code: string;
  severity: 'error' | 'warning';
  path: (string | number)[];
  message: string;
  line?: number;
  column?: number;
}

/** Copies engine diagnostics into the API's shape; `file` is dropped (it names the server's scratch file name). */
export const presentDiagnostics = (diagnostics: readonly Diagnostic[]): DiagnosticBody[] =>
  diagnostics.map((diagnostic) => ({
    code: diagnostic.code,
    severity: diagnostic.severity,
    path: [...diagnostic.path],
    message: diagnostic.message,
    ...(diagnostic.line === undefined ? {} : { line: diagnostic.line }),
    ...(diagnostic.column === undefined ? {} : { column: diagnostic.column }),
  }));
