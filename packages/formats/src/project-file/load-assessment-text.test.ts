import { describe, expect, it } from 'vitest';
import { detectAssessmentFormat, loadAssessmentText, type LoadResult } from './load-assessment-text';

const problems = (result: LoadResult) =>
  result.ok
    ? []
    : result.diagnostics.map(({ code, severity, path, line, column, file }) => ({
        code,
        severity,
        path,
        line,
        column,
        file,
      }));

describe('detectAssessmentFormat', () => {
  it.each([
    ['assessment.yaml', '{}', 'yaml'],
    ['assessment.YML', '{}', 'yaml'],
    ['assessment.json', 'formatVersion: 1', 'json'],
    ['stdin', '  {\n"formatVersion": 1}', 'json'],
    ['stdin', '\uFEFF[1]', 'json'],
    ['stdin', 'formatVersion: 1', 'yaml'],
    ['assessment.txt', '# comment\nformatVersion: 1', 'yaml'],
  ] as const)('reads %s with text %j as %s', (fileName, text, format) => {
    expect(detectAssessmentFormat(fileName, text)).toBe(format);
  });
});

describe('loadAssessmentText', () => {
  it('returns the parsed data of a YAML text', () => {
    const result = loadAssessmentText(
      'formatVersion: 1\nsystem:\n  name: Line 4\nzones: [{ id: a, name: A }]\n',
      {
        fileName: 'a.yaml',
      },
    );
    expect(result).toMatchObject({ ok: true, format: 'yaml', fileName: 'a.yaml', warnings: [] });
    expect(result.ok && result.file).toEqual({
      formatVersion: 1,
      system: { name: 'Line 4' },
      zones: [{ id: 'a', name: 'A' }],
    });
  });

  it('returns the parsed data of a JSON text and honours an explicit format', () => {
    const result = loadAssessmentText('{ "formatVersion": 1, "system": { "name": "x" } }', {
      fileName: 'stdin',
      format: 'json',
    });
    expect(result).toMatchObject({
      ok: true,
      format: 'json',
      file: { formatVersion: 1, system: { name: 'x' } },
    });
  });

  it('keeps ISO dates and version numbers in quotes as strings (YAML 1.2 core schema)', () => {
    const result = loadAssessmentText('date: 2026-11-20\nversion: "1.0"\nflag: yes\n', {
      fileName: 'a.yaml',
    });
    expect(result.ok && result.file).toEqual({ date: '2026-11-20', version: '1.0', flag: 'yes' });
  });

  it('ignores a byte-order mark', () => {
    const yaml = loadAssessmentText('\uFEFFformatVersion: 1\n', { fileName: 'a.yaml' });
    const json = loadAssessmentText('\uFEFF{"formatVersion": 1}', { fileName: 'a.json' });
    expect(yaml.ok && yaml.file).toEqual({ formatVersion: 1 });
    expect(json.ok && json.file).toEqual({ formatVersion: 1 });
  });

  it('loads an empty YAML text as null, leaving the "must be a mapping" error to the schema check', () => {
    const result = loadAssessmentText('', { fileName: 'a.yaml' });
    expect(result).toMatchObject({ ok: true, file: null });
  });

  it.each([
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n', 2, 1],
    ['a misaligned mapping key', 'system:\n  name: x\n zones: []\n', 3, 1],
    ['an unclosed quote', 'a: 1\nb: "unterminated\n', 3, 1],
    ['a reserved character', 'a: 1\nkey: @foo\n', 2, 6],
    ['a tab as indentation', 'a:\n\t- b\n', 2, 1],
    ['two documents', 'a: 1\n---\nb: 2\n', 2, 1],
  ])('reports %s as invalid-yaml with its line and column', (_case, text, line, column) => {
    const [first] = problems(loadAssessmentText(text, { fileName: 'a.yaml' }));
    expect(first).toEqual({
      code: 'invalid-yaml',
      severity: 'error',
      path: [],
      line,
      column,
      file: 'a.yaml',
    });
  });

  it('reports an alias without an anchor as invalid-yaml at the alias', () => {
    expect(problems(loadAssessmentText('a: 1\nb: *nope\n', { fileName: 'a.yaml' }))).toEqual([
      { code: 'invalid-yaml', severity: 'error', path: [], line: 2, column: 4, file: 'a.yaml' },
    ]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(', ')}]`);
    }
    expect(
      problems(loadAssessmentText(levels.join('\n'), { fileName: 'a.yaml' })).map((p) => p.code),
    ).toEqual(['invalid-yaml']);
  });

  it('reports a repeated YAML key as duplicate-key with the path and position of the repeat', () => {
    const text = 'formatVersion: 1\nzones:\n  - id: a\n    name: A\n    name: B\n';
    expect(problems(loadAssessmentText(text, { fileName: 'a.yaml' }))).toEqual([
      {
        code: 'duplicate-key',
        severity: 'error',
        path: ['zones', 0, 'name'],
        line: 5,
        column: 5,
        file: 'a.yaml',
      },
    ]);
  });

  it('reports a repeated JSON key as duplicate-key although JSON.parse would accept it', () => {
    const text = '{\n  "formatVersion": 1,\n  "system": { "name": "a", "name": "b" }\n}\n';
    expect(problems(loadAssessmentText(text, { fileName: 'a.json' }))).toEqual([
      {
        code: 'duplicate-key',
        severity: 'error',
        path: ['system', 'name'],
        line: 3,
        column: 28,
        file: 'a.json',
      },
    ]);
  });

  it('passes on YAML warnings such as an unknown tag', () => {
    const result = loadAssessmentText('a: !custom x\n', { fileName: 'a.yaml' });
    expect(result.ok && result.warnings.map(({ code, line, column }) => ({ code, line, column }))).toEqual([
      { code: 'yaml-warning', line: 1, column: 4 },
    ]);
  });

  it.each([
    ['a missing value', '{\n  "a": }', 2, 8],
    ['a trailing comma in an object', '{\n  "a": 1,\n}', 3, 1],
    ['a trailing comma in an array', '[1, 2,\n]', 2, 1],
    ['a missing colon', '{"a" 1}', 1, 6],
    ['a single-quoted key', "{'a': 1}", 1, 2],
    ['a misspelled literal', '{\n  "ok": tru\n}', 2, 9],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['an unclosed object', '{\n  "a": 1\n', 3, 1],
    ['an unclosed string', '{\n  "a": "x\n}', 2, 8],
    ['a raw line break in a string', '{"a": "x\ny"}', 1, 7],
    ['a raw tab in a string', '{"a": "x\ty"}', 1, 9],
    ['a bad escape', '{"a": "\\x"}', 1, 8],
    ['a short unicode escape', '{"a": "\\u12"}', 1, 8],
    ['a number with a leading plus', '[+1]', 1, 2],
    ['text after the document', '{}\n{}', 2, 1],
    ['an empty text', '', 1, 1],
    ['a comment', '{\n  // note\n  "a": 1\n}', 2, 3],
  ])('reports %s as invalid-json with its line and column', (_case, text, line, column) => {
    expect(problems(loadAssessmentText(text, { fileName: 'a.json' }))).toEqual([
      { code: 'invalid-json', severity: 'error', path: [], line, column, file: 'a.json' },
    ]);
  });

  it('accepts every JSON construct, including escapes, exponents and nesting', () => {
    const text =
      '{"s": "a\\"b\\\\c\\/\\u00e9\\n", "n": [-0, 1.5e3, 2E-2, 0.25], "l": [true, false, null, {}, []]}';
    const result = loadAssessmentText(text, { fileName: 'a.json' });
    expect(result.ok && result.file).toEqual(JSON.parse(text));
  });
});
