import { consistencyDiagnostics } from '@zonewise/core';
import { locateDiagnostics } from '@zonewise/formats';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';

/** `zonewise validate <files…>`: exit 0 when every file resolves, 2 when any has an error. */
export const validateCommand = (io: CliIo, files: readonly string[]): number => {
  let code: number = EXIT.ok;
  for (const file of files) {
    const outcome = loadAssessment(io, file);
    if (!outcome.ok) {
      printDiagnostics(io, outcome.diagnostics);
      io.stdout(`${file}: invalid\n`);
      code = EXIT.invalidInput;
      continue;
    }
    const inconsistencies = locateDiagnostics(consistencyDiagnostics(outcome.model), outcome.source);
    printDiagnostics(io, [...inconsistencies, ...outcome.warnings]);
    if (inconsistencies.length > 0) {
      io.stdout(`${file}: invalid\n`);
      code = EXIT.invalidInput;
      continue;
    }
    const { model } = outcome;
    io.stdout(
      `${file}: valid (${model.assets.length} assets, ${model.zones.length} zones, ${model.conduits.length} conduits, ${model.dataFlows.length} data flows, ${model.threatScenarios.length} threat scenarios)\n`,
    );
  }
  return code;
};
