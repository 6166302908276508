import type { Diagnostic } from '@zonewise/core';
import { loadImportMapping, readTable, type MappingReader, type Table } from '@zonewise/formats';
import type { CliIo } from '../io';
import { printDiagnostics } from '../print-diagnostics';

/** The parts of a tabular mapping (inventory, PHA) that the shared reading steps use. */
interface TableMapping {
  readonly sheet?: string | undefined;
  readonly delimiter?: string | undefined;
}

const hasError = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.severity === 'error');

/** Reads the `--map` file with the importer's parser; the importer's empty mapping without one, none on errors. */
export const readImportMapping = <M>(
  io: CliIo,
  path: string | undefined,
  empty: M,
  parse: (reader: MappingReader) => { readonly mapping: M; readonly diagnostics: readonly Diagnostic[] },
): { readonly mapping?: M; readonly diagnostics: readonly Diagnostic[] } => {
  if (path === undefined) return { mapping: empty, diagnostics: [] };
  const loaded = loadImportMapping(io.readText(path), path);
  if (!loaded.ok) return { diagnostics: loaded.diagnostics };
  const parsed = parse(loaded.reader);
  return hasError(parsed.diagnostics) ? { diagnostics: parsed.diagnostics } : parsed;
};

/** Reads every input (CSV or XLSX) into a table, with the problems met; `isKnownHeader` finds the header row. */
export const readImportTables = async (
  io: CliIo,
  inputs: readonly string[],
  mapping: TableMapping,
  sheet: string | undefined,
  isKnownHeader: (name: string) => boolean,
): Promise<{ readonly tables: readonly Table[]; readonly diagnostics: readonly Diagnostic[] }> => {
  const tables: Table[] = [];
  const diagnostics: Diagnostic[] = [];
  const wantedSheet = sheet ?? mapping.sheet;
  for (const path of inputs) {
    const read = await readTable(io.readBytes(path), {
      fileName: path,
      ...(wantedSheet === undefined ? {} : { sheet: wantedSheet }),
      ...(mapping.delimiter === undefined ? {} : { delimiter: mapping.delimiter }),
      isKnownHeader,
    });
    diagnostics.push(...read.diagnostics);
    if (read.table !== undefined) tables.push(read.table);
  }
  return { tables, diagnostics };
};

/**
 * The common first step of the tabular importers: reads the `--map` file and every input table. Prints the problems
 * and returns undefined when any is an error (the command then exits 2 and writes nothing).
 */
export const readImportInputs = async <M extends TableMapping>(
  io: CliIo,
  inputs: readonly string[],
  options: { readonly map?: string | undefined; readonly sheet?: string | undefined },
  empty: M,
  parse: (reader: MappingReader) => { readonly mapping: M; readonly diagnostics: readonly Diagnostic[] },
  isKnownHeader: (name: string, mapping: M) => boolean,
): Promise<
  | { readonly mapping: M; readonly tables: readonly Table[]; readonly diagnostics: readonly Diagnostic[] }
  | undefined
> => {
  const { mapping, diagnostics: mappingDiagnostics } = readImportMapping(io, options.map, empty, parse);
  if (mapping === undefined) {
    printDiagnostics(io, mappingDiagnostics);
    return undefined;
  }
  const { tables, diagnostics: tableDiagnostics } = await readImportTables(
    io,
    inputs,
    mapping,
    options.sheet,
    (header) => isKnownHeader(header, mapping),
  );
  const diagnostics = [...mappingDiagnostics, ...tableDiagnostics];
  if (hasError(diagnostics)) {
    printDiagnostics(io, diagnostics);
    return undefined;
  }
  return { mapping, tables, diagnostics };
};
