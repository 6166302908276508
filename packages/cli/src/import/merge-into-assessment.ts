import { resolveSystem, type SystemFileInput } from '@zonewise/core';
import {
  detectAssessmentFormat,
  loadAssessmentText,
  locateDiagnostics,
  saveAssessmentJson,
  updateAssessmentYaml,
} from '@zonewise/formats';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { printDiagnostics } from '../print-diagnostics';

/** What an importer's merge step returns: the new file and one line per change for the summary. */
export interface MergeResult {
  readonly file: SystemFileInput;
  /** Human summary lines: what was added, updated, skipped and why. */
  readonly summary: readonly string[];
  /** The same for machines: printed as one JSON document (with `into` and `written`) under `--format json`. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** How the merge reports: human lines (default) or one JSON document on stdout. */
export interface MergeOptions {
  readonly format?: 'text' | 'json';
}

/**
 * Merges imported fragments into an assessment file (`--into`): loads it, lets `merge` build the new file from the
 * parsed one, checks that the result still resolves, and only then rewrites the file atomically, keeping comments
 * and order where possible. When anything is wrong nothing is written (exit 2). With `format: 'json'` stdout
 * carries only the JSON summary of what was merged, so scripts can parse it.
 */
export const mergeIntoAssessment = (
  io: CliIo,
  path: string,
  merge: (file: SystemFileInput) => MergeResult,
  options: MergeOptions = {},
): number => {
  const text = io.readText(path);
  const loaded = loadAssessmentText(text, { fileName: path });
  if (!loaded.ok) {
    printDiagnostics(io, loaded.diagnostics);
    return EXIT.invalidInput;
  }
  const before = resolveSystem(loaded.file);
  if (!before.ok) {
    printDiagnostics(io, locateDiagnostics(before.diagnostics, loaded));
    io.stderr(`${path}: fix these problems before importing into it.\n`);
    return EXIT.invalidInput;
  }
  const result = merge(loaded.file as SystemFileInput);
  const after = resolveSystem(result.file);
  if (!after.ok) {
    printDiagnostics(io, after.diagnostics);
    io.stderr(`${path}: the import would make the file invalid; nothing was written.\n`);
    return EXIT.invalidInput;
  }
  const format = detectAssessmentFormat(path, text);
  if (format === 'json') {
    io.writeText(path, saveAssessmentJson(result.file));
  } else {
    const updated = updateAssessmentYaml(text, result.file, { fileName: path });
    if (!updated.ok) {
      printDiagnostics(io, updated.diagnostics);
      return EXIT.invalidInput;
    }
    io.writeText(path, updated.value);
  }
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ into: path, written: true, ...result.details }, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const line of result.summary) io.stdout(`${line}\n`);
  io.stdout(`updated ${path}\n`);
  return EXIT.ok;
};
