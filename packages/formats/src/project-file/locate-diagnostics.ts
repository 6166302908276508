import type { Diagnostic } from '@zonewise/core';
import type { SourcePosition } from './locate-node';

/** A loaded source text that can say where a data path sits in it; `loadAssessmentText` returns one. */
export interface AssessmentSource {
  readonly fileName: string;
  /** The 1-based position of the node at `path`, or of its deepest existing ancestor. */
  readonly lineOf: (path: readonly (string | number)[]) => SourcePosition | undefined;
}

/**
 * Fills `file`, `line` and `column` on diagnostics from their `path`, so the CLI can print them compiler-style and
 * editors can jump to them. Positions a diagnostic already carries (syntax errors) are kept.
 */
export const locateDiagnostics = (
  diagnostics: readonly Diagnostic[],
  source: AssessmentSource,
): readonly Diagnostic[] =>
  diagnostics.map((diagnostic) => {
    const file = diagnostic.file ?? source.fileName;
    if (diagnostic.line !== undefined) return { ...diagnostic, file };
    const position = source.lineOf(diagnostic.path);
    return position
      ? { ...diagnostic, file, line: position.line, column: position.column }
      : { ...diagnostic, file };
  });
