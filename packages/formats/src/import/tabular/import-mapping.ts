import { closestMatch, error, warning, type Diagnostic } from '@zonewise/core';
import { loadAssessmentText } from '../../project-file/load-assessment-text';
import { locateDiagnostics, type AssessmentSource } from '../../project-file/locate-diagnostics';

type Path = readonly (string | number)[];
type Loose = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Typed reads from a parsed `--map` file that collect a diagnostic (code `mapping-invalid-value`, or the warning
 * `mapping-unknown-key` with a did-you-mean hint) instead of failing, so one run reports every mistake.
 */
export interface MappingReader {
  readonly data: Loose;
  /** The mapping file, to place diagnostics found later (e.g. a mapped column the table lacks). */
  readonly source: AssessmentSource;
  /** A text value (numbers are accepted as their text). */
  readonly text: (path: Path, value: unknown) => string | undefined;
  /** One text or a list of texts (alternatives, first match wins). */
  readonly textList: (path: Path, value: unknown) => readonly string[] | undefined;
  readonly integer: (path: Path, value: unknown, low: number, high: number) => number | undefined;
  readonly record: (path: Path, value: unknown) => Loose | undefined;
  readonly oneOf: <T extends string>(path: Path, value: unknown, allowed: readonly T[]) => T | undefined;
  /** Warns about keys of `value` that are not in `allowed`. */
  readonly knownKeys: (path: Path, value: Loose, allowed: readonly string[]) => void;
  /** Adds a diagnostic (e.g. an importer-specific check); it is placed in the file like the others. */
  readonly report: (diagnostic: Diagnostic) => void;
  /** Every diagnostic so far, with file, line and column. */
  readonly diagnostics: () => readonly Diagnostic[];
}

/** The result of {@link loadImportMapping}: a reader over the parsed file, or the syntax errors. */
export type LoadedMapping =
  | { readonly ok: true; readonly reader: MappingReader }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses a column-mapping file (YAML or JSON, by extension or content) for the table importers and returns a
 * reader whose diagnostics carry the mapping file's line and column.
 */
export const loadImportMapping = (text: string, fileName: string): LoadedMapping => {
  const loaded = loadAssessmentText(text, { fileName });
  if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  const found: Diagnostic[] = [...loaded.warnings];
  const invalid = (path: Path, message: string): undefined => {
    found.push(error('mapping-invalid-value', path, message));
    return undefined;
  };
  const data = loaded.file === null || loaded.file === undefined ? {} : loaded.file;
  if (!isRecord(data)) {
    found.push(
      error(
        'mapping-invalid-value',
        [],
        'A mapping file is a mapping (key: value), e.g. "columns: { name: Device Name }".',
      ),
    );
  }
  const readText = (path: Path, value: unknown): string | undefined => {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
    return invalid(path, 'Write a text value here.');
  };
  const reader: MappingReader = {
    data: isRecord(data) ? data : {},
    source: loaded,
    text: readText,
    textList: (path, value) => {
      if (!Array.isArray(value)) {
        const single = readText(path, value);
        return single === undefined ? undefined : [single];
      }
      const list = value.flatMap((entry: unknown, index) => {
        const item = readText([...path, index], entry);
        return item === undefined ? [] : [item];
      });
      return list.length > 0 ? list : invalid(path, 'Give at least one column name.');
    },
    integer: (path, value, low, high) => {
      const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof number === 'number' && Number.isInteger(number) && number >= low && number <= high)
        return number;
      return invalid(path, `Write a whole number from ${low} to ${high}.`);
    },
    record: (path, value) =>
      isRecord(value)
        ? value
        : invalid(path, 'Write a mapping here (key: value on separate lines, or { … }).'),
    oneOf: <T extends string>(path: Path, value: unknown, allowed: readonly T[]): T | undefined =>
      typeof value === 'string' && (allowed as readonly string[]).includes(value)
        ? (value as T)
        : invalid(path, `Write one of ${allowed.join(', ')}.`),
    knownKeys: (path, value, allowed) => {
      for (const key of Object.keys(value)) {
        if (allowed.includes(key)) continue;
        const hint = closestMatch(key, allowed);
        found.push(
          warning(
            'mapping-unknown-key',
            [...path, key],
            `"${key}" is not a mapping setting and is ignored${hint ? `: did you mean "${hint}"?` : `; the settings here are ${allowed.join(', ')}.`}`,
          ),
        );
      }
    },
    report: (diagnostic) => {
      found.push(diagnostic);
    },
    diagnostics: () => locateDiagnostics(found, loaded),
  };
  return { ok: true, reader };
};

/** The `delimiter` setting of a mapping: one character, or tab, comma, semicolon or pipe by name. */
export const readDelimiter = (reader: MappingReader, value: unknown): string | undefined => {
  const text = typeof value === 'string' ? value : undefined;
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const delimiter = text === undefined ? undefined : (named[text.toLowerCase()] ?? text);
  if (delimiter !== undefined && delimiter.length === 1) return delimiter;
  reader.report(
    error('mapping-invalid-value', ['delimiter'], 'Write one character, or tab, comma, semicolon or pipe.'),
  );
  return undefined;
};
