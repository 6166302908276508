import { assess } from '../engine';
import { EXIT } from '../exit-codes';
import { evaluateGates } from '../gates';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';
import { renderSummary } from '../render-summary';

/** `zonewise assess <file>`: summary or JSON; `--fail-on` turns it into a CI gate (exit 1). */
export const assessCommand = (
  io: CliIo,
  file: string,
  options: { readonly format: 'text' | 'json'; readonly failOn?: string; readonly output?: string },
): number => {
  const outcome = loadAssessment(io, file);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  printDiagnostics(io, outcome.warnings);
  const assessment = assess(outcome.model);
  const gates = options.failOn ? evaluateGates(assessment, options.failOn) : [];
  const text =
    options.format === 'json'
      ? `${JSON.stringify(gates.length > 0 ? { ...assessment, gates } : assessment, null, 2)}\n`
      : renderSummary(assessment);
  if (options.output) io.writeText(options.output, text);
  else io.stdout(text);
  const failed = gates.filter((gate) => gate.failures.length > 0);
  for (const gate of gates) {
    io.stderr(
      `gate ${gate.gate}: ${gate.failures.length === 0 ? 'passed' : `FAILED (${gate.failures.length})`}\n`,
    );
    for (const failure of gate.failures.slice(0, 20)) io.stderr(`  ${failure}\n`);
    if (gate.failures.length > 20) io.stderr(`  … ${gate.failures.length - 20} more\n`);
  }
  return failed.length > 0 ? EXIT.gateFailed : EXIT.ok;
};
