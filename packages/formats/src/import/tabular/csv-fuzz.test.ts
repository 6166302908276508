import type { Diagnostic } from '@zonewise/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text';
import { parseCsv } from './parse-csv';
import { readCsvTable } from './read-csv-table';
import { TABULAR_DIAGNOSTIC_CODES } from './tabular-diagnostic';

/**
 * Random and mutated inputs, thousands of cases with fixed seeds: the CSV reader must always return (never throw,
 * never loop), with known diagnostic codes at real places, and must read back exactly what a correct writer wrote.
 */

const codes = new Set<string>(TABULAR_DIAGNOSTIC_CODES);
const encoder = new TextEncoder();

const SEED_CSV = [
  '\uFEFFAsset Name;IP Address;MAC Address;Vendor;Model;Firmware Version;Asset Type;Site',
  'PLC-FILL-01;10.10.20.11;00:1D:9C:C8:12:01;Rockwell Automation;1756-L83E ControlLogix 5580;33.011;PLC;Line 1',
  '"HMI ""Packer""";10.10.20.21;00:0C:29:3A:11:02;Siemens;"TP1500 Comfort; 15"" panel";V17;HMI;Line 1',
  'EWS-01;10.10.30.5;;Dell;"Precision 3660',
  'engineering laptop";Win10 22H2;Engineering Workstation;Control room',
  'Zürich-SW;10.10.0.2;00-1B-1B-AA-BB-CC;Siemens;SCALANCE XC208;V4.4;Switch;',
].join('\r\n');

const CSV_UNITS = [
  'a',
  'b',
  'Z',
  '1',
  ' ',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '""',
  '\r',
  '\n',
  '\r\n',
  'é',
  '€',
  '😀',
  '\uFEFF',
];
const csvText = fc.array(fc.constantFrom(...CSV_UNITS), { maxLength: 400 }).map((parts) => parts.join(''));

const lineCount = (text: string): number => (text.match(/\r\n|\r|\n/g) ?? []).length + 1;

/** The first thing wrong with the diagnostics, or undefined; plain checks keep thousands of runs fast. */
const diagnosticProblem = (diagnostics: readonly Diagnostic[], maxLine: number): string | undefined => {
  for (const diagnostic of diagnostics) {
    if (!codes.has(diagnostic.code)) return `unknown code ${diagnostic.code}`;
    if (diagnostic.file !== 'fuzz.csv' || diagnostic.message === '')
      return `bad diagnostic ${diagnostic.code}`;
    if (diagnostic.line === undefined) continue;
    if (diagnostic.line < 1 || diagnostic.line > maxLine)
      return `line ${diagnostic.line} outside 1…${maxLine}`;
    if ((diagnostic.column ?? 0) < 1) return `column ${diagnostic.column} below 1`;
  }
  return undefined;
};

const tableProblem = (bytes: Uint8Array): string | undefined => {
  const result = readCsvTable(bytes, { fileName: 'fuzz.csv' });
  const problem = diagnosticProblem(result.diagnostics, bytes.length + 2);
  if (problem !== undefined) return problem;
  if (result.table === undefined) {
    return result.diagnostics.some((diagnostic) => diagnostic.severity === 'error')
      ? undefined
      : 'no table, no error';
  }
  let previous = result.table.header.row;
  for (const row of result.table.rows) {
    if (row.row <= previous) return `row ${row.row} after ${previous}`;
    previous = row.row;
    if (row.cells.some((cell) => cell.line < row.row || cell.column < 1))
      return `bad cell place in row ${row.row}`;
  }
  return undefined;
};

const readChecked = (bytes: Uint8Array): void => {
  const problem = tableProblem(bytes);
  if (problem !== undefined) expect.fail(problem);
};

const needsQuotes = (cell: string, delimiter: string): boolean =>
  cell === '' || cell.includes(delimiter) || /["\r\n]/.test(cell);

const writeCsv = (records: readonly (readonly string[])[], delimiter: string, newline: string): string =>
  records
    .map((record) =>
      record
        .map((cell) => (needsQuotes(cell, delimiter) ? `"${cell.replaceAll('"', '""')}"` : cell))
        .join(delimiter),
    )
    .join(newline);

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'flip'; at: number; byte: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...CSV_UNITS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 80 }),
  }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

