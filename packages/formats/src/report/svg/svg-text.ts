import { escapeXml } from '../escape';

/** A rendered SVG figure with its intrinsic size in CSS pixels. */
export interface SvgFigure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** The font every figure uses; the width estimate below is tuned for it. */
export const SVG_FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";

/** Rounds a coordinate to 0.1 px so that output is short and stable across platforms. */
export const num = (value: number): string => {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
};

// Average advance of Arial-like glyphs as a fraction of the font size; wide letters and digits count more.
const advance = (character: string): number => {
  if (/[il.,:;'|!]/.test(character)) return 0.28;
  if (/[mwMW@%]/.test(character)) return 0.85;
  if (/[A-Z0-9]/.test(character)) return 0.66;
  if (character === ' ') return 0.28;
  return 0.55;
};

/** Estimated width of a text in px: good enough to keep labels inside their boxes without a font engine. */
export const textWidth = (value: string, fontSize: number): number =>
  [...value].reduce((sum, character) => sum + advance(character), 0) * fontSize;

/** Shortens a text with an ellipsis so that it fits `maxWidth` at `fontSize`. */
export const fitText = (value: string, maxWidth: number, fontSize: number): string => {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (textWidth(flat, fontSize) <= maxWidth) return flat;
  const characters = [...flat];
  let width = textWidth('…', fontSize);
  let end = 0;
  while (end < characters.length && width + advance(characters[end] ?? '') * fontSize <= maxWidth) {
    width += advance(characters[end] ?? '') * fontSize;
    end += 1;
  }
  return `${characters.slice(0, end).join('').trimEnd()}…`;
};

/** Breaks a text into at most `maxLines` lines of `maxWidth`; the last line is shortened with an ellipsis. */
export const wrapText = (
  value: string,
  maxWidth: number,
  fontSize: number,
  maxLines: number,
): readonly string[] => {
  const lines: string[] = [];
  let current = '';
  const words = value.replace(/\s+/g, ' ').trim().split(' ');
  words.forEach((word, index) => {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (textWidth(candidate, fontSize) <= maxWidth || current === '') {
      current = candidate;
    } else if (lines.length < maxLines - 1) {
      lines.push(current);
      current = word;
    } else {
      current = `${current} ${words.slice(index).join(' ')}`;
    }
  });
  if (current !== '') lines.push(current);
  return lines.map((line) => fitText(line, maxWidth, fontSize));
};

/** A `<text>` element with escaped content. */
export const svgText = (
  x: number,
  y: number,
  value: string,
  attributes: Readonly<Record<string, string | number>> = {},
): string => `<text x="${num(x)}" y="${num(y)}"${svgAttributes(attributes)}>${escapeXml(value)}</text>`;

/** Serialises attributes in the given order, escaping values. */
export const svgAttributes = (attributes: Readonly<Record<string, string | number>>): string =>
  Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');

/** The root element: fixed intrinsic size plus a viewBox so that the figure scales with its container. */
export const svgDocument = (
  width: number,
  height: number,
  title: string,
  body: readonly string[],
  idPrefix: string,
): SvgFigure => ({
  width: Math.ceil(width),
  height: Math.ceil(height),
  svg: [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" role="img" aria-labelledby="${escapeXml(idPrefix)}-title" font-family="${escapeXml(SVG_FONT)}">`,
    `<title id="${escapeXml(idPrefix)}-title">${escapeXml(title)}</title>`,
    ...body,
    '</svg>',
  ].join('\n'),
});

/** Black or white, whichever reads better on a background colour given as #rgb or #rrggbb. */
export const contrastText = (background: string): string => {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(background.trim())?.[1];
  if (hex === undefined) return '#000000';
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const channel = (offset: number): number => {
    const value = parseInt(full.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // 0.179 is where black and white text have equal contrast (WCAG relative luminance).
  return luminance > 0.179 ? '#000000' : '#ffffff';
};

/** Keeps only safe CSS colour notations from user input (#hex or a plain colour name); anything else falls back. */
export const safeColor = (value: string | undefined, fallback: string): string =>
  value !== undefined && /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$/.test(value.trim())
    ? value.trim()
    : fallback;
