/**
 * Text metrics of the diagram without a font engine: the layout sizes zone headers before anything is drawn (and in
 * tests, where jsdom has no canvas), so it estimates widths for the diagram font. The canvas draws with the same
 * font and, should a line still come out wider than estimated, shrinks that line to fit its box.
 */

/** The diagram's font: the app's own sans-serif, whose metrics the estimate below follows (Arial-like). */
export const DIAGRAM_FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";

/** A CSS font shorthand for the canvas. */
export const diagramFont = (size: number, bold = false): string =>
  `${bold ? 'bold ' : ''}${Math.round(size * 10) / 10}px ${DIAGRAM_FONT}`;

// Advance widths of Arial-like glyphs as a fraction of the font size (bold runs about 5-10 % wider).
const advance = (character: string, bold: boolean): number => {
  let width: number;
  if (/[il.,:;'|!]/.test(character)) width = 0.28;
  else if (/[fjt ()[\]/\\-]/.test(character)) width = 0.32;
  else if (/[mwMW@%&]/.test(character)) width = 0.86;
  else if (/[A-Z]/.test(character)) width = 0.7;
  else if (/[0-9]/.test(character)) width = 0.56;
  else width = 0.57;
  return bold ? width * 1.08 : width;
};

/** Estimated width of a text in px at `size` px (slightly generous, so estimated lines fit when drawn). */
export const estimateTextWidth = (text: string, size: number, bold = false): number => {
  let sum = 0;
  for (const character of text) sum += advance(character, bold);
  return sum * size;
};

/** Shortens a text with an ellipsis so that it fits `maxWidth`. */
export const ellipsize = (text: string, maxWidth: number, size: number, bold = false): string => {
  if (estimateTextWidth(text, size, bold) <= maxWidth) return text;
  const characters = [...text];
  let width = estimateTextWidth('…', size, bold);
  let end = 0;
  while (end < characters.length) {
    const next = advance(characters[end] ?? '', bold) * size;
    if (width + next > maxWidth) break;
    width += next;
    end += 1;
  }
  return `${characters.slice(0, end).join('').trimEnd()}…`;
};

/**
 * Breaks a text at spaces into at most `maxLines` lines of `maxWidth`. `isComplete` is false when the text had to be
 * cut (the last line then ends with an ellipsis).
 */
export const wrapText = (
  text: string,
  maxWidth: number,
  size: number,
  bold: boolean,
  maxLines: number,
): { readonly lines: readonly string[]; readonly isComplete: boolean } => {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let current = '';
  let isComplete = true;
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current === '' || estimateTextWidth(candidate, size, bold) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (lines.length < maxLines - 1) {
      lines.push(current);
      current = word;
      continue;
    }
    current = `${current} ${words.slice(index).join(' ')}`;
    break;
  }
  if (current !== '') lines.push(current);
  const fitted = lines.map((line) => ellipsize(line, maxWidth, size, bold));
  if (fitted.some((line, index) => line !== lines[index])) isComplete = false;
  return { lines: fitted, isComplete };
};

/** How a zone title is set: its lines and font size (px, diagram units). */
export interface TitleSetting {
  readonly lines: readonly string[];
  readonly font: number;
}

/** Title type: large enough to read on a projector at the fitted zoom of a mid-size plant. */
export const TITLE = {
  /** Preferred size (px at zoom 1). */
  font: 28,
  /** Titles that do not fit two lines shrink down to this size before they are cut with an ellipsis. */
  minFont: 22,
  maxLines: 2,
  lineHeight: 1.15,
} as const;

const titleCache = new Map<string, TitleSetting>();

/**
 * Sets a zone title in a box `width` px wide: on one line if it fits, else on two, shrinking the font towards
 * {@link TITLE.minFont} before cutting the second line with an ellipsis.
 */
export const setTitle = (text: string, width: number): TitleSetting => {
  const key = `${width}\u0000${text}`;
  const cached = titleCache.get(key);
  if (cached !== undefined) return cached;
  let setting: TitleSetting | undefined;
  for (let font = TITLE.font; font >= TITLE.minFont && setting === undefined; font -= 1) {
    const wrapped = wrapText(text, width, font, true, TITLE.maxLines);
    if (wrapped.isComplete) setting = { lines: wrapped.lines, font };
  }
  setting ??= {
    lines: wrapText(text, width, TITLE.minFont, true, TITLE.maxLines).lines,
    font: TITLE.minFont,
  };
  if (titleCache.size > 20_000) titleCache.clear();
  titleCache.set(key, setting);
  return setting;
};

/** The text width a title needs to stay on one line at its preferred size. */
export const oneLineTitleWidth = (text: string): number =>
  Math.ceil(estimateTextWidth(text.replace(/\s+/g, ' ').trim(), TITLE.font, true)) + 1;
