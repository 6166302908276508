import type { Diagnostic, SystemFileInput } from '@zonewise/core';
import {
  EMPTY_PHA_MAPPING,
  importPha,
  isPhaHeader,
  loadAssessmentText,
  parsePhaMapping,
  type PhaImport,
  type PhaMapping,
  type PhaScenario,
  type Table,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import { mergeIntoAssessment } from '../import/merge-into-assessment';
import { readImportInputs } from '../import/read-import-tables';
import type { CliIo } from '../io';
import { printDiagnostics } from '../print-diagnostics';

/** Options of `zonewise import pha`. */
export interface ImportPhaOptions {
  readonly into?: string;
  readonly map?: string;
  readonly sheet?: string;
  readonly format: 'text' | 'json';
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const hasError = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');

/** Imports every worksheet in turn, each into the result of the one before (one study per worksheet). */
const importAll = (
  tables: readonly Table[],
  mapping: PhaMapping,
  into: SystemFileInput | undefined,
): { readonly results: readonly PhaImport[]; readonly file?: SystemFileInput } => {
  const results: PhaImport[] = [];
  let file = into;
  for (const table of tables) {
    const result = importPha(table, { mapping, ...(file === undefined ? {} : { into: file }) });
    results.push(result);
    if (result.file !== undefined) file = result.file;
  }
  return { results, ...(file === undefined ? {} : { file }) };
};

const severityText = (scenario: PhaScenario): string =>
  Object.entries(scenario.severities)
    .map(([category, level]) => `${category} ${level}`)
    .join(', ') || 'no severity';

const scenarioLine = (scenario: PhaScenario): string => {
  const hackable = scenario.safeguards.filter((safeguard) => safeguard.isHackable === true).length;
  const where = [scenario.node, scenario.deviation].filter((part) => part !== undefined).join(' / ');
  return `  ${scenario.id.padEnd(8)} ${where.padEnd(40)} ${severityText(scenario).padEnd(44)} safeguards ${scenario.safeguards.length} (${hackable} hackable)${scenario.hasOnlyHackableSafeguards ? '  ALL SAFEGUARDS HACKABLE' : ''}`;
};

const summaryLines = (table: Table, result: PhaImport): string[] => {
  const summary = result.summary;
  if (summary === undefined) return [];
  return [
    `${table.fileName}: study ${summary.study.id} ${summary.study.isNew ? 'added to' : 'updated in'} system.references (${count(summary.study.scenarios, 'scenario')}); threat scenarios: ${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged; ${count(summary.skipped.length, 'row')} skipped`,
    ...summary.created.map(
      (entry) => `  + ${entry.id} ← ${summary.study.id}#${entry.scenario} (row ${entry.row})`,
    ),
    ...summary.updated.map(
      (entry) => `  ~ ${entry.id} ← ${entry.scenario}: ${entry.fields.join(', ')} (row ${entry.row})`,
    ),
    ...summary.allSafeguardsHackable.map(
      (entry) =>
        `  ! ${summary.study.id}#${entry.scenario}: every safeguard is hackable${entry.threatScenario === undefined ? '' : ` (${entry.threatScenario})`}`,
    ),
    ...summary.skipped.map((entry) => `  - row ${entry.row} skipped: ${entry.reason}`),
  ];
};

/**
 * `zonewise import pha <files…> [--map mapping.yaml] [--sheet name] [--into assessment.yaml]`: reads HAZOP/LOPA
 * worksheets (CSV or XLSX) and either prints the PHA scenarios with their severities and hackable safeguards (text,
 * or JSON `{ references, scenarios, threatScenarios, summaries, diagnostics }`) or merges each worksheet into the
 * assessment as a study reference plus threat scenarios linked by `consequenceReference`. Scenarios whose every
 * safeguard is hackable are flagged. Unreadable input, a missing severity column or a wrong mapping exits 2.
 */
export const importPhaCommand = async (
  io: CliIo,
  inputs: readonly string[],
  options: ImportPhaOptions,
): Promise<number> => {
  if (inputs.length === 0) throw new CliError('name at least one PHA worksheet (.csv or .xlsx).');
  const read = await readImportInputs(io, inputs, options, EMPTY_PHA_MAPPING, parsePhaMapping, isPhaHeader);
  if (read === undefined) return EXIT.invalidInput;
  const { mapping, tables, diagnostics: readDiagnostics } = read;

  if (options.into === undefined) {
    const { results } = importAll(tables, mapping, undefined);
    const diagnostics = [...readDiagnostics, ...results.flatMap((result) => result.diagnostics)];
    printDiagnostics(io, diagnostics);
    if (hasError(diagnostics)) return EXIT.invalidInput;
    if (options.format === 'json') {
      const document = {
        references: results.flatMap((result) => result.reference ?? []),
        scenarios: results.flatMap((result) => result.study?.scenarios ?? []),
        threatScenarios: results.flatMap((result) => result.threatScenarios),
        summaries: results.flatMap((result) => result.summary ?? []),
        diagnostics,
      };
      io.stdout(`${JSON.stringify(document, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = results.flatMap((result) => {
      const study = result.study;
      if (study === undefined) return [];
      const severities = Object.entries(study.severityColumns).map(
        ([header, category]) => `"${header}" → ${category}`,
      );
      return [
        `${study.fileName}: study ${study.id}, ${count(study.scenarios.length, 'scenario')}, ${count(study.skipped.length, 'row')} skipped; severities: ${severities.join(', ')}`,
        ...study.scenarios.map(scenarioLine),
        ...study.skipped.map((entry) => `  - row ${entry.row} skipped: ${entry.reason}`),
      ];
    });
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  }

  const into = options.into;
  const loaded = loadAssessmentText(io.readText(into), { fileName: into });
  if (!loaded.ok) {
    printDiagnostics(io, [...readDiagnostics, ...loaded.diagnostics]);
    return EXIT.invalidInput;
  }
  const trial = importAll(tables, mapping, loaded.file as SystemFileInput);
  const diagnostics = [...readDiagnostics, ...trial.results.flatMap((result) => result.diagnostics)];
  printDiagnostics(io, diagnostics);
  if (hasError(diagnostics)) {
    io.stderr(`${into}: nothing was written.\n`);
    return EXIT.invalidInput;
  }
  return mergeIntoAssessment(
    io,
    into,
    (file) => {
      const { results, file: merged } = importAll(tables, mapping, file);
      const summary = results.flatMap((result, index) => {
        const table = tables[index];
        return table === undefined ? [] : summaryLines(table, result);
      });
      const summaries = results.flatMap((result, index) =>
        result.summary === undefined ? [] : [{ file: tables[index]?.fileName, ...result.summary }],
      );
      return { file: merged ?? file, summary, details: { summaries, diagnostics } };
    },
    { format: options.format },
  );
};
