import { readFileSync } from 'node:fs';
import { assessSystem, resolveSystem, type Assessment, type SystemModel } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { generateSyntheticModel } from '../../../../bench/synthetic-model';
import { loadAssessmentText } from '../project-file/load-assessment-text';
import {
  cell,
  plainText,
  type Block,
  type ReportDocument,
  type Section,
  type TableBlock,
} from './document-model';
import { renderDocumentDocx } from './render-docx';
import { renderDocumentHtml } from './render-html';
import { renderDocumentMarkdown } from './render-markdown';
import { buildReportDocument } from './report-document';
import {
  DEFAULT_REPORT_SIZE_LIMITS,
  REGISTER_SOURCES,
  boundedItems,
  sizedTable,
  type ReportSizeLimits,
} from './report-size';
import { readDocxParts } from './testing/docx-reader';

const allSections = (sections: readonly Section[]): Section[] =>
  sections.flatMap((section) => [section, ...allSections(section.children)]);
const blocksOf = (document: ReportDocument): Block[] =>
  allSections(document.sections).flatMap((s) => s.blocks);
const tablesOf = (document: ReportDocument): TableBlock[] =>
  blocksOf(document).flatMap((block) =>
    block.kind === 'table'
      ? [block]
      : block.kind === 'figure' && block.fallback
        ? [block.fallback]
        : block.kind === 'figure-row'
          ? block.figures.flatMap((figure) => (figure.fallback ? [figure.fallback] : []))
          : [],
  );
const notesText = (document: ReportDocument): string[] =>
  blocksOf(document).flatMap((block) => (block.kind === 'note' ? [plainText(block.content)] : []));
const childIds = (document: ReportDocument, id: string): string[] =>
  allSections(document.sections)
    .find((section) => section.id === id)
    ?.children.map((child) => child.id) ?? [];

const assess = (file: unknown): { readonly model: SystemModel; readonly assessment: Assessment } => {
  const resolved = resolveSystem(file);
  if (!resolved.ok) throw new Error(resolved.diagnostics.map((d) => d.message).join('; '));
  return { model: resolved.value, assessment: assessSystem(resolved.value) };
};

const options = { generatedAt: '2026-11-25T10:00:00Z', document: 'full' } as const;
const MAX_ROWS = Math.max(DEFAULT_REPORT_SIZE_LIMITS.tableRows, DEFAULT_REPORT_SIZE_LIMITS.subjectTableRows);

describe('sizedTable', () => {
  const limits: ReportSizeLimits = { tableRows: 4, subjectTableRows: 2, subjectSections: 1, topRows: 3 };
  const items = [1, 2, 3, 4, 5, 6].map((value) => ({ value, group: value % 2 === 0 ? 'even' : 'odd' }));
  const spec = {
    columns: ['Value'],
    caption: 'Values',
    row: (item: { readonly value: number }) => [cell(item.value)],
    what: 'values',
    rank: (a: { readonly value: number }, b: { readonly value: number }) => b.value - a.value,
    rankedBy: 'largest first',
    groups: [{ label: 'Parity', key: (item: { readonly group: string }) => item.group }],
    fullList: REGISTER_SOURCES.assets,
  };

  it('prints the table unchanged, in the items’ order, within the limit', () => {
    const blocks = sizedTable(limits, { ...spec, scope: 'model', items: items.slice(0, 4) });
    expect(blocks).toHaveLength(1);
    const [only] = blocks;
    expect(only?.kind).toBe('table');
    expect((only as TableBlock).rows.map((row) => plainText(row[0] ?? []))).toEqual(['1', '2', '3', '4']);
    expect((only as TableBlock).caption).toBe('Values');
  });

  it('prints a note, counts per group and the top rows by rank above the limit', () => {
    const blocks = sizedTable(limits, { ...spec, scope: 'model', items });
    expect(blocks.map((block) => block.kind)).toEqual(['note', 'table', 'table']);
    const noteText = blocks[0]?.kind === 'note' ? plainText(blocks[0].content) : '';
    expect(noteText).toContain('6 values');
    expect(noteText).toContain('“Assets” sheet of the registers workbook');
    expect(noteText).toContain('zonewise export registers');
    const counts = blocks[1] as TableBlock;
    expect(counts.rows.map((row) => row.map(plainText))).toEqual([
      ['even', '3'],
      ['odd', '3'],
    ]);
    const top = blocks[2] as TableBlock;
    expect(top.rows.map((row) => plainText(row[0] ?? []))).toEqual(['6', '5', '4']);
    expect(top.caption).toContain('of 6');
  });

  it('applies the per-subject limit to subject tables and sums the groups past the top ones', () => {
    const many = Array.from({ length: 8 }, (_, index) => ({ value: index, group: `g${index}` }));
    const blocks = sizedTable(limits, { ...spec, scope: 'subject', items: many.slice(0, 3) });
    expect(blocks.map((block) => block.kind)).toEqual(['note', 'table', 'table']);
    const counts = sizedTable(limits, { ...spec, scope: 'model', items: many })[1] as TableBlock;
    expect(counts.rows).toHaveLength(4);
    expect(counts.rows[3]?.map(plainText)).toEqual(['5 more', '5']);
  });
});

