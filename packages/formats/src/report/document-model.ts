/**
 * The neutral report document: sections with headings, paragraphs, tables, key-value lists and figures. The
 * engine's results are turned into this tree once (`buildReportDocument`); HTML, Markdown and later Word and PDF
 * renderers only walk it, so every format carries the same content in the same order.
 */

/** Visual weight of a badge. Renderers always print the badge text too, so colour is never the only signal. */
export type Tone = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'ok' | 'neutral';

/** A run of text inside a paragraph, cell or value. */
export type Inline =
  | { readonly kind: 'text'; readonly text: string; readonly isStrong?: boolean; readonly isCode?: boolean }
  | { readonly kind: 'badge'; readonly text: string; readonly tone: Tone }
  /** A link to a section or figure of the same document (`target` is its id); never an external URL. */
  | { readonly kind: 'link'; readonly text: string; readonly target: string }
  | { readonly kind: 'line-break' };

/** Content of one table cell, value or list item. */
export type InlineContent = readonly Inline[];

/** A table column: its header and how its cells align. */
export interface TableColumn {
  readonly header: string;
  readonly align?: 'left' | 'right' | 'center';
  /** Keep each line of a cell on one line (short badges and arrows) where the format allows it. */
  readonly isNoWrap?: boolean;
}

/** A table with one header row; renderers repeat the header across pages where the format allows it. */
export interface TableBlock {
  readonly kind: 'table';
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly InlineContent[])[];
  /** Printed instead of an empty body. */
  readonly emptyText?: string;
}

/** A figure: a self-contained SVG string plus a text alternative for formats that cannot show SVG. */
export interface FigureBlock {
  readonly kind: 'figure';
  readonly id: string;
  readonly caption: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** Short description for screen readers and alt text. */
  readonly alt: string;
  /** The figure's data as a table, for Markdown and accessibility. */
  readonly fallback?: TableBlock;
}

/** Any block of a section body. */
export type Block =
  | { readonly kind: 'paragraph'; readonly content: InlineContent }
  | {
      readonly kind: 'key-values';
      readonly items: readonly { readonly key: string; readonly value: InlineContent }[];
    }
  | { readonly kind: 'list'; readonly isOrdered: boolean; readonly items: readonly InlineContent[] }
  | { readonly kind: 'note'; readonly tone: Tone; readonly content: InlineContent }
  | TableBlock
  | FigureBlock
  /** Figures shown side by side where the format allows it. */
  | { readonly kind: 'figure-row'; readonly figures: readonly FigureBlock[] };

/** A section: an anchor id, a heading and its body; sub-sections nest one heading level deeper. */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly children: readonly Section[];
}

/** The whole document: title page data and the sections in reading order. */
export interface ReportDocument {
  readonly kind: 'full' | 'crs';
  readonly title: string;
  readonly subtitle: string;
  /** Title-page facts (document id, version, classification, generated at, model SHA-256). */
  readonly meta: readonly { readonly key: string; readonly value: string }[];
  readonly generatedAt: string;
  readonly sections: readonly Section[];
}

/** Plain text run. */
export const text = (value: string): Inline => ({ kind: 'text', text: value });

/** Bold text run. */
export const strong = (value: string): Inline => ({ kind: 'text', text: value, isStrong: true });

/** Monospace text run (ids, vectors, hashes). */
export const code = (value: string): Inline => ({ kind: 'text', text: value, isCode: true });

/** A badge with its text. */
export const badge = (value: string, tone: Tone): Inline => ({ kind: 'badge', text: value, tone });

/** An internal link to a section or figure id. */
export const link = (value: string, target: string): Inline => ({ kind: 'link', text: value, target });

/** One cell holding plain text; an empty string stays an empty cell. */
export const cell = (value: string | number | undefined): InlineContent =>
  value === undefined || value === '' ? [] : [text(String(value))];

/** One cell holding an id in monospace. */
export const codeCell = (value: string | undefined): InlineContent =>
  value === undefined ? [] : [code(value)];

/** Joins inline contents with a separator, e.g. a list of ids in one cell. */
export const joinInline = (parts: readonly InlineContent[], separator = ', '): InlineContent =>
  parts.flatMap((part, index) => (index === 0 ? part : [text(separator), ...part]));

/** A paragraph block from inline runs or plain text. */
export const paragraph = (...content: readonly (Inline | string)[]): Block => ({
  kind: 'paragraph',
  content: content.map((part) => (typeof part === 'string' ? text(part) : part)),
});

/** A table block. */
export const table = (
  columns: readonly (string | TableColumn)[],
  rows: readonly (readonly InlineContent[])[],
  options: { readonly caption?: string; readonly emptyText?: string } = {},
): TableBlock => ({
  kind: 'table',
  columns: columns.map((column) => (typeof column === 'string' ? { header: column } : column)),
  rows,
  ...(options.caption === undefined ? {} : { caption: options.caption }),
  ...(options.emptyText === undefined ? {} : { emptyText: options.emptyText }),
});

/** A key-value list; entries whose value is undefined are left out. */
export const keyValues = (
  items: readonly (readonly [string, InlineContent | string | number | undefined])[],
): Block => ({
  kind: 'key-values',
  items: items
    .filter(
      ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    )
    .map(([key, value]) => ({
      key,
      value: typeof value === 'string' || typeof value === 'number' ? cell(value) : (value as InlineContent),
    })),
});

/** A bulleted or numbered list. */
export const list = (items: readonly (InlineContent | string)[], isOrdered = false): Block => ({
  kind: 'list',
  isOrdered,
  items: items.map((item) => (typeof item === 'string' ? cell(item) : item)),
});

/** A highlighted note. */
export const note = (tone: Tone, ...content: readonly (Inline | string)[]): Block => ({
  kind: 'note',
  tone,
  content: content.map((part) => (typeof part === 'string' ? text(part) : part)),
});

/** A section. */
export const section = (
  id: string,
  title: string,
  blocks: readonly Block[],
  children: readonly Section[] = [],
): Section => ({ id, title, blocks, children });

/** All text of inline content, for plain-text uses (alt text, tests). */
export const plainText = (content: InlineContent): string =>
  content.map((inline) => (inline.kind === 'line-break' ? ' ' : inline.text)).join('');
