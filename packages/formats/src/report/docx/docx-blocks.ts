import {
  BorderStyle,
  Bookmark,
  ImageRun,
  InternalHyperlink,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type {
  Block,
  FigureBlock,
  Inline,
  InlineContent,
  TableBlock,
  TableColumn,
  Tone,
} from '../document-model';
import {
  BADGE_COLOURS,
  DOCX_COLOURS,
  DOCX_FONTS,
  DOCX_MAX_FIGURE_HEIGHT_PX,
  DOCX_TEXT_WIDTH,
  DOCX_TEXT_WIDTH_PX,
  NOTE_STYLES,
} from './docx-theme';
import { docxText, type BookmarkNames } from './docx-text';

/**
 * Turns an SVG figure into PNG bytes `width` pixels wide. Rasterising needs a native library, so Node callers pass
 * one in (`rasteriseSvg` of `@zonewise/server`); Word shows the PNG where it cannot show the SVG.
 */
export type RasteriseSvg = (svg: string, width: number) => Uint8Array;

/** What the block renderer needs across blocks: bookmark names, the rasteriser, and running numbers. */
export interface DocxRenderState {
  readonly bookmarks: BookmarkNames;
  readonly rasterise: RasteriseSvg | undefined;
  /** The next figure number (figures are numbered in reading order, as in the HTML report). */
  figureNumber: number;
  /** The next numbering instance, so that every ordered list starts again at 1. */
  listInstance: number;
}

/** Numbering reference of ordered lists, declared once in the document's numbering part. */
export const ORDERED_LIST = 'zonewise-ordered';

/** Paragraph style ids the renderer uses besides Word's built-in headings; declared in render-docx.ts. */
export const DOCX_STYLE = {
  tableText: 'TableText',
  tableHead: 'TableHead',
  caption: 'Caption',
  figure: 'Figure',
  note: 'Note',
} as const;

/** Character style ids of code runs and badges; declared by {@link docxCharacterStyles}. */
export const DOCX_CHARACTER_STYLE = { code: 'CodeText' } as const;

const badgeStyleId = (tone: Tone): string => `Badge${tone.charAt(0).toUpperCase()}${tone.slice(1)}`;

/**
 * The character styles of code runs and of one badge per tone, so that a run names its style instead of repeating
 * font, colour and shading (a large table has thousands of them).
 */
export const docxCharacterStyles = () => [
  {
    id: DOCX_CHARACTER_STYLE.code,
    name: 'Code text',
    basedOn: 'DefaultParagraphFont',
    run: {
      font: DOCX_FONTS.code,
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: DOCX_COLOURS.codeBackground },
    },
  },
  ...(Object.keys(BADGE_COLOURS) as Tone[]).map((tone) => ({
    id: badgeStyleId(tone),
    name: `Badge ${tone}`,
    basedOn: 'DefaultParagraphFont',
    run: {
      bold: true,
      color: BADGE_COLOURS[tone].text,
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: BADGE_COLOURS[tone].fill },
    },
  })),
];

const PNG_SCALE = 2;
// Rows whose text is shorter than this are kept on one page; longer rows may break so they never overflow a page.
const UNSPLIT_ROW_CHARACTERS = 600;
// Column widths are estimated from the header and the first rows, so huge tables cost no more than small ones.
const WIDTH_SAMPLE_ROWS = 200;

const runsOf = (inline: Inline, state: DocxRenderState): ParagraphChild[] => {
  switch (inline.kind) {
    case 'text':
      // Code runs name a character style instead of carrying their own font and shading: one attribute per run.
      return [
        new TextRun({
          text: docxText(inline.text),
          ...(inline.isStrong ? { bold: true } : {}),
          ...(inline.isCode ? { style: DOCX_CHARACTER_STYLE.code } : {}),
        }),
      ];
    case 'badge':
      // Non-breaking spaces pad the shading; the text carries the meaning, the colour only repeats it.
      return [
        new TextRun({
          text: `\u00A0${docxText(inline.text)}\u00A0`,
          style: badgeStyleId(inline.tone),
        }),
      ];
    case 'link': {
      const bookmark = state.bookmarks.get(inline.target);
      const run = new TextRun({ text: docxText(inline.text), style: 'Hyperlink' });
      return bookmark === undefined
        ? [new TextRun({ text: docxText(inline.text) })]
        : [new InternalHyperlink({ anchor: bookmark, children: [run] })];
    }
    case 'line-break':
      return [new TextRun({ break: 1 })];
  }
};

