import { basename, join } from 'node:path';
import { modelSha256, resolveSystem, type Diagnostic, type SystemFileInput } from '@zonewise/core';
import {
  REGISTER_IDS,
  checkRegisterModel,
  importRegisters,
  loadAssessmentText,
  readRegisterCsv,
  readRegisterWorkbook,
  type RegisterChange,
  type RegisterId,
  type RegisterImport,
  type RegisterTablesRead,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import { mergeIntoAssessment } from '../import/merge-into-assessment';
import type { CliIo } from '../io';
import { printDiagnostics } from '../print-diagnostics';

/** Options of `zonewise import registers`. */
export interface ImportRegistersOptions {
  readonly into?: string;
  /** Report what would change and write nothing. */
  readonly dryRun?: boolean;
  readonly format: 'text' | 'json';
}

const hasError = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');

const registerOfFile = (path: string): RegisterId | undefined =>
  REGISTER_IDS.find((id) => basename(path).toLowerCase() === `${id}.csv`);

/** Reads a workbook, one register CSV, or a folder of them (found by their exported names). */
const readInput = async (io: CliIo, input: string): Promise<RegisterTablesRead> => {
  if (/\.csv$/i.test(input)) {
    const register = registerOfFile(input);
    if (register === undefined) {
      throw new CliError(
        `${input}: not a register file name; the exported names are ${REGISTER_IDS.map((id) => `${id}.csv`).join(', ')}.`,
      );
    }
    return readRegisterCsv(io.readBytes(input), input, register);
  }
  const inFolder = REGISTER_IDS.map((id) => ({ id, path: join(input, `${id}.csv`) })).filter(({ path }) =>
    io.exists(path),
  );
  if (inFolder.length > 0) {
    const reads = inFolder.map(({ id, path }) => readRegisterCsv(io.readBytes(path), path, id));
    return {
      tables: reads.flatMap((read) => read.tables),
      diagnostics: reads.flatMap((read) => read.diagnostics),
    };
  }
  return readRegisterWorkbook(io.readBytes(input), input);
};

const fieldText = (change: RegisterChange): string =>
  change.fields
    .map(
      (field) =>
        `${field.field} ${field.from === undefined ? '∅' : JSON.stringify(field.from)} → ${field.to === undefined ? '∅' : JSON.stringify(field.to)}`,
    )
    .join(', ');

const SYMBOL: Readonly<Record<RegisterChange['kind'], string>> = {
  added: '+',
  updated: '~',
  unchanged: '=',
  skipped: '-',
};

/** Counts per source, then one line per added, updated and skipped row (unchanged rows are only counted). */
const summaryLines = (result: RegisterImport): string[] => {
  const sources = [...new Set(result.changes.map((change) => change.source))];
  const lines = sources.flatMap((source) => {
    const changes = result.changes.filter((change) => change.source === source);
    const count = (kind: RegisterChange['kind']): number =>
      changes.filter((change) => change.kind === kind).length;
    return [
      `${source}: ${count('added')} added, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('skipped')} skipped`,
      ...changes
        .filter((change) => change.kind !== 'unchanged')
        .map(
          (change) =>
            `  ${SYMBOL[change.kind]} row ${change.row} ${change.key}${change.kind === 'skipped' ? ` skipped: ${change.reason ?? ''}` : `: ${fieldText(change)}`}`,
        ),
    ];
  });
  return [...lines, ...result.readOnly.map((source) => `${source}: derived by the engine, not read back`)];
};

/**
 * `zonewise import registers <registers.xlsx | folder | register.csv> --into assessment.yaml`: brings the editable
 * columns of exported registers back into the assessment file and reports every row as added, updated, unchanged or
 * skipped. Unknown ids, bad statuses and bad dates are printed with sheet, row and column, and nothing is written.
 */
export const importRegistersCommand = async (
  io: CliIo,
  input: string,
  options: ImportRegistersOptions,
): Promise<number> => {
  const into = options.into;
  if (into === undefined) throw new CliError('name the assessment to update: --into assessment.yaml.');
  const read = await readInput(io, input);
  if (hasError(read.diagnostics)) {
    printDiagnostics(io, read.diagnostics);
    io.stderr(`${into}: nothing was written.\n`);
    return EXIT.invalidInput;
  }
  const loaded = loadAssessmentText(io.readText(into), { fileName: into });
  if (!loaded.ok) {
    printDiagnostics(io, loaded.diagnostics);
    return EXIT.invalidInput;
  }
  const trial = importRegisters(loaded.file as SystemFileInput, read.tables);
  const resolved = read.modelSha256 === undefined ? undefined : resolveSystem(loaded.file);
  const diagnostics = [
    ...read.diagnostics,
    ...checkRegisterModel(
      read.modelSha256,
      resolved?.ok === true ? modelSha256(resolved.value.file) : undefined,
      input,
    ),
    ...trial.diagnostics,
  ];
  printDiagnostics(io, diagnostics);
  if (trial.file === undefined) {
    io.stderr(`${into}: nothing was written.\n`);
    return EXIT.invalidInput;
  }
  const details = { changes: trial.changes, readOnly: trial.readOnly, diagnostics };
  if (options.dryRun === true) {
    if (options.format === 'json')
      io.stdout(`${JSON.stringify({ into, written: false, ...details }, null, 2)}\n`);
    else io.stdout(`${[...summaryLines(trial), `${into}: dry run, nothing was written`].join('\n')}\n`);
    return EXIT.ok;
  }
  return mergeIntoAssessment(
    io,
    into,
    (file) => {
      const result = importRegisters(file, read.tables);
      return { file: result.file ?? file, summary: summaryLines(result), details };
    },
    { format: options.format },
  );
};
