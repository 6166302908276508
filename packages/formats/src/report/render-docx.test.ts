import { describe, expect, it } from 'vitest';
import type { Block, ReportDocument, Section } from './document-model';
import { DOCX_CELL_PADDING, docxColumnWidths, longestHeaderWord } from './docx/docx-blocks';
import { DOCX_TEXT_WIDTH, DOCX_TEXT_WIDTH_PX } from './docx/docx-theme';
import { renderDocumentDocx } from './render-docx';
import { buildReportDocument } from './report-document';
import { docxBodyLines, malformedParts, readDocxParts, TINY_PNG } from './testing/docx-reader';
import { buildReportFixture } from './testing/report-fixture';

const options = { generatedAt: '2026-11-25T10:00:00Z', document: 'full' } as const;
// The file schema caps names and titles at 2,000 characters; the longest that passes is what a report can get.
const LONG = 'x'.repeat(1_800);
const FORMULA = '=HYPERLINK("http://attacker.example/steal","Click me")';
const HOSTILE = ` <script>alert("x")</script> ${FORMULA} \u0001\u0007\u001b ${LONG}`;

const { model, assessment } = buildReportFixture();
const document = buildReportDocument(model, assessment, options);
const rasterised: number[] = [];
const rasterise = (_svg: string, width: number): Uint8Array => {
  rasterised.push(width);
  return TINY_PNG;
};
const docx = await readDocxParts(await renderDocumentDocx(document, { rasterise }));
const documentXml = docx.xml.get('word/document.xml') ?? '';

const hostile = buildReportFixture({ hostile: HOSTILE });
const hostileDocx = await readDocxParts(
  await renderDocumentDocx(buildReportDocument(hostile.model, hostile.assessment, options), { rasterise }),
);
const hostileXml = hostileDocx.xml.get('word/document.xml') ?? '';

const allSections = (sections: readonly Section[]): Section[] =>
  sections.flatMap((section) => [section, ...allSections(section.children)]);
const allBlocks = (doc: ReportDocument): Block[] => allSections(doc.sections).flatMap((s) => s.blocks);
const figuresOf = (doc: ReportDocument) =>
  allBlocks(doc).flatMap((block) =>
    block.kind === 'figure' ? [block] : block.kind === 'figure-row' ? block.figures : [],
  );
const attributeValues = (xml: string, element: string, attribute: string): string[] =>
  [...xml.matchAll(new RegExp(`<${element}\\b[^>]*\\b${attribute}="([^"]*)"`, 'g'))].map((m) => m[1] ?? '');

