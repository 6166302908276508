import { error, warning, type Diagnostic } from '@zonewise/core';
import { LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { findJsonSyntaxError } from './json-syntax-error';
import type { AssessmentSource } from './locate-diagnostics';
import { locateNode, pathAtOffset, type SourcePosition } from './locate-node';

/** The two spellings of the assessment file. */
export type AssessmentFormat = 'yaml' | 'json';

/** A text that parsed: the data (not yet checked against the schema) plus a map back into the text. */
export interface LoadedAssessment extends AssessmentSource {
  readonly ok: true;
  readonly format: AssessmentFormat;
  /** The parsed data as plain values; pass it to `parseSystemFile` or `resolveSystem` to check it. */
  readonly file: unknown;
  /** The YAML document (JSON is parsed as YAML too) with node ranges, for `lineOf` and in-place edits. */
  readonly document: Document.Parsed;
  /** Problems that did not stop parsing, e.g. an unknown YAML tag. */
  readonly warnings: readonly Diagnostic[];
}

/** A text that did not parse; every diagnostic carries `file`, `line` and `column`. */
export interface FailedLoad {
  readonly ok: false;
  readonly format: AssessmentFormat;
  readonly diagnostics: readonly Diagnostic[];
}

/** The result of `loadAssessmentText`. */
export type LoadResult = LoadedAssessment | FailedLoad;

/** Options of `loadAssessmentText`. */
export interface LoadOptions {
  /** Shown in diagnostics; its extension (.yaml, .yml, .json) picks the format unless `format` is given. */
  readonly fileName: string;
  readonly format?: AssessmentFormat;
}

type Path = readonly (string | number)[];

/**
 * Picks the format from the file name's extension (.json, .yaml, .yml) or, for any other name, from the text: a
 * document that starts with `{` or `[` is JSON, anything else YAML.
 */
export const detectAssessmentFormat = (fileName: string, text: string): AssessmentFormat => {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'yaml';
};

const located = (diagnostic: Diagnostic, file: string, position: SourcePosition | undefined): Diagnostic =>
  position ? { ...diagnostic, file, line: position.line, column: position.column } : { ...diagnostic, file };

const positionOfOffset = (text: string, offset: number): SourcePosition => {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
};

const firstLine = (message: string): string =>
  (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');

const yamlProblem = (problem: YAMLError, document: Document.Parsed, lineCounter: LineCounter): Diagnostic => {
  const [line, column] = problem.linePos
    ? [problem.linePos[0].line, problem.linePos[0].col]
    : [lineCounter.linePos(problem.pos[0]).line, lineCounter.linePos(problem.pos[0]).col];
  const position = { line, column };
  if (problem.code === 'DUPLICATE_KEY') {
    const path = pathAtOffset(document, problem.pos[0]);
    const key = path.at(-1);
    return {
      ...error(
        'duplicate-key',
        path,
        `Key ${JSON.stringify(String(key ?? ''))} appears more than once in the same mapping: keep one of them.`,
      ),
      ...position,
    };
  }
  const diagnostic =
    problem.name === 'YAMLWarning'
      ? warning('yaml-warning', [], `${firstLine(problem.message)}.`)
      : error('invalid-yaml', [], `Not valid YAML: ${firstLine(problem.message)}.`);
  return { ...diagnostic, ...position };
};

const unresolvedAliases = (document: Document.Parsed, lineCounter: LineCounter): Diagnostic[] => {
  const found: Diagnostic[] = [];
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) !== undefined) return;
      const { line, col } = lineCounter.linePos(alias.range?.[0] ?? 0);
      found.push({
        ...error(
          'invalid-yaml',
          [],
          `Not valid YAML: *${alias.source} refers to no anchor &${alias.source} above it.`,
        ),
        line,
        column: col,
      });
    },
  });
  return found;
};

const loaded = (
  format: AssessmentFormat,
  fileName: string,
  file: unknown,
  document: Document.Parsed,
  lineCounter: LineCounter,
  warnings: readonly Diagnostic[],
): LoadedAssessment => ({
  ok: true,
  format,
  fileName,
  file,
  document,
  warnings,
  lineOf: (path: Path) => locateNode(document, lineCounter, path),
});

const failed = (
  format: AssessmentFormat,
  fileName: string,
  diagnostics: readonly Diagnostic[],
): FailedLoad => ({
  ok: false,
  format,
  diagnostics: diagnostics.map((diagnostic) => ({ ...diagnostic, file: fileName })),
});

