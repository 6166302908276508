import { assess } from '../engine';
import {
  buildReportDocument,
  renderDocumentDocx,
  renderDocumentHtml,
  renderDocumentMarkdown,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';

/** The report timestamp: the option, else SOURCE_DATE_EPOCH (reproducible builds), else now. */
export const reportTimestamp = (
  option: string | undefined,
  environment: NodeJS.ProcessEnv = process.env,
): string => {
  if (option !== undefined) {
    const parsed = new Date(option);
    if (Number.isNaN(parsed.getTime()))
      throw new CliError(
        `--generated-at "${option}" is not a date: use ISO 8601, e.g. 2026-11-25T10:00:00Z.`,
      );
    return parsed.toISOString();
  }
  const epoch = environment['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
};

/** Every `--format` of `zonewise report`; docx and pdf are binary. */
export const REPORT_FORMATS = ['html', 'md', 'json', 'docx', 'pdf'] as const;

/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of `zonewise report`; `chromiumPath` is for tests and hosts whose Chromium is elsewhere. */
export interface ReportCommandOptions {
  readonly format: ReportFormat;
  readonly document: 'full' | 'crs';
  readonly output?: string;
  readonly generatedAt?: string;
  readonly chromiumPath?: string;
}

// Word and PDF rendering needs native code (resvg, Chromium) that lives in @zonewise/server; it is loaded only for
// those formats, so the text formats start as fast as before.
const loadRenderers = async () => import('@zonewise/server');

/**
 * `zonewise report <file>`: the full report or the CRS as HTML, Markdown, JSON, Word or PDF. Binary formats go to
 * `-o`, or to standard output only when it is not a terminal.
 */
export const reportCommand = async (
  io: CliIo,
  file: string,
  options: ReportCommandOptions,
): Promise<number> => {
  const generatedAt = reportTimestamp(options.generatedAt);
  const isBinary = options.format === 'docx' || options.format === 'pdf';
  if (isBinary && options.output === undefined && io.isInteractive) {
    throw new CliError(
      `--format ${options.format} writes a binary file: give -o report.${options.format}, or redirect standard output to a file.`,
    );
  }
  const outcome = loadAssessment(io, file);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  printDiagnostics(io, outcome.warnings);
  const assessment = assess(outcome.model);
  const label = `${options.document === 'crs' ? 'CRS' : 'assessment report'}, ${options.format}`;
  if (options.format === 'json') {
    return emitText(
      io,
      `${JSON.stringify(options.document === 'crs' ? assessment.crs : assessment, null, 2)}\n`,
      options.output,
      label,
    );
  }
  const document = buildReportDocument(outcome.model, assessment, {
    generatedAt,
    document: options.document,
  });
  switch (options.format) {
    case 'html':
      return emitText(io, renderDocumentHtml(document), options.output, label);
    case 'md':
      return emitText(io, renderDocumentMarkdown(document), options.output, label);
    case 'docx': {
      const { rasteriseSvg } = await loadRenderers();
      return emitBytes(
        io,
        await renderDocumentDocx(document, { rasterise: rasteriseSvg }),
        options.output,
        label,
      );
    }
    case 'pdf': {
      const { printReportDocumentPdf, PdfEngineMissingError } = await loadRenderers();
      try {
        const pdf = await printReportDocumentPdf(
          document,
          options.chromiumPath === undefined ? {} : { executablePath: options.chromiumPath },
        );
        return emitBytes(io, pdf, options.output, label);
      } catch (cause) {
        if (cause instanceof PdfEngineMissingError) throw new CliError(cause.message);
        throw cause;
      }
    }
  }
};

const emitText = (io: CliIo, text: string, output: string | undefined, label: string): number => {
  if (output) {
    io.writeText(output, text);
    io.stderr(`wrote ${output} (${label})\n`);
  } else {
    io.stdout(text);
  }
  return EXIT.ok;
};

const emitBytes = (io: CliIo, bytes: Uint8Array, output: string | undefined, label: string): number => {
  if (output) {
    io.writeBytes(output, bytes);
    io.stderr(`wrote ${output} (${label}, ${Math.ceil(bytes.length / 1024)} KiB)\n`);
  } else {
    io.stdoutBytes(bytes);
  }
  return EXIT.ok;
};