describe('renderDocumentDocx', () => {
  it('writes an OOXML zip whose XML parts are all well-formed, also with hostile text', () => {
    for (const parts of [docx, hostileDocx]) {
      expect([...parts.xml.keys()]).toEqual(
        expect.arrayContaining([
          '[Content_Types].xml',
          '_rels/.rels',
          'word/document.xml',
          'word/styles.xml',
        ]),
      );
      expect(malformedParts(parts.xml)).toEqual([]);
    }
  });

  it("gives every section a heading in Word's heading styles, one level per depth, and a TOC field", () => {
    const levels = (sections: readonly Section[], depth: number): string[] =>
      sections.flatMap((s) => [`Heading${Math.min(depth, 6)}`, ...levels(s.children, depth + 1)]);
    const styles = attributeValues(documentXml, 'w:pStyle', 'w:val').filter((v) => v.startsWith('Heading'));
    expect(styles).toEqual(levels(document.sections, 1));
    expect(documentXml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(docx.xml.get('word/settings.xml')).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
  });

  it('writes every table with rows as a Word table whose header row repeats on each page', () => {
    const tables = allBlocks(document).filter((block) => block.kind === 'table' && block.rows.length > 0);
    const tableXml = documentXml.split('<w:tbl>').slice(1);
    const withHeader = tableXml.filter((xml) => /^(?:(?!<\/w:tr>).)*<w:tblHeader\/>/s.test(xml));
    expect(withHeader).toHaveLength(tables.length);
  });

  it('pads every cell of the ruled tables (data and key-value tables) above, below and at the sides', () => {
    // Layout tables (figure rows) have no borders and no padding of their own.
    const tables = documentXml
      .split('<w:tbl>')
      .slice(1)
      .filter((table) => /<w:tblBorders><w:top w:val="single"/.test(table));
    expect(tables.length).toBeGreaterThan(5);
    for (const table of tables) {
      const margins = /<w:tblCellMar>(.*?)<\/w:tblCellMar>/s.exec(table)?.[1] ?? '';
      for (const side of ['top', 'bottom', 'left', 'right'] as const)
        expect(margins).toMatch(new RegExp(`<w:${side} w:type="dxa" w:w="${DOCX_CELL_PADDING[side]}"/>`));
    }
  });

  it('lays columns out like an automatic table: no word broken, the room left to the columns that want it', () => {
    const text = (value: string) => [{ kind: 'text' as const, text: value }];
    const matrix = {
      kind: 'table' as const,
      columns: [
        'Requirement',
        'FR',
        'Title',
        'Status',
        'Basis',
        'Countermeasures',
        'Evidence or justification',
      ].map((header) => ({ header })),
      rows: Array.from({ length: 40 }, (_, index) =>
        [
          'SR 3.3 RE 1',
          'FR3',
          `Automated mechanisms for security functionality verification ${index}`,
          'Open',
          'Countermeasure',
          '',
          '',
        ].map(text),
      ),
    };
    const widths = docxColumnWidths(matrix);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(DOCX_TEXT_WIDTH);
    const [requirement, fr, title, status, basis, countermeasures, evidence] = widths as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // The long title gets the most room; the empty columns stay narrower than it.
    expect(title).toBe(Math.max(...widths));
    expect(title).toBeGreaterThan(1.5 * requirement);
    expect(countermeasures).toBeLessThan(title);
    expect(evidence).toBeLessThan(title);
    // Every column is at least as wide as its longest word: header ("Countermeasures") or value ("Countermeasure").
    expect(basis).toBeGreaterThanOrEqual(14 * 95);
    expect(countermeasures).toBeGreaterThanOrEqual(15 * 105);
    expect(requirement).toBeGreaterThanOrEqual(11 * 105);
    expect(Math.min(fr, status)).toBeGreaterThan(0);
  });

  it('gives each column room for its longest header word when the words fit across the page', () => {
    const headers = [
      'Assets',
      'Zones',
      'Conduits',
      'Access points',
      'Data flows',
      'Threat scenarios',
      'Vulnerabilities',
      'Countermeasures',
    ];
    const scope = {
      kind: 'table' as const,
      columns: headers.map((header) => ({ header, align: 'right' as const })),
      rows: [headers.map(() => [{ kind: 'text' as const, text: '79' }])],
    };
    const widths = docxColumnWidths(scope);
    expect(widths.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(DOCX_TEXT_WIDTH);
    for (const [index, column] of scope.columns.entries())
      expect(widths[index]).toBeGreaterThanOrEqual(longestHeaderWord(column) * 105);
    // Far too many columns for their header words: the widths still add up to the page, never more.
    const crowded = {
      ...scope,
      columns: Array.from({ length: 30 }, () => ({ header: 'Countermeasures' })),
      rows: [],
    };
    const crowdedWidths = docxColumnWidths(crowded);
    expect(crowdedWidths).toHaveLength(30);
    expect(crowdedWidths.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(DOCX_TEXT_WIDTH);
  });

  it('embeds each figure as an SVG image with a PNG fallback and its alt text, sized to the page', () => {
    const figures = figuresOf(document);
    expect(figures.length).toBeGreaterThan(3);
    const media = [...docx.binary.keys()].filter((name) => name.startsWith('word/media/'));
    expect(media.filter((name) => name.endsWith('.svg'))).toHaveLength(figures.length);
    // Identical PNG bytes are stored once; every image still has its own PNG blip beside the SVG.
    expect(media.filter((name) => name.endsWith('.png')).length).toBeGreaterThan(0);
    expect(documentXml.match(/<a:blip r:embed=/g)).toHaveLength(figures.length);
    expect(documentXml.match(/<asvg:svgBlip /g)).toHaveLength(figures.length);
    expect(attributeValues(documentXml, 'wp:docPr', 'descr')).toEqual(figures.map((figure) => figure.alt));
    expect(rasterised.every((width) => width > 0 && width <= 2 * DOCX_TEXT_WIDTH_PX)).toBe(true);
  });

  it('replaces figures by their alt text and data table when no rasteriser is given', async () => {
    const plain = await readDocxParts(await renderDocumentDocx(document));
    expect([...plain.binary.keys()].filter((name) => name.startsWith('word/media/'))).toEqual([]);
    const lines = docxBodyLines(plain.xml.get('word/document.xml') ?? '');
    for (const figure of figuresOf(document)) expect(lines).toContain(figure.alt);
  });

  it('turns internal links into hyperlinks to bookmarks that exist, with names Word keeps', () => {
    const bookmarks = attributeValues(documentXml, 'w:bookmarkStart', 'w:name');
    const anchors = attributeValues(documentXml, 'w:hyperlink', 'w:anchor');
    expect(anchors.length).toBeGreaterThan(10);
    expect(anchors.filter((anchor) => !bookmarks.includes(anchor))).toEqual([]);
    expect(new Set(bookmarks).size).toBe(bookmarks.length);
    // docx adds hidden `_Toc` bookmarks for the table of contents; ours start with a letter, as Word wants.
    const ours = bookmarks.filter((name) => !/^_Toc\d+$/.test(name));
    expect(ours.length).toBeGreaterThan(20);
    expect(ours.filter((name) => !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name))).toEqual([]);
  });

  it('formats code and badges through character styles that styles.xml defines, one per badge tone', () => {
    const styles = docx.xml.get('word/styles.xml') ?? '';
    const defined = new Set(attributeValues(styles, 'w:style', 'w:styleId'));
    const used = new Set(attributeValues(documentXml, 'w:rStyle', 'w:val'));
    expect(used).toContain('CodeText');
    expect([...used].filter((style) => style.startsWith('Badge')).length).toBeGreaterThan(2);
    expect([...used].filter((style) => !defined.has(style))).toEqual([]);
    // Runs no longer carry the code font themselves.
    expect(documentXml).not.toContain('Courier New');
  });

  it('puts the document id and classification in the page header and PAGE of NUMPAGES in the footer', () => {
    const headers = [...docx.xml]
      .filter(([name]) => /^word\/header\d+\.xml$/.test(name))
      .map(([, xml]) => xml);
    const footers = [...docx.xml]
      .filter(([name]) => /^word\/footer\d+\.xml$/.test(name))
      .map(([, xml]) => xml);
    expect(
      headers.some((xml) => xml.includes('ZW-RA-0042') && xml.includes('Confidential: internal use')),
    ).toBe(true);
    expect(footers.some((xml) => /PAGE[\s\S]*NUMPAGES/.test(xml))).toBe(true);
  });

  it('writes hostile model text as inert text: no markup, no fields, no external links', () => {
    const lines = docxBodyLines(hostileXml).join('\n');
    expect(lines).toContain('<script>alert("x")</script>');
    expect(lines).toContain(FORMULA);
    expect(lines).toContain(LONG);
    expect(lines).toContain('\uFFFD\uFFFD\uFFFD');
    expect(hostileXml).not.toContain('<script');
    for (const control of ['\u0001', '\u0007', '\u001b']) expect(hostileXml).not.toContain(control);
    const instructions = [...hostileXml.matchAll(/<w:instrText[^>]*>([^<]*)</g)].map((m) => m[1] ?? '');
    expect(instructions.filter((text) => !/^(TOC|PAGEREF|PAGE|NUMPAGES)\b/.test(text.trim()))).toEqual([]);
    expect(hostileXml).not.toContain('<w:fldSimple');
    for (const xml of hostileDocx.xml.values()) expect(xml).not.toContain('TargetMode="External"');
  });

  it('writes the CRS document with its own sections in heading styles', async () => {
    const crs = buildReportDocument(model, assessment, { ...options, document: 'crs' });
    const parts = await readDocxParts(await renderDocumentDocx(crs, { rasterise }));
    const lines = docxBodyLines(parts.xml.get('word/document.xml') ?? '');
    for (const section of crs.sections) expect(lines).toContain(`# ${section.title}`);
  });
});
