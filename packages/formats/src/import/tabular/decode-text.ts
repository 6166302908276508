import type { Diagnostic } from '@zonewise/core';
import type { TextEncodingName } from './table';
import { tabularDiagnostic } from './tabular-diagnostic';

/** A decoded text and how it was decoded. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  /** Whether the bytes started with a byte-order mark (removed from `text`). */
  readonly hasBom: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; the five undefined bytes keep their Latin-1 (C1) value.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

const CHUNK = 8192;

/** Turns UTF-16 code units into a string in chunks (a spread of millions of arguments would overflow the stack). */
const codeUnitsToString = (units: Uint16Array, length: number): string => {
  let text = '';
  for (let start = 0; start < length; start += CHUNK) {
    text += String.fromCharCode(...units.subarray(start, Math.min(length, start + CHUNK)));
  }
  return text;
};

/** Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF); the offset of the first bad byte. */
const decodeUtf8 = (
  bytes: Uint8Array,
  start: number,
): { ok: true; text: string } | { ok: false; offset: number } => {
  const units = new Uint16Array(bytes.length);
  let length = 0;
  let index = start;
  while (index < bytes.length) {
    const first = bytes[index] ?? 0;
    if (first < 0x80) {
      units[length++] = first;
      index += 1;
      continue;
    }
    let needed: number;
    let low = 0x80;
    let high = 0xbf;
    let codePoint: number;
    if (first >= 0xc2 && first <= 0xdf) {
      needed = 1;
      codePoint = first & 0x1f;
    } else if (first >= 0xe0 && first <= 0xef) {
      needed = 2;
      codePoint = first & 0x0f;
      if (first === 0xe0) low = 0xa0;
      if (first === 0xed) high = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      needed = 3;
      codePoint = first & 0x07;
      if (first === 0xf0) low = 0x90;
      if (first === 0xf4) high = 0x8f;
    } else {
      return { ok: false, offset: index };
    }
    for (let next = 1; next <= needed; next += 1) {
      const byte = bytes[index + next];
      if (byte === undefined || byte < low || byte > high) return { ok: false, offset: index };
      codePoint = (codePoint << 6) | (byte & 0x3f);
      low = 0x80;
      high = 0xbf;
    }
    if (codePoint >= 0x10000) {
      const offset = codePoint - 0x10000;
      units[length++] = 0xd800 | (offset >> 10);
      units[length++] = 0xdc00 | (offset & 0x3ff);
    } else {
      units[length++] = codePoint;
    }
    index += needed + 1;
  }
  return { ok: true, text: codeUnitsToString(units, length) };
};

const decodeWindows1252 = (bytes: Uint8Array): string => {
  const units = new Uint16Array(bytes.length);
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] ?? 0;
    units[index] = byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte;
  }
  return codeUnitsToString(units, bytes.length);
};

// Unpaired surrogates are kept as they are: they survive in a JS string and only matter if re-encoded.
const decodeUtf16 = (bytes: Uint8Array, start: number, isLittleEndian: boolean): string => {
  const count = Math.floor((bytes.length - start) / 2);
  const units = new Uint16Array(count);
  for (let unit = 0; unit < count; unit += 1) {
    const a = bytes[start + unit * 2] ?? 0;
    const b = bytes[start + unit * 2 + 1] ?? 0;
    units[unit] = isLittleEndian ? a | (b << 8) : (a << 8) | b;
  }
  return codeUnitsToString(units, count);
};

/** Guesses UTF-16 without a BOM from the zero bytes that ASCII text leaves in every other position. */
const guessUtf16 = (bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined => {
  const sample = Math.min(bytes.length, 1024) & ~1;
  if (sample < 4) return undefined;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let index = 0; index < sample; index += 1) {
    if (bytes[index] !== 0) continue;
    if (index % 2 === 0) zerosEven += 1;
    else zerosOdd += 1;
  }
  const pairs = sample / 2;
  if (zerosOdd >= pairs * 0.7 && zerosEven <= pairs * 0.02) return 'utf-16le';
  if (zerosEven >= pairs * 0.7 && zerosOdd <= pairs * 0.02) return 'utf-16be';
  return undefined;
};

/** The 1-based line and byte column of a byte offset, counting LF as the line break. */
const placeOfByte = (bytes: Uint8Array, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
};

/**
 * Decodes the bytes of a text file the way spreadsheet exports arrive: a byte-order mark picks UTF-8, UTF-16 LE or
 * UTF-16 BE; without one, UTF-16 is recognised by its zero bytes, then strict UTF-8 is tried, and when that fails
 * the text is read as Windows-1252 (a superset of Latin-1, what Excel writes on Western Windows) with a warning
 * that names the first byte that is not UTF-8.
 */
export const decodeText = (bytes: Uint8Array, fileName: string): DecodedText => {
  const [b0, b1, b2] = [bytes[0], bytes[1], bytes[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const utf8 = decodeUtf8(bytes, 3);
    if (utf8.ok) return { text: utf8.text, encoding: 'utf-8', hasBom: true, diagnostics: [] };
    return fallback(bytes.subarray(3), fileName, utf8.offset - 3, true);
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const isLittleEndian = b0 === 0xff;
    return utf16(bytes, 2, isLittleEndian, true, fileName);
  }
  const guessed = guessUtf16(bytes);
  if (guessed !== undefined) return utf16(bytes, 0, guessed === 'utf-16le', false, fileName);
  const utf8 = decodeUtf8(bytes, 0);
  if (utf8.ok) return { text: utf8.text, encoding: 'utf-8', hasBom: false, diagnostics: [] };
  return fallback(bytes, fileName, utf8.offset, false);
};

const utf16 = (
  bytes: Uint8Array,
  start: number,
  isLittleEndian: boolean,
  hasBom: boolean,
  fileName: string,
): DecodedText => {
  const text = decodeUtf16(bytes, start, isLittleEndian);
  const isOdd = (bytes.length - start) % 2 === 1;
  return {
    text,
    encoding: isLittleEndian ? 'utf-16le' : 'utf-16be',
    hasBom,
    diagnostics: isOdd
      ? [
          tabularDiagnostic(
            'text-odd-utf16-length',
            'warning',
            fileName,
            undefined,
            `The file is UTF-16 but has an odd number of bytes: the last byte was ignored; the file may be truncated.`,
          ),
        ]
      : [],
  };
};

const fallback = (bytes: Uint8Array, fileName: string, offset: number, hasBom: boolean): DecodedText => {
  const place = placeOfByte(bytes, offset);
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return {
    text: decodeWindows1252(bytes),
    encoding: 'windows-1252',
    hasBom,
    diagnostics: [
      tabularDiagnostic(
        'text-decoded-as-windows-1252',
        'warning',
        fileName,
        place,
        `Byte 0x${byte} at byte offset ${offset + (hasBom ? 3 : 0)} is not UTF-8, so the file was read as Windows-1252 (Latin-1); if accented letters look wrong, export the file as UTF-8.`,
      ),
    ],
  };
};
