import { assess } from '../engine';
import { renderReportHtml, renderReportMarkdown } from '@zonewise/formats';
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

/** `zonewise report <file>`: the full report or the CRS as HTML, Markdown or JSON. */
export const reportCommand = (
  io: CliIo,
  file: string,
  options: {
    readonly format: 'html' | 'md' | 'json';
    readonly document: 'full' | 'crs';
    readonly output?: string;
    readonly generatedAt?: string;
  },
): number => {
  const generatedAt = reportTimestamp(options.generatedAt);
  const outcome = loadAssessment(io, file);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  printDiagnostics(io, outcome.warnings);
  const assessment = assess(outcome.model);
  const reportOptions = { generatedAt, document: options.document } as const;
  const text =
    options.format === 'html'
      ? renderReportHtml(outcome.model, assessment, reportOptions)
      : options.format === 'md'
        ? renderReportMarkdown(outcome.model, assessment, reportOptions)
        : `${JSON.stringify(options.document === 'crs' ? assessment.crs : assessment, null, 2)}\n`;
  if (options.output) {
    io.writeText(options.output, text);
    io.stderr(
      `wrote ${options.output} (${options.document === 'crs' ? 'CRS' : 'assessment report'}, ${options.format})\n`,
    );
  } else {
    io.stdout(text);
  }
  return EXIT.ok;
};
