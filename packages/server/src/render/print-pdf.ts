import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Assessment, SystemModel } from '@zonewise/core';
import {
  buildReportDocument,
  renderDocumentHtml,
  type ReportDocument,
  type ReportOptions,
} from '@zonewise/formats';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; Playwright's own browser downloads are not used (docs/architecture.md, machine facts). */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** What to install when Chromium is missing, printed by the CLI and the server. */
export const CHROMIUM_INSTALL_HINT = 'apt-get install -y chromium fonts-liberation';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Thrown when no Chromium is installed at the given path; `code` is stable for callers to branch on. */
export class PdfEngineMissingError extends Error {
  readonly code = 'pdf-engine-missing';
  constructor(readonly executablePath: string) {
    super(
      `no Chromium at ${executablePath}: PDF reports are printed by Chromium. Install it with "${CHROMIUM_INSTALL_HINT}", or write HTML or Word instead.`,
    );
  }
}

/** Header and footer texts of every printed page, and where Chromium is. */
export interface PrintPdfOptions {
  /** Left of the page header: the document id. */
  readonly headerLeft: string;
  /** Right of the page header: the classification. */
  readonly headerRight: string;
  /** Left of the footer (title, generated at); the right holds "Page X of Y". */
  readonly footerLeft: string;
  readonly executablePath?: string;
  /** Milliseconds for loading and printing; 0 waits as long as it takes (a 10k-asset report takes minutes). */
  readonly timeoutMs?: number;
}

const escapeTemplate = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

// Chromium renders header and footer templates at a tiny default size unless told; the side padding matches the
// page margins below. Long texts (a classification can be a sentence) wrap within their half instead of overlapping.
const band = (left: string, right: string, fixed: 'left' | 'right'): string => {
  const fixedStyle = 'flex: 0 0 auto; white-space: nowrap;';
  const fluidStyle = 'flex: 0 1 auto; overflow-wrap: anywhere;';
  return `<div style="font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7.5pt; color: #555f6b; width: 100%; padding: 0 13mm; display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm;"><span style="${fixed === 'left' ? fixedStyle : fluidStyle}">${left}</span><span style="${fixed === 'right' ? fixedStyle : fluidStyle} text-align: right;">${right}</span></div>`;
};

/**
 * Prints a self-contained HTML document to an A4 PDF with Debian's Chromium (headless, via playwright-core), with
 * the document id and classification in the header and "Page X of Y" in the footer. Scripts are off and every
 * request other than the file itself is refused, so the report cannot reach the network.
 */
export const printHtmlToPdf = async (html: string, options: PrintPdfOptions): Promise<Uint8Array> => {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) throw new PdfEngineMissingError(executablePath);
  // A file URL rather than setContent: large reports load without going through one protocol message.
  const folder = await mkdtemp(join(tmpdir(), 'zonewise-pdf-'));
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
    const file = join(folder, 'report.html');
    await writeFile(file, html, 'utf8');
    const fileUrl = pathToFileURL(file).href;
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) =>
      route.request().url() === fileUrl ? route.continue() : route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    const timeout = options.timeoutMs ?? 0;
    page.setDefaultTimeout(timeout);
    await page.goto(fileUrl, { waitUntil: 'load', timeout });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: band(
        `<b>${escapeTemplate(options.headerLeft)}</b>`,
        escapeTemplate(options.headerRight),
        'left',
      ),
      footerTemplate: band(
        escapeTemplate(options.footerLeft),
        'Page <span class="pageNumber"></span> of <span class="totalPages"></span>',
        'right',
      ),
      margin: { top: '18mm', bottom: '18mm', left: '13mm', right: '13mm' },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await browser?.close();
    await rm(folder, { recursive: true, force: true });
  }
};

const metaValue = (document: ReportDocument, key: string): string | undefined =>
  document.meta.find((entry) => entry.key === key)?.value;

/** Prints a report document: its HTML rendering with the document id and classification on every page. */
export const printReportDocumentPdf = (
  document: ReportDocument,
  options: { readonly executablePath?: string; readonly timeoutMs?: number } = {},
): Promise<Uint8Array> => {
  return printHtmlToPdf(renderDocumentHtml(document), {
    headerLeft: metaValue(document, 'Document') ?? 'Zonewise report',
    headerRight: metaValue(document, 'Classification') ?? '',
    footerLeft: `${document.title} · generated ${document.generatedAt}`,
    ...options,
  });
};

/**
 * The assessment report (or the CRS) as a PDF: the same content as the HTML report, paginated by Chromium.
 * Throws `PdfEngineMissingError` when Chromium is not installed.
 */
export const renderReportPdf = (
  model: SystemModel,
  assessment: Assessment,
  options: ReportOptions & { readonly executablePath?: string; readonly timeoutMs?: number },
): Promise<Uint8Array> => {
  // Every report option (document, time, size limits) goes to the document; the rest is the printer's.
  const { executablePath, timeoutMs, ...report } = options;
  return printReportDocumentPdf(buildReportDocument(model, assessment, report), {
    ...(executablePath === undefined ? {} : { executablePath }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
};
