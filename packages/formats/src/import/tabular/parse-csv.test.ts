import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';

const texts = (text: string, delimiter = ',') =>
  parseCsv(text, delimiter, 't.csv').records.map((record) => record.cells.map((cell) => cell.text));

describe('parseCsv', () => {
  it('splits records on CRLF, LF and lone CR alike', () => {
    expect(texts('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted cells with delimiters, doubled quotes and embedded line breaks', () => {
    const result = parseCsv('name,notes\r\n"PLC, main","say ""hi""\r\nand bye"\r\nx,y\r\n', ',', 't.csv');
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((record) => record.cells.map((cell) => cell.text))).toEqual([
      ['name', 'notes'],
      ['PLC, main', 'say "hi"\nand bye'],
      ['x', 'y'],
    ]);
    // The record after the two-line cell starts on line 4.
    expect(result.records[2]?.row).toBe(4);
  });

  it('gives every cell its line and column', () => {
    const result = parseCsv('a;bb;ccc\n;"d";e', ';', 't.csv');
    expect(result.records[1]?.cells.map(({ line, column }) => [line, column])).toEqual([
      [2, 1],
      [2, 2],
      [2, 6],
    ]);
  });

  it('keeps a trailing empty cell and adds no record for the final line break', () => {
    expect(texts('a,b,\n')).toEqual([['a', 'b', '']]);
    expect(texts('')).toEqual([]);
  });

  it('reports an unterminated quote as an error where the quote opens', () => {
    const result = parseCsv('a,b\n1,"open\n2,3\n', ',', 't.csv');
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'csv-unterminated-quote', severity: 'error', line: 2, column: 3 }),
    ]);
    expect(result.records).toHaveLength(2);
  });

  it('keeps stray quotes and text after a closing quote, with warnings', () => {
    const result = parseCsv('12" rack,"a"b\n', ',', 't.csv');
    expect(result.records[0]?.cells.map((cell) => cell.text)).toEqual(['12" rack', 'ab']);
    expect(result.diagnostics.map(({ code, line, column }) => [code, line, column])).toEqual([
      ['csv-quote-in-field', 1, 3],
      ['csv-text-after-quote', 1, 13],
    ]);
  });

  it('lists the first warnings of a kind and counts the rest', () => {
    const text = Array.from({ length: 30 }, () => 'a"b').join('\n');
    const warnings = parseCsv(text, ',', 't.csv').diagnostics;
    expect(warnings).toHaveLength(21);
    expect(warnings.at(-1)?.line).toBeUndefined();
  });
});
