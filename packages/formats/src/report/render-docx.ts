import type { Assessment, SystemModel } from '@zonewise/core';
import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  BorderStyle,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, ReportDocument, Section } from './document-model';
import {
  DOCX_STYLE,
  docxCharacterStyles,
  ORDERED_LIST,
  renderDocxBlock,
  type DocxRenderState,
  type RasteriseSvg,
} from './docx/docx-blocks';
import { DOCX_COLOURS, DOCX_FONTS, DOCX_PAGE, DOCX_TEXT_WIDTH } from './docx/docx-theme';
import { BookmarkNames, docxText } from './docx/docx-text';
import { buildReportDocument, type ReportOptions } from './report-document';

export type { RasteriseSvg } from './docx/docx-blocks';

/** Options of the Word renderer. */
export interface DocxOptions {
  /**
   * Rasterises a figure's SVG to PNG (Word needs a PNG beside every SVG image). Without it, each figure is replaced
   * by its text alternative and data table, so a pure caller (a browser) still gets every fact.
   */
  readonly rasterise?: RasteriseSvg;
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Heading levels listed in the table of contents; deeper ones are still in Word's navigation pane. */
const TOC_LEVELS = '1-2';

const collectAnchors = (sections: readonly Section[], bookmarks: BookmarkNames): void => {
  const addBlock = (block: Block): void => {
    if (block.kind === 'figure') bookmarks.add(block.id);
    if (block.kind === 'figure-row') for (const figure of block.figures) bookmarks.add(figure.id);
  };
  for (const section of sections) {
    bookmarks.add(section.id);
    section.blocks.forEach(addBlock);
    collectAnchors(section.children, bookmarks);
  }
};

const renderSection = (section: Section, depth: number, state: DocxRenderState): (Paragraph | Table)[] => {
  const bookmark = state.bookmarks.get(section.id) ?? state.bookmarks.add(section.id);
  const heading = new Paragraph({
    heading: HEADINGS[Math.min(depth, HEADINGS.length) - 1] ?? HeadingLevel.HEADING_6,
    ...(depth === 1 ? { pageBreakBefore: true } : {}),
    children: [new Bookmark({ id: bookmark, children: [new TextRun(docxText(section.title))] })],
  });
  return [
    heading,
    ...section.blocks.flatMap((block) => renderDocxBlock(block, state)),
    ...section.children.flatMap((child) => renderSection(child, depth + 1, state)),
  ];
};

const metaValue = (document: ReportDocument, key: string): string | undefined =>
  document.meta.find((entry) => entry.key === key)?.value;

/**
 * A borderless two-cell band for the running header and footer: long texts (a classification can be a sentence)
 * wrap inside their cell instead of running into the other one.
 */
const band = (
  left: ParagraphChild[],
  right: ParagraphChild[],
  leftShare: number,
  rule: 'top' | 'bottom',
): Table => {
  const leftWidth = Math.floor(DOCX_TEXT_WIDTH * leftShare);
  const widths = [leftWidth, DOCX_TEXT_WIDTH - leftWidth];
  const line = { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLOURS.line };
  return new Table({
    width: { size: DOCX_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { ...TableBorders.NONE, [rule]: line },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: widths[0] ?? 0, type: WidthType.DXA },
            children: [new Paragraph({ style: 'HeaderText', children: left })],
          }),
          new TableCell({
            width: { size: widths[1] ?? 0, type: WidthType.DXA },
            children: [
              new Paragraph({ style: 'HeaderText', alignment: AlignmentType.RIGHT, children: right }),
            ],
          }),
        ],
      }),
    ],
  });
};

/** Running header: the document id on the left, the classification on the right. */
const pageHeader = (document: ReportDocument): Header =>
  new Header({
    children: [
      band(
        [new TextRun({ text: docxText(metaValue(document, 'Document') ?? 'Zonewise report'), bold: true })],
        [new TextRun(docxText(metaValue(document, 'Classification') ?? ''))],
        0.3,
        'bottom',
      ),
    ],
  });

/** Footer: the title and when it was generated on the left, "Page X of Y" (Word fields) on the right. */
const pageFooter = (document: ReportDocument): Footer =>
  new Footer({
    children: [
      band(
        [new TextRun(docxText(`${document.title} · generated ${document.generatedAt}`))],
        [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
        0.78,
        'top',
      ),
    ],
  });

const titlePage = (
  document: ReportDocument,
  state: DocxRenderState,
): (Paragraph | Table | TableOfContents)[] => [
  new Paragraph({
    style: 'Kicker',
    children: [new TextRun(docxText(document.subtitle))],
  }),
  new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(docxText(document.title))] }),
  ...renderDocxBlock(
    {
      kind: 'key-values',
      items: document.meta.map((entry) => ({
        key: entry.key,
        value: [{ kind: 'text', text: entry.value, isCode: entry.key === 'Model SHA-256' }],
      })),
    },
    state,
  ),
  new Paragraph({ style: 'TocHeading', pageBreakBefore: true, children: [new TextRun('Contents')] }),
  new TableOfContents('Contents', { hyperlink: true, headingStyleRange: TOC_LEVELS }),
];

