import { join } from 'node:path';
import { buildRegisters, writeRegistersCsv, writeRegistersXlsx } from '@zonewise/formats';
import { assess } from '../engine';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { loadAssessment } from '../load-assessment';
import { printDiagnostics } from '../print-diagnostics';
import { reportTimestamp } from './report';

/** Options of `zonewise export registers`. */
export interface ExportRegistersOptions {
  readonly output?: string;
  /** xlsx (one workbook) or csv (a folder with one file per register); from the output name when absent. */
  readonly format?: 'xlsx' | 'csv';
  readonly bom?: boolean;
  readonly generatedAt?: string;
}

/**
 * `zonewise export registers <assessment> -o registers.xlsx` (or `--format csv -o folder/`): the asset,
 * zone/conduit, risk, compliance, countermeasure and vulnerability registers, as one workbook or one CSV per
 * register. Editable columns (status, owner, due date, evidence) come back with `zonewise import registers`.
 */
export const exportRegistersCommand = async (
  io: CliIo,
  file: string,
  options: ExportRegistersOptions,
): Promise<number> => {
  const output = options.output;
  if (output === undefined) {
    throw new CliError('name the output: -o registers.xlsx, or --format csv -o registers/ for a CSV folder.');
  }
  const format =
    options.format ?? (/\.xlsx$/i.test(output) ? 'xlsx' : /\.csv$/i.test(output) ? undefined : 'csv');
  if (format === undefined) {
    throw new CliError(`${output}: CSV registers are a folder of files: give a folder, e.g. -o registers/.`);
  }
  const generatedAt = reportTimestamp(options.generatedAt);
  const outcome = loadAssessment(io, file);
  if (!outcome.ok) {
    printDiagnostics(io, outcome.diagnostics);
    return EXIT.invalidInput;
  }
  printDiagnostics(io, outcome.warnings);
  const set = buildRegisters(outcome.model, assess(outcome.model), { generatedAt });
  const rows = set.registers.map((register) => `${register.title} ${register.rows.length}`).join(', ');
  if (format === 'xlsx') {
    io.writeText(output, await writeRegistersXlsx(set, { generatedAt }));
    io.stderr(`wrote ${output} (${rows})\n`);
    return EXIT.ok;
  }
  for (const csv of writeRegistersCsv(set, { withBom: options.bom === true })) {
    io.writeText(join(output, csv.name), csv.bytes);
  }
  io.stderr(`wrote ${set.registers.length} CSV files to ${output} (${rows})\n`);
  return EXIT.ok;
};
