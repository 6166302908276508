import type { Diagnostic, SystemFileInput } from '@zonewise/core';
import {
  EMPTY_INVENTORY_MAPPING,
  importInventory,
  isInventoryHeader,
  loadAssessmentText,
  parseInventoryMapping,
  type AssetDraft,
  type InventoryImport,
  type InventoryMapping,
  type Table,
} from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import { mergeIntoAssessment } from '../import/merge-into-assessment';
import { readImportInputs } from '../import/read-import-tables';
import type { CliIo } from '../io';
import { printDiagnostics } from '../print-diagnostics';

/** Options of `zonewise import inventory`. */
export interface ImportInventoryOptions {
  readonly into?: string;
  readonly map?: string;
  readonly sheet?: string;
  readonly format: 'text' | 'json';
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const hasError = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');

/** Imports every table in turn, each into the result of the one before. */
const importAll = (
  tables: readonly Table[],
  mapping: InventoryMapping,
  into: SystemFileInput | undefined,
): {
  readonly results: readonly InventoryImport[];
  readonly file?: SystemFileInput;
  readonly assets: readonly AssetDraft[];
} => {
  const results: InventoryImport[] = [];
  let file = into;
  let assets: readonly AssetDraft[] = [];
  for (const table of tables) {
    const result = importInventory(table, {
      mapping,
      ...(file === undefined ? { assets } : { into: file }),
    });
    results.push(result);
    if (result.file !== undefined) file = result.file;
    assets = result.allAssets;
  }
  return { results, ...(file === undefined ? {} : { file }), assets };
};

const summaryLines = (table: Table, result: InventoryImport): string[] => {
  const { added, updated, unchanged, skipped } = result.summary;
  return [
    `${table.fileName}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${skipped.length} skipped (matched by ${result.key})`,
    ...added.map((entry) => `  + ${entry.id} "${entry.name}" (row ${entry.row})`),
    ...updated.map((entry) => `  ~ ${entry.id}: ${entry.fields.join(', ')} (row ${entry.row})`),
    ...skipped.map((entry) => `  - row ${entry.row} skipped: ${entry.reason}`),
  ];
};

const assetLine = (asset: AssetDraft): string => {
  const addresses = (asset.interfaces ?? []).map((entry) => entry.ip ?? entry.mac).join(', ');
  const product = [asset.vendor, asset.product, asset.version].filter((part) => part !== undefined).join(' ');
  return `  ${asset.id.padEnd(24)} ${asset.kind.padEnd(24)} ${addresses.padEnd(18)} ${product}`.trimEnd();
};

/**
 * `zonewise import inventory <files…> [--map mapping.yaml] [--sheet name] [--into assessment.yaml]`: reads asset
 * inventories (CSV in any common encoding and delimiter, or an XLSX sheet), guesses or maps the columns, and either
 * prints the assets found (text or JSON `{ assets, files, diagnostics }`) or merges them into the assessment by
 * IP, MAC or name without duplicates, printing what was added, updated and skipped. Unreadable input, a missing
 * name/IP column or a wrong mapping exits 2 with the file, row and column, and nothing is written.
 */
export const importInventoryCommand = async (
  io: CliIo,
  inputs: readonly string[],
  options: ImportInventoryOptions,
): Promise<number> => {
  if (inputs.length === 0) throw new CliError('name at least one inventory file (.csv or .xlsx).');
  const read = await readImportInputs(
    io,
    inputs,
    options,
    EMPTY_INVENTORY_MAPPING,
    parseInventoryMapping,
    isInventoryHeader,
  );
  if (read === undefined) return EXIT.invalidInput;
  const { mapping, tables, diagnostics: readDiagnostics } = read;

  if (options.into === undefined) {
    const { results, assets } = importAll(tables, mapping, undefined);
    const diagnostics = [...readDiagnostics, ...results.flatMap((result) => result.diagnostics)];
    printDiagnostics(io, diagnostics);
    if (hasError(diagnostics)) return EXIT.invalidInput;
    if (options.format === 'json') {
      const files = results.map((result, index) => ({
        file: tables[index]?.fileName,
        columns: result.columns,
        key: result.key,
        summary: result.summary,
      }));
      io.stdout(`${JSON.stringify({ assets, files, diagnostics }, null, 2)}\n`);
      return EXIT.ok;
    }
    const lines = results.flatMap((result, index) => {
      const table = tables[index];
      if (table === undefined) return [];
      const columns = Object.entries(result.columns).map(([field, header]) => `${field} ← "${header}"`);
      return [
        `${table.fileName}: ${count(result.summary.added.length + result.summary.updated.length + result.summary.unchanged.length, 'asset')}, ${count(result.summary.skipped.length, 'row')} skipped; columns: ${columns.join(', ')}`,
        ...result.assets.map(assetLine),
        ...result.summary.skipped.map((entry) => `  - row ${entry.row} skipped: ${entry.reason}`),
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
      const zoneless = results.flatMap((result) => {
        const added = new Set(result.summary.added.map((entry) => entry.id));
        return result.assets.filter((asset) => added.has(asset.id) && asset.zone === undefined);
      });
      if (zoneless.length > 0) {
        summary.push(
          `${zoneless.length} imported asset${zoneless.length === 1 ? ' has' : 's have'} no zone: assign ${zoneless.length === 1 ? 'it' : 'them'} (a zone column, "defaults: { zone: … }" in the mapping, or by hand).`,
        );
      }
      const files = results.map((result, index) => ({
        file: tables[index]?.fileName,
        columns: result.columns,
        key: result.key,
        summary: result.summary,
      }));
      return { file: merged ?? file, summary, details: { files, diagnostics } };
    },
    { format: options.format },
  );
};