/** Inline content as paragraph children: text runs, shaded badges and hyperlinks to bookmarks. */
export const inlineChildren = (content: InlineContent, state: DocxRenderState): ParagraphChild[] =>
  content.flatMap((inline) => runsOf(inline, state));

const cellBorders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line },
  left: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line },
  right: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line },
  insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line },
  insideVertical: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line },
};

const alignmentOf = (column: TableColumn) =>
  column.align === 'right' ? 'right' : column.align === 'center' ? 'center' : 'left';

// Left is the paragraph default: only right and centred cells carry an alignment of their own.
const alignmentOption = (column: TableColumn): { readonly alignment?: 'right' | 'center' } =>
  column.align === 'right' || column.align === 'center' ? { alignment: column.align } : {};

const textLength = (content: InlineContent): number =>
  content.reduce((sum, inline) => sum + (inline.kind === 'line-break' ? 0 : inline.text.length), 0);

// Twips per character of 7.5 pt table text (a little over the average Arial advance), of the bold header text
// (wider, and capitals are common in headers), and what a cell adds around its text (padding and rules).
const TWIPS_PER_CHARACTER = 95;
const HEADER_TWIPS_PER_CHARACTER = 105;
const NO_WRAP_LIMIT = 12;
// A word longer than this (an id with hyphens, a hash, a URL) may break; it does not get a column of its own
// length. Dates, SR ids and ordinary words stay whole.
const LONGEST_KEPT_WORD = 15;
// Values longer than this wrap whatever the width: they ask for no more room than this.
const LONGEST_UNWRAPPED_VALUE = 90;

/** Padding inside every ruled table cell (twips): a little air above and below the text, and at the sides. */
export const DOCX_CELL_PADDING = { top: 15, bottom: 15, left: 60, right: 60 } as const;
const CELL_EXTRA = DOCX_CELL_PADDING.left + DOCX_CELL_PADDING.right + 40;

/** Words of a text: what lies between spaces (Word may also break after a hyphen, but a date should not). */
const wordsOf = (text: string): string[] => text.split(/\s+/).filter((word) => word !== '');

/** The longest word of a column header, in characters: headers wrap between words, never inside one. */
export const longestHeaderWord = (column: TableColumn): number =>
  Math.max(...wordsOf(column.header).map((word) => word.length), 0);

const textOf = (content: InlineContent): string =>
  content.map((inline) => (inline.kind === 'line-break' ? ' ' : inline.text)).join('');

/**
 * Column widths in twips, the way a browser lays out an automatic table: each column has a minimum (its longest
 * word, in the header or the sampled values, so no word is broken inside; no-wrap columns their whole value) and a
 * preferred width (its header and typical value on one line). When the preferred widths fit, they are widened
 * proportionally; otherwise every column gets its minimum and the room left is shared by how much more each one
 * wants, so a long title column grows and an empty column stays at its header word. Only when even the minimums do
 * not fit are they shrunk proportionally. Widths are estimated from the header and the first rows, so huge tables
 * cost no more than small ones; Word keeps fixed widths, and a fixed layout opens fast for long tables.
 */
export const docxColumnWidths = (block: TableBlock): number[] => {
  const sample = block.rows.slice(0, WIDTH_SAMPLE_ROWS);
  const columns = block.columns.map((column, index) => {
    const texts = sample.map((row) => textOf(row[index] ?? []));
    const lengths = texts.map((text) => text.length).sort((a, b) => a - b);
    const typical = Math.min(lengths[Math.floor(lengths.length * 0.9)] ?? 0, LONGEST_UNWRAPPED_VALUE);
    const valueWord = Math.min(
      LONGEST_KEPT_WORD,
      Math.max(0, ...texts.flatMap((text) => wordsOf(text).map((word) => word.length))),
    );
    const headerWord = longestHeaderWord(column);
    const noWrap = column.isNoWrap ? Math.min(typical, NO_WRAP_LIMIT) : 0;
    const minimum =
      Math.max(headerWord * HEADER_TWIPS_PER_CHARACTER, Math.max(valueWord, noWrap) * TWIPS_PER_CHARACTER) +
      CELL_EXTRA;
    const preferred =
      Math.max(column.header.length * HEADER_TWIPS_PER_CHARACTER * 0.6, typical * TWIPS_PER_CHARACTER) +
      CELL_EXTRA;
    return { minimum, preferred: Math.max(minimum, preferred) };
  });
  const total = (of: (column: (typeof columns)[number]) => number) =>
    columns.reduce((sum, column) => sum + of(column), 0);
  const minimumTotal = total((column) => column.minimum);
  const preferredTotal = total((column) => column.preferred);
  if (minimumTotal >= DOCX_TEXT_WIDTH)
    return columns.map((column) => Math.floor((column.minimum / minimumTotal) * DOCX_TEXT_WIDTH));
  if (preferredTotal <= DOCX_TEXT_WIDTH)
    return columns.map((column) => Math.floor((column.preferred / preferredTotal) * DOCX_TEXT_WIDTH));
  const share = (DOCX_TEXT_WIDTH - minimumTotal) / (preferredTotal - minimumTotal);
  return columns.map((column) => Math.floor(column.minimum + (column.preferred - column.minimum) * share));
};

