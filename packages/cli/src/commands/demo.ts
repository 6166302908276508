import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { assess } from '../engine';
import { renderReportHtml, renderReportMarkdown } from '@zonewise/formats';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';
import { renderSummary } from '../render-summary';
import { reportTimestamp } from './report';

/** The demo example shipped in the repository. */
export const DEMO_EXAMPLE = fileURLToPath(
  new URL('../../../../examples/pharma-tablet-plant/assessment.yaml', import.meta.url),
);

/**
 * `zonewise demo` (what `npm start` runs until the workbench server exists): assesses the pharma example, prints
 * the summary and writes the HTML and Markdown reports and the JSON results into a folder.
 */
export const demoCommand = (
  io: CliIo,
  options: { readonly out: string; readonly example?: string },
): number => {
  const example = options.example ?? relative(io.cwd, DEMO_EXAMPLE);
  const outcome = loadAssessment(io, example);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  const assessment = assess(outcome.model);
  const reportOptions = { generatedAt: reportTimestamp(undefined), document: 'full' } as const;
  const files = {
    'report.html': renderReportHtml(outcome.model, assessment, reportOptions),
    'report.md': renderReportMarkdown(outcome.model, assessment, reportOptions),
    'assessment.json': `${JSON.stringify(assessment, null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) io.writeText(join(options.out, name), text);
  io.stdout(renderSummary(assessment));
  io.stdout(`\nDemo: ${example}\n`);
  for (const name of Object.keys(files)) io.stdout(`  wrote ${join(options.out, name)}\n`);
  io.stdout(`Open ${join(options.out, 'report.html')} in a browser. Next: zonewise init my-plant\n`);
  return EXIT.ok;
};