describe('boundedItems', () => {
  it('keeps short lists and cuts long ones to the limit plus a count of the rest', () => {
    expect(boundedItems(['a', 'b'], 2)).toEqual(['a', 'b']);
    expect(boundedItems(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b', '… and 2 more']);
  });
});

describe('the size rule on a 2,000-asset synthetic plant', () => {
  const { model, assessment } = assess(generateSyntheticModel({ assets: 2_000 }).file);
  const document = buildReportDocument(model, assessment, options);
  const crs = buildReportDocument(model, assessment, { ...options, document: 'crs' });

  it('is above every limit, so the rule applies', () => {
    expect(model.assets.length).toBeGreaterThan(DEFAULT_REPORT_SIZE_LIMITS.tableRows);
    expect(model.dataFlows.length).toBeGreaterThan(DEFAULT_REPORT_SIZE_LIMITS.tableRows);
    expect(model.zones.length + model.conduits.length).toBeGreaterThan(
      DEFAULT_REPORT_SIZE_LIMITS.subjectSections,
    );
  });

  it.each([
    ['report', document],
    ['CRS', crs],
  ])('keeps every table of the %s within the limits', (_name, doc) => {
    const longest = Math.max(...tablesOf(doc).map((table) => table.rows.length));
    expect(longest).toBeLessThanOrEqual(MAX_ROWS);
  });

  it('bounds every table, figure fallbacks included, by tighter limits given in the options', () => {
    const limits = { tableRows: 30, subjectTableRows: 20, subjectSections: 5, topRows: 10 };
    for (const kind of ['full', 'crs'] as const) {
      const tight = buildReportDocument(model, assessment, { ...options, document: kind, limits });
      const longest = Math.max(...tablesOf(tight).map((table) => table.rows.length));
      expect(longest).toBeLessThanOrEqual(limits.tableRows);
    }
    // Lists that grow with the model inside one cell (scenarios per ATT&CK technique) are bounded too.
    const tight = buildReportDocument(model, assessment, { ...options, limits });
    const catalog = tablesOf(tight).find((table) => table.caption?.startsWith('Threat catalog'));
    const users = catalog?.rows.map((row) => plainText(row[1] ?? []).split(', ')) ?? [];
    expect(Math.max(...users.map((ids) => ids.length))).toBe(limits.tableRows + 1);
    expect(users.some((ids) => ids.at(-1)?.startsWith('… and '))).toBe(true);
  });

  it('prints counts, the top rows and a note naming the registers sheet for long lists', () => {
    const notes = notesText(document);
    expect(notes.some((text) => text.startsWith(`${model.assets.length} assets`))).toBe(true);
    expect(notes.some((text) => text.includes('“Assets” sheet of the registers workbook'))).toBe(true);
    expect(notes.some((text) => text.includes('“Compliance matrix” sheet'))).toBe(true);
    expect(notes.some((text) => text.startsWith(`${model.dataFlows.length} data flows`))).toBe(true);
    const captions = tablesOf(document).map((table) => table.caption ?? '');
    expect(captions).toContain('Assets by kind');
    expect(captions).toContain('Data flows by route');
    const assetTop = tablesOf(document).find((table) => table.caption?.startsWith('Assets: the '));
    expect(assetTop?.rows).toHaveLength(DEFAULT_REPORT_SIZE_LIMITS.topRows);
    expect(assetTop?.caption).toContain(`of ${model.assets.length}`);
  });

  it('details at most subjectSections zones and conduits, the riskiest first', () => {
    for (const id of ['detailed-risk', 'gap-analysis', 'crs-characteristics']) {
      expect(childIds(document, id).length).toBeGreaterThan(0);
      expect(childIds(document, id).length).toBeLessThanOrEqual(DEFAULT_REPORT_SIZE_LIMITS.subjectSections);
    }
    expect(childIds(crs, 'crs-characteristics').length).toBe(DEFAULT_REPORT_SIZE_LIMITS.subjectSections);
    // Every internal link still has its target.
    const ids = new Set(allSections(document.sections).map((section) => section.id));
    const links = blocksOf(document).flatMap((block) =>
      block.kind === 'table'
        ? block.rows.flat(2).flatMap((inline) => (inline.kind === 'link' ? [inline.target] : []))
        : [],
    );
    expect(links.filter((target) => !ids.has(target) && !target.startsWith('figure-'))).toEqual([]);
  });

  it('keeps the Markdown, HTML and Word renderings within the limits and carries the note', async () => {
    const markdown = renderDocumentMarkdown(document);
    const tableRuns = markdown
      .split(/\n(?!\|)/)
      .map((run) => run.split('\n').filter((line) => line.startsWith('|')));
    expect(Math.max(...tableRuns.map((run) => run.length))).toBeLessThanOrEqual(MAX_ROWS + 2);
    expect(markdown).toContain('zonewise export registers');

    const html = renderDocumentHtml(document);
    const htmlRows = html
      .split('<table')
      .slice(1)
      .map((part) => part.split('</table>')[0]?.split('<tr').length ?? 0);
    expect(Math.max(...htmlRows)).toBeLessThanOrEqual(MAX_ROWS + 2);
    expect(html).toContain('“Assets” sheet of the registers workbook');
    expect(html.length).toBeLessThan(5_000_000);

    const docx = await readDocxParts(await renderDocumentDocx(document));
    const xml = docx.xml.get('word/document.xml') ?? '';
    const docxRows = xml
      .split('<w:tbl>')
      .slice(1)
      .map((part) => part.split('</w:tbl>')[0]?.split('<w:tr>').length ?? 0);
    expect(docxRows.length).toBeGreaterThan(10);
    expect(Math.max(...docxRows)).toBeLessThanOrEqual(MAX_ROWS + 2);
    expect(xml).toContain('sheet of the registers workbook');
  }, 120_000);
});

describe('ReportOptions.limits', () => {
  const path = new URL('../../../../examples/pharma-tablet-plant/assessment.yaml', import.meta.url);
  const loaded = loadAssessmentText(readFileSync(path, 'utf8'), { fileName: 'assessment.yaml' });
  if (!loaded.ok) throw new Error('the pharma example does not load');
  const { model, assessment } = assess(loaded.file);

  it('details every zone and conduit of the pharma example under the defaults', () => {
    const document = buildReportDocument(model, assessment, options);
    expect(childIds(document, 'detailed-risk').length).toBeGreaterThan(5);
    expect(notesText(document).some((text) => text.includes('registers workbook'))).toBe(false);
  });

  it('applies lower limits given in the options, field by field', () => {
    const document = buildReportDocument(model, assessment, { ...options, limits: { subjectSections: 5 } });
    expect(childIds(document, 'detailed-risk').length).toBeLessThanOrEqual(5);
    expect(childIds(document, 'gap-analysis').length).toBeLessThanOrEqual(5);
    const tight = buildReportDocument(model, assessment, {
      ...options,
      limits: { tableRows: 10, topRows: 4 },
    });
    const assetTables = tablesOf(tight).filter((table) => table.caption?.startsWith('Assets: the 4 '));
    expect(assetTables.length).toBeGreaterThan(0);
    expect(assetTables.every((table) => table.rows.length === 4)).toBe(true);
  });
});