const heading = (size: number, colour: string) => ({
  run: { size, bold: true, color: colour, font: DOCX_FONTS.body },
  paragraph: { spacing: { before: 240, after: 100 }, keepNext: true, keepLines: true },
});

const paragraphStyle = (
  id: string,
  name: string,
  run: Record<string, unknown>,
  paragraph: Record<string, unknown>,
) => ({ id, name, basedOn: 'Normal', next: 'Normal', quickFormat: true, run, paragraph });

/**
 * Builds the Word document of a report document: Word's own heading styles (navigation pane, table of contents
 * field), bookmarks and internal hyperlinks, real tables with repeating header rows, figures as SVG images with a
 * PNG fallback, a running header with document id and classification and "Page X of Y" in the footer.
 */
export const buildDocxDocument = (document: ReportDocument, options: DocxOptions = {}): Document => {
  const bookmarks = new BookmarkNames();
  collectAnchors(document.sections, bookmarks);
  const state: DocxRenderState = {
    bookmarks,
    rasterise: options.rasterise,
    figureNumber: 1,
    listInstance: 0,
  };
  const body = [
    ...titlePage(document, state),
    ...document.sections.flatMap((section) => renderSection(section, 1, state)),
  ];
  return new Document({
    creator: 'Zonewise',
    title: docxText(document.title),
    subject: docxText(document.subtitle),
    description: docxText(`Generated by Zonewise at ${document.generatedAt}`),
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: DOCX_FONTS.body, size: 19 },
          paragraph: { spacing: { after: 100, line: 264, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { size: 44, bold: true, color: DOCX_COLOURS.accent },
          paragraph: { spacing: { after: 240 } },
        },
        heading1: heading(30, DOCX_COLOURS.accent),
        heading2: heading(25, DOCX_COLOURS.accent),
        heading3: heading(22, '1A1A1A'),
        heading4: heading(20, '1A1A1A'),
        heading5: heading(19, '1A1A1A'),
        heading6: heading(19, DOCX_COLOURS.muted),
        hyperlink: { run: { color: DOCX_COLOURS.accent, underline: {} } },
      },
      characterStyles: docxCharacterStyles(),
      paragraphStyles: [
        paragraphStyle(
          DOCX_STYLE.tableText,
          'Table text',
          { size: 15 },
          { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        ),
        paragraphStyle(
          DOCX_STYLE.tableHead,
          'Table heading',
          { size: 15, bold: true },
          { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
        ),
        paragraphStyle(
          DOCX_STYLE.caption,
          'Caption',
          { size: 17, bold: true, color: DOCX_COLOURS.muted },
          { spacing: { before: 120, after: 80 } },
        ),
        paragraphStyle(
          DOCX_STYLE.figure,
          'Figure',
          {},
          { spacing: { before: 120, after: 0 }, keepNext: true },
        ),
        paragraphStyle(
          DOCX_STYLE.note,
          'Note',
          {},
          { spacing: { before: 120, after: 120 }, indent: { left: 120 } },
        ),
        paragraphStyle(
          'Kicker',
          'Kicker',
          { size: 20, color: DOCX_COLOURS.muted, allCaps: true },
          { spacing: { before: 2400 } },
        ),
        paragraphStyle('TocHeading', 'TOC Heading', { size: 30, bold: true, color: DOCX_COLOURS.accent }, {}),
        paragraphStyle(
          'HeaderText',
          'Header text',
          { size: 15, color: DOCX_COLOURS.muted },
          { spacing: { after: 0 } },
        ),
      ],
    },
    numbering: {
      config: [
        {
          reference: ORDERED_LIST,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 480, hanging: 300 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: DOCX_PAGE.width, height: DOCX_PAGE.height },
            margin: {
              top: DOCX_PAGE.margin,
              bottom: DOCX_PAGE.margin,
              left: DOCX_PAGE.margin,
              right: DOCX_PAGE.margin,
              header: DOCX_PAGE.headerFooter,
              footer: DOCX_PAGE.headerFooter,
            },
          },
        },
        headers: { default: pageHeader(document), first: new Header({ children: [] }) },
        footers: { default: pageFooter(document), first: pageFooter(document) },
        children: body,
      },
    ],
  });
};

/** A report document as the bytes of a .docx file (an OOXML zip), without Node built-ins. */
export const renderDocumentDocx = async (
  document: ReportDocument,
  options: DocxOptions = {},
): Promise<Uint8Array> => new Uint8Array(await Packer.toArrayBuffer(buildDocxDocument(document, options)));

/**
 * The assessment report (or, with `document: 'crs'`, the CRS) as an editable Word document. The content is the
 * neutral report document the HTML and Markdown reports are built from, so every format says the same.
 */
export const renderReportDocx = (
  model: SystemModel,
  assessment: Assessment,
  options: ReportOptions & DocxOptions,
): Promise<Uint8Array> =>
  renderDocumentDocx(
    buildReportDocument(model, assessment, {
      generatedAt: options.generatedAt,
      document: options.document,
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    }),
    options.rasterise === undefined ? {} : { rasterise: options.rasterise },
  );
