import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text';

const utf16 = (text: string, isLittleEndian: boolean, withBom: boolean): Uint8Array => {
  const units = [...(withBom ? [0xfeff] : []), ...Array.from(text, (character) => character.charCodeAt(0))];
  return new Uint8Array(
    units.flatMap((unit) => (isLittleEndian ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff])),
  );
};

describe('decodeText', () => {
  it('reads UTF-8 without a BOM, including characters outside the BMP', () => {
    const decoded = decodeText(new TextEncoder().encode('Pumpe Süd;€;😀'), 'a.csv');
    expect(decoded).toMatchObject({ text: 'Pumpe Süd;€;😀', encoding: 'utf-8', hasBom: false });
    expect(decoded.diagnostics).toEqual([]);
  });

  it('removes a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Name;IP')]);
    expect(decodeText(bytes, 'a.csv')).toMatchObject({ text: 'Name;IP', encoding: 'utf-8', hasBom: true });
  });

  it.each([
    [true, true],
    [false, true],
    [true, false],
    [false, false],
  ])('reads UTF-16 (little endian %s, BOM %s)', (isLittleEndian, withBom) => {
    const decoded = decodeText(utf16('Name\tIP\r\nPLC-Ä\t10.0.0.1', isLittleEndian, withBom), 'a.txt');
    expect(decoded.text).toBe('Name\tIP\r\nPLC-Ä\t10.0.0.1');
    expect(decoded.encoding).toBe(isLittleEndian ? 'utf-16le' : 'utf-16be');
    expect(decoded.hasBom).toBe(withBom);
  });

  it('warns when UTF-16 has an odd byte count', () => {
    const bytes = new Uint8Array([...utf16('ab', true, true), 0x41]);
    const decoded = decodeText(bytes, 'a.csv');
    expect(decoded.text).toBe('ab');
    expect(decoded.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['text-odd-utf16-length']);
  });

  it('falls back to Windows-1252 and names the first byte that is not UTF-8', () => {
    // "Zürich" and "€5" in Windows-1252: 0xFC and 0x80 are not valid UTF-8 on their own.
    const bytes = new Uint8Array([0x4e, 0x0a, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x3b, 0x80, 0x35]);
    const decoded = decodeText(bytes, 'a.csv');
    expect(decoded.text).toBe('N\nZürich;€5');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.diagnostics).toEqual([
      expect.objectContaining({
        code: 'text-decoded-as-windows-1252',
        severity: 'warning',
        line: 2,
        column: 2,
      }),
    ]);
  });

  it.each([
    ['overlong slash', [0xc0, 0xaf]],
    ['encoded surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['truncated sequence', [0x41, 0xe2, 0x82]],
  ])('rejects %s as UTF-8', (_name, bytes) => {
    expect(decodeText(new Uint8Array(bytes), 'a.csv').encoding).toBe('windows-1252');
  });
});