const loadYaml = (text: string, fileName: string): LoadResult => {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const errors = [
    ...document.errors.map((problem) => yamlProblem(problem, document, lineCounter)),
    ...unresolvedAliases(document, lineCounter),
  ];
  if (errors.length > 0) return failed('yaml', fileName, errors);
  const warnings = document.warnings.map((problem) => ({
    ...yamlProblem(problem, document, lineCounter),
    file: fileName,
  }));
  let file: unknown;
  try {
    file = document.toJS({ maxAliasCount: 100 });
  } catch (problem) {
    // Only alias expansion can throw here (too many aliases: the "billion laughs" guard).
    const message = problem instanceof Error ? problem.message : String(problem);
    return failed('yaml', fileName, [error('invalid-yaml', [], `Not valid YAML: ${firstLine(message)}.`)]);
  }
  return loaded('yaml', fileName, file, document, lineCounter, warnings);
};

const loadJson = (text: string, fileName: string): LoadResult => {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    const problem = findJsonSyntaxError(text) ?? { offset: 0, message: 'the text is not valid JSON' };
    const diagnostic = error('invalid-json', [], `Not valid JSON: ${problem.message}.`);
    return failed('json', fileName, [located(diagnostic, fileName, positionOfOffset(text, problem.offset))]);
  }
  // JSON is also YAML, so the YAML parser supplies node ranges for `lineOf` and finds the duplicate keys that
  // JSON.parse silently resolves to the last value. Parsing a large JSON text as YAML costs far more than JSON.parse,
  // so a linear scan looks for duplicate keys first and the YAML document is only built when something needs it.
  const parseAsYaml = () => {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
    return { lineCounter, document };
  };
  if (hasDuplicateJsonKey(text)) {
    const { lineCounter, document } = parseAsYaml();
    const duplicates = document.errors
      .filter((problem) => problem.code === 'DUPLICATE_KEY')
      .map((problem) => yamlProblem(problem, document, lineCounter));
    if (duplicates.length > 0) return failed('json', fileName, duplicates);
    return loaded('json', fileName, file, document, lineCounter, []);
  }
  let parsed: ReturnType<typeof parseAsYaml> | undefined;
  const lazily = () => (parsed ??= parseAsYaml());
  return {
    ok: true,
    format: 'json',
    fileName,
    file,
    get document() {
      return lazily().document;
    },
    warnings: [],
    lineOf: (path: Path) => locateNode(lazily().document, lazily().lineCounter, path),
  };
};

/**
 * Whether some JSON object repeats a key, in one pass over the text (the text is known to be valid JSON). Keys are
 * compared as decoded strings.
 */
export const hasDuplicateJsonKey = (text: string): boolean => {
  const stack: (Set<string> | undefined)[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 0x7b) stack.push(new Set());
    else if (char === 0x5b) stack.push(undefined);
    else if (char === 0x7d || char === 0x5d) stack.pop();
    else if (char === 0x22) {
      const start = index;
      let hasEscape = false;
      for (index += 1; index < text.length && text.charCodeAt(index) !== 0x22; index += 1) {
        if (text.charCodeAt(index) === 0x5c) {
          hasEscape = true;
          index += 1;
        }
      }
      let next = index + 1;
      while (next < text.length && /\s/.test(text[next] ?? '')) next += 1;
      const keys = stack[stack.length - 1];
      if (text[next] !== ':' || keys === undefined) continue;
      const raw = text.slice(start + 1, index);
      const key = hasEscape ? (JSON.parse(`"${raw}"`) as string) : raw;
      if (keys.has(key)) return true;
      keys.add(key);
    }
  }
  return false;
};

/**
 * Parses an assessment file's text (YAML or JSON) into plain data without checking it against the schema. Syntax
 * errors (`invalid-yaml`, `invalid-json`) and repeated keys (`duplicate-key`) come back as diagnostics with line
 * and column; a loaded text keeps its document so later diagnostics can be placed with `lineOf`.
 */
export const loadAssessmentText = (text: string, options: LoadOptions): LoadResult => {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const format = options.format ?? detectAssessmentFormat(options.fileName, source);
  return format === 'json' ? loadJson(source, options.fileName) : loadYaml(source, options.fileName);
};
