/** How serious a diagnostic is: errors stop the model from resolving, warnings do not. */
export type DiagnosticSeverity = 'error' | 'warning';

/**
 * A problem in the input, as a value. `code` is stable and kebab-case (tests assert it); `path` points into the
 * file (`conduits[3].zones[1]`); `message` names the thing, the place and the fix.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  /** Path segments into the input, e.g. ['conduits', 3, 'zones', 1]. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 1-based line and column in the source text, filled in by `formats` when the text is known. */
  readonly line?: number;
  readonly column?: number;
  readonly file?: string;
}

/** Either a value (with warnings) or the full list of diagnostics that prevented it. */
export type Resolved<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Formats a path as `conduits[3].zones[1]`. */
export const formatPath = (path: readonly (string | number)[]): string =>
  path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text === '' ? segment : `${text}.${segment}`,
    '',
  );

/** Builds an error diagnostic. */
export const error = (code: string, path: readonly (string | number)[], message: string): Diagnostic => ({
  code,
  severity: 'error',
  path,
  message,
});

/** Builds a warning diagnostic. */
export const warning = (code: string, path: readonly (string | number)[], message: string): Diagnostic => ({
  code,
  severity: 'warning',
  path,
  message,
});