const cellParagraph = (
  content: InlineContent,
  column: TableColumn,
  state: DocxRenderState,
  style: string,
): Paragraph =>
  new Paragraph({ style, ...alignmentOption(column), children: inlineChildren(content, state) });

const captionParagraph = (caption: string): Paragraph =>
  new Paragraph({ style: DOCX_STYLE.caption, keepNext: true, children: [new TextRun(docxText(caption))] });

/** A real Word table: fixed column widths, a header row that repeats on every page, rows kept whole when short. */
const renderTable = (block: TableBlock, state: DocxRenderState): (Paragraph | Table)[] => {
  const caption = block.caption === undefined ? [] : [captionParagraph(block.caption)];
  if (block.rows.length === 0) {
    return [
      ...caption,
      new Paragraph({ children: [new TextRun({ text: docxText(block.emptyText ?? '—'), italics: true })] }),
    ];
  }
  const widths = docxColumnWidths(block);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (column, index) =>
        new TableCell({
          width: { size: widths[index] ?? 0, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: DOCX_COLOURS.head },
          children: [
            new Paragraph({
              style: DOCX_STYLE.tableHead,
              alignment: alignmentOf(column),
              children: [new TextRun(docxText(column.header))],
            }),
          ],
        }),
    ),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: row.reduce((sum, content) => sum + textLength(content), 0) < UNSPLIT_ROW_CHARACTERS,
        children: block.columns.map(
          (column, index) =>
            new TableCell({
              width: { size: widths[index] ?? 0, type: WidthType.DXA },
              children: [cellParagraph(row[index] ?? [], column, state, DOCX_STYLE.tableText)],
            }),
        ),
      }),
  );
  return [
    ...caption,
    new Table({
      rows: [header, ...rows],
      width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: cellBorders,
      margins: DOCX_CELL_PADDING,
    }),
    new Paragraph({ style: DOCX_STYLE.tableText, children: [] }),
  ];
};

/** A key-value list as a two-column table without a header row: keys shaded on the left. */
const renderKeyValues = (
  items: readonly { readonly key: string; readonly value: InlineContent }[],
  state: DocxRenderState,
): (Paragraph | Table)[] => {
  const keyWidth = Math.floor(DOCX_TEXT_WIDTH * 0.28);
  const widths = [keyWidth, DOCX_TEXT_WIDTH - keyWidth];
  return [
    new Table({
      width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: cellBorders,
      margins: DOCX_CELL_PADDING,
      rows: items.map(
        (item) =>
          new TableRow({
            cantSplit: textLength(item.value) < UNSPLIT_ROW_CHARACTERS,
            children: [
              new TableCell({
                width: { size: widths[0] ?? 0, type: WidthType.DXA },
                shading: { type: ShadingType.CLEAR, color: 'auto', fill: DOCX_COLOURS.head },
                children: [
                  new Paragraph({
                    style: DOCX_STYLE.tableHead,
                    children: [new TextRun(docxText(item.key))],
                  }),
                ],
              }),
              new TableCell({
                width: { size: widths[1] ?? 0, type: WidthType.DXA },
                children: [
                  new Paragraph({ style: DOCX_STYLE.tableText, children: inlineChildren(item.value, state) }),
                ],
              }),
            ],
          }),
      ),
    }),
    new Paragraph({ style: DOCX_STYLE.tableText, children: [] }),
  ];
};

/** Display size in px: the figure's own size, shrunk to fit `maxWidth` and the page height, never enlarged. */
const fitFigure = (figure: FigureBlock, maxWidth: number): { width: number; height: number } => {
  const scale = Math.min(1, maxWidth / figure.width, DOCX_MAX_FIGURE_HEIGHT_PX / figure.height);
  return { width: Math.round(figure.width * scale), height: Math.round(figure.height * scale) };
};

