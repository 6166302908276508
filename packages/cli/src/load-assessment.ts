import { resolveSystem, type Diagnostic, type SystemModel } from '@zonewise/core';
import { loadAssessmentText, locateDiagnostics, type AssessmentSource } from '@zonewise/formats';
import type { CliIo } from './io';

/** A file that resolved into a model, with its warnings placed at line:column. */
export interface LoadedAssessment {
  readonly path: string;
  readonly text: string;
  readonly model: SystemModel;
  readonly warnings: readonly Diagnostic[];
  /** Maps diagnostic paths to line:column in this file. */
  readonly source: AssessmentSource;
}

export type LoadOutcome =
  | ({ readonly ok: true } & LoadedAssessment)
  | { readonly ok: false; readonly path: string; readonly diagnostics: readonly Diagnostic[] };

/** Reads, parses and resolves one assessment file; every diagnostic carries file, line and column. */
export const loadAssessment = (io: CliIo, path: string): LoadOutcome => {
  const text = io.readText(path);
  const loaded = loadAssessmentText(text, { fileName: path });
  if (!loaded.ok) return { ok: false, path, diagnostics: loaded.diagnostics };
  const resolved = resolveSystem(loaded.file);
  if (!resolved.ok) {
    return {
      ok: false,
      path,
      diagnostics: [...loaded.warnings, ...locateDiagnostics(resolved.diagnostics, loaded)],
    };
  }
  const warnings = [...loaded.warnings, ...locateDiagnostics(resolved.warnings, loaded)];
  return { ok: true, path, text, model: resolved.value, warnings, source: loaded };
};