const MAX_MUTATED_BYTES = 20_000;

const splice = (bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array => {
  const kept = Math.min(remove, bytes.length - at);
  const out = new Uint8Array(Math.min(MAX_MUTATED_BYTES, bytes.length - kept + insert.length));
  out.set(bytes.subarray(0, Math.min(at, out.length)));
  out.set(insert.subarray(0, Math.max(0, out.length - at)), at);
  const rest = bytes.subarray(at + kept);
  const restAt = at + insert.length;
  if (restAt < out.length) out.set(rest.subarray(0, out.length - restAt), restAt);
  return out;
};

const mutate = (bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array => {
  let current = bytes;
  for (const change of mutations) {
    const at = change.at % (current.length + 1);
    switch (change.kind) {
      case 'insert':
        current = splice(current, at, 0, encoder.encode(change.text));
        break;
      case 'delete':
        current = splice(current, at, change.length, new Uint8Array());
        break;
      case 'duplicate':
        current = splice(current, at, 0, current.slice(at, at + change.length));
        break;
      case 'flip':
        if (at < current.length) {
          current = current.slice();
          current[at] = change.byte;
        }
        break;
    }
  }
  return current;
};

describe('CSV reader fuzz', () => {
  it('returns a table or an error for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1_500 }), (bytes) => readChecked(bytes)),
      { seed: 20240501, numRuns: 3_000 },
    );
  });

  it('returns a table or an error for random CSV-like text in every encoding', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom'), (text, encoding) => {
        const body = encoder.encode(text);
        const bytes =
          encoding === 'utf-8'
            ? body
            : encoding === 'utf-8-bom'
              ? new Uint8Array([0xef, 0xbb, 0xbf, ...body])
              : new Uint8Array([
                  0xff,
                  0xfe,
                  ...Array.from(text, (_, index) => text.charCodeAt(index)).flatMap((unit) => [
                    unit & 0xff,
                    unit >> 8,
                  ]),
                ]);
        readChecked(bytes);
        const problem = diagnosticProblem(parseCsv(text, ';', 'fuzz.csv').diagnostics, lineCount(text));
        if (problem !== undefined) expect.fail(problem);
      }),
      { seed: 7, numRuns: 3_000 },
    );
  });

  it('survives thousands of mutations of a realistic export', () => {
    const seed = encoder.encode(SEED_CSV);
    readChecked(seed);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (mutations) =>
        readChecked(mutate(seed, mutations)),
      ),
      { seed: 1337, numRuns: 3_000 },
    );
  });

  it('reads back exactly what an RFC 4180 writer wrote', () => {
    const cell = fc
      .array(fc.constantFrom('a', 'B', '7', ' ', ',', ';', '"', '\n', 'ü', '\t'), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\r\n', '\n', '\r'),
        (records, delimiter, newline) => {
          const parsed = parseCsv(writeCsv(records, delimiter, newline), delimiter, 'fuzz.csv');
          expect(parsed.diagnostics).toEqual([]);
          expect(parsed.records.map((record) => record.cells.map((entry) => entry.text))).toEqual(records);
        },
      ),
      { seed: 99, numRuns: 2_000 },
    );
  });

  it('decodes any text it was given back to the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(decodeText(encoder.encode(text), 'fuzz.csv').text).toBe(text);
        expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(text)]), 'fuzz.csv').text).toBe(
          text,
        );
      }),
      { seed: 5, numRuns: 2_000 },
    );
  });

  it.each([
    ['quotes', '"'.repeat(2_000_000)],
    ['delimiters', ','.repeat(1_000_000)],
    ['carriage returns', '\r'.repeat(1_000_000)],
    ['an unterminated quote', `a,b\n"${'x\n'.repeat(500_000)}`],
    ['stray quotes', 'a"b,'.repeat(300_000)],
  ])('stays linear on a megabyte of %s', (_name, text) => {
    const started = performance.now();
    const result = readCsvTable(encoder.encode(text), { fileName: 'fuzz.csv' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.diagnostics.length).toBeLessThanOrEqual(3 * 21 + 5);
  });
});