const figureCaption = (figure: FigureBlock, number: number, state: DocxRenderState): Paragraph => {
  const label = new TextRun(docxText(`Figure ${number}: ${figure.caption}`));
  const bookmark = state.bookmarks.get(figure.id);
  return new Paragraph({
    style: DOCX_STYLE.caption,
    children: bookmark === undefined ? [label] : [new Bookmark({ id: bookmark, children: [label] })],
  });
};

/**
 * A figure as an SVG image with a PNG fallback, then its numbered caption. Without a rasteriser (a pure caller)
 * the figure's text alternative and data table stand in for the image, so no content is lost.
 */
const renderFigure = (
  figure: FigureBlock,
  state: DocxRenderState,
  maxWidth: number,
): (Paragraph | Table)[] => {
  const number = state.figureNumber;
  state.figureNumber += 1;
  if (state.rasterise === undefined) {
    return [
      new Paragraph({
        keepNext: true,
        children: [new TextRun({ text: docxText(figure.alt), italics: true })],
      }),
      figureCaption(figure, number, state),
      ...(figure.fallback === undefined ? [] : renderTable(figure.fallback, state)),
    ];
  }
  const size = fitFigure(figure, maxWidth);
  const png = state.rasterise(figure.svg, Math.round(size.width * PNG_SCALE));
  return [
    new Paragraph({
      style: DOCX_STYLE.figure,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'svg',
          data: new TextEncoder().encode(figure.svg),
          fallback: { type: 'png', data: png },
          transformation: size,
          altText: { name: figure.id, title: docxText(figure.caption), description: docxText(figure.alt) },
        }),
      ],
    }),
    figureCaption(figure, number, state),
  ];
};

/** How many figures share a row: as many (up to three) as fit at no less than 70% of their own width. */
const figuresPerRow = (figures: readonly FigureBlock[]): number => {
  const widest = Math.max(...figures.map((figure) => figure.width));
  for (let count = Math.min(3, figures.length); count > 1; count -= 1) {
    if (DOCX_TEXT_WIDTH_PX / count >= widest * 0.7) return count;
  }
  return 1;
};

/** Figures side by side in a borderless table, where they fit; one below the other otherwise. */
const renderFigureRow = (figures: readonly FigureBlock[], state: DocxRenderState): (Paragraph | Table)[] => {
  const perRow = state.rasterise === undefined ? 1 : figuresPerRow(figures);
  if (perRow === 1) return figures.flatMap((figure) => renderFigure(figure, state, DOCX_TEXT_WIDTH_PX));
  const cellWidth = Math.floor(DOCX_TEXT_WIDTH / perRow);
  const rows: TableRow[] = [];
  for (let start = 0; start < figures.length; start += perRow) {
    const chunk = figures.slice(start, start + perRow);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: Array.from(
          { length: perRow },
          (_, index) =>
            new TableCell({
              width: { size: cellWidth, type: WidthType.DXA },
              borders: TableBorders.NONE,
              children: (() => {
                const figure = chunk[index];
                if (figure === undefined) return [new Paragraph({ children: [] })];
                return renderFigure(figure, state, Math.floor(DOCX_TEXT_WIDTH_PX / perRow) - 8);
              })(),
            }),
        ),
      }),
    );
  }
  return [
    new Table({
      rows,
      width: { size: cellWidth * perRow, type: WidthType.DXA },
      columnWidths: Array.from({ length: perRow }, () => cellWidth),
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
    }),
  ];
};

/** One block of a section body as Word paragraphs and tables. */
export const renderDocxBlock = (block: Block, state: DocxRenderState): (Paragraph | Table)[] => {
  switch (block.kind) {
    case 'paragraph':
      return [new Paragraph({ children: inlineChildren(block.content, state) })];
    case 'key-values':
      return renderKeyValues(block.items, state);
    case 'list': {
      const instance = state.listInstance;
      state.listInstance += 1;
      return block.items.map(
        (item) =>
          new Paragraph({
            ...(block.isOrdered
              ? { numbering: { reference: ORDERED_LIST, level: 0, instance } }
              : { bullet: { level: 0 } }),
            children: inlineChildren(item, state),
          }),
      );
    }
    case 'note': {
      const style = NOTE_STYLES[block.tone];
      return [
        new Paragraph({
          style: DOCX_STYLE.note,
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: style.rule, space: 6 } },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: style.fill },
          children: [
            new TextRun({ text: `${style.label} `, bold: true }),
            ...inlineChildren(block.content, state),
          ],
        }),
      ];
    }
    case 'table':
      return renderTable(block, state);
    case 'figure':
      return renderFigure(block, state, DOCX_TEXT_WIDTH_PX);
    case 'figure-row':
      return renderFigureRow(block.figures, state);
  }
};
