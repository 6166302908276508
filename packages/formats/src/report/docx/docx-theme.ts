import type { Tone } from '../document-model';

/**
 * Page geometry, fonts and colours of the Word report, in one place so the renderer and its tests agree. A4 with
 * 2 cm margins; sizes in twips (1/20 pt) or half-points as WordprocessingML counts them.
 */
export const DOCX_PAGE = {
  width: 11906,
  height: 16838,
  margin: 1134,
  headerFooter: 567,
} as const;

/** Width of the text column in twips (page minus both margins). */
export const DOCX_TEXT_WIDTH = DOCX_PAGE.width - 2 * DOCX_PAGE.margin;

/** The same width in CSS pixels (96 per inch), the unit `docx` sizes images in. */
export const DOCX_TEXT_WIDTH_PX = Math.floor((DOCX_TEXT_WIDTH / 1440) * 96);

/** Tallest image in CSS pixels, so that a figure and its caption fit on one page below a heading. */
export const DOCX_MAX_FIGURE_HEIGHT_PX = 820;

/** Fonts: Arial and Courier New are on every Word installation and metric-compatible with Liberation. */
export const DOCX_FONTS = { body: 'Arial', code: 'Courier New' } as const;

/** Colours without `#`, as WordprocessingML writes them. */
export const DOCX_COLOURS = {
  accent: '1F4E79',
  muted: '555F6B',
  line: 'CFD6DE',
  head: 'EEF2F6',
  codeBackground: 'F2F4F7',
} as const;

/** Badge colours per tone (fill and text), the HTML report's palette; the badge text is always printed too. */
export const BADGE_COLOURS: Readonly<Record<Tone, { readonly fill: string; readonly text: string }>> = {
  critical: { fill: 'C62828', text: 'FFFFFF' },
  high: { fill: 'EF6C00', text: '000000' },
  medium: { fill: 'F9A825', text: '000000' },
  low: { fill: '2E7D32', text: 'FFFFFF' },
  ok: { fill: 'E8F5E9', text: '1B5E20' },
  info: { fill: 'E3F2FD', text: '0D47A1' },
  neutral: { fill: 'F5F5F5', text: '333333' },
};

/** Note colours per tone (left rule and background), and the label that says in words what the colour says. */
export const NOTE_STYLES: Readonly<
  Record<Tone, { readonly rule: string; readonly fill: string; readonly label: string }>
> = {
  critical: { rule: 'C62828', fill: 'FDECEA', label: 'Warning:' },
  high: { rule: 'C62828', fill: 'FDECEA', label: 'Warning:' },
  medium: { rule: 'F9A825', fill: 'FFF8E1', label: 'Attention:' },
  low: { rule: '2E7D32', fill: 'EEF7EE', label: 'Note:' },
  info: { rule: '1565C0', fill: 'EEF4FB', label: 'Note:' },
  ok: { rule: '2E7D32', fill: 'EEF7EE', label: 'OK:' },
  neutral: { rule: '555F6B', fill: 'F7F9FB', label: 'Note:' },
};
