import type { Diagnostic } from '@zonewise/core';
import { locateDiagnostics } from '../../project-file/locate-diagnostics';
import { slugId } from '../tabular/entity-id';
import { resolveColumns } from '../tabular/resolve-columns';
import type { Table, TableCell } from '../tabular/table';
import { PHA_COLUMN_GUESSES, type PhaField } from './pha-columns';
import { phaDiagnostic } from './pha-diagnostic';
import type { PhaMapping } from './pha-mapping';
import { parseSafeguards, type Safeguard } from './safeguards';
import { findSeverityColumns, severityNumber, type ImpactCategoryScale } from './severity-columns';

/** One PHA scenario (a HAZOP cause–consequence line or a LOPA scenario), traceable to its worksheet row. */
export interface PhaScenario {
  /** The study's own scenario id (e.g. "1.2.3"), or `row-N` when the worksheet has none. */
  readonly id: string;
  /** `<study id>#<scenario id>`: what threat scenarios store in `consequenceReference`. */
  readonly reference: string;
  readonly row: number;
  readonly node?: string;
  readonly deviation?: string;
  readonly cause?: string;
  readonly consequence?: string;
  /** Severity per impact category id, on the assessment's scale (1 = lowest). */
  readonly severities: Readonly<Record<string, number>>;
  readonly safeguards: readonly Safeguard[];
  /** At least one safeguard, and every one of them hackable: a cyber attack can defeat all protection. */
  readonly hasOnlyHackableSafeguards: boolean;
}

/** A worksheet read as one PHA study: its reference entry and scenarios. */
export interface PhaStudy {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly url?: string;
  readonly fileName: string;
  readonly scenarios: readonly PhaScenario[];
  /** Which column fed which field, and the severity columns with their categories. */
  readonly columns: Partial<Record<PhaField, string>>;
  readonly severityColumns: Readonly<Record<string, string>>;
  /** Rows that are not scenarios, with the reason. */
  readonly skipped: readonly { readonly row: number; readonly code: string; readonly reason: string }[];
}

const clean = (cell: TableCell | undefined): string | undefined => {
  const text = cell?.text.replace(/[ \t]+/g, ' ').trim();
  return text === undefined || text === '' ? undefined : text;
};

const baseName = (fileName: string): string => {
  const name = fileName.split(/[\\/]/).at(-1) ?? fileName;
  return name.replace(/\.[^.]+$/, '');
};

/**
 * Reads a HAZOP or LOPA worksheet into a {@link PhaStudy}. Node and deviation fill down from the row above when
 * empty (merged cells); a row with only safeguards continues the scenario above. Severities are mapped to the
 * assessment's impact categories and scale (a descending scale is turned around). The study id is the mapping's
 * `study.id` or the file name as an id. Needs a severity column and a consequence, deviation or cause column.
 */
export const readPhaStudy = (
  table: Table,
  categories: readonly ImpactCategoryScale[],
  mapping: PhaMapping,
): { readonly study?: PhaStudy; readonly diagnostics: readonly Diagnostic[] } => {
  const place = (diagnostics: readonly Diagnostic[]) =>
    mapping.source === undefined ? diagnostics : locateDiagnostics(diagnostics, mapping.source);
  const resolved = resolveColumns(table, PHA_COLUMN_GUESSES, mapping.columns, (field) => ['columns', field]);
  const taken = new Set(resolved.columns.values());
  const severity = findSeverityColumns(table, taken, categories, mapping);
  const diagnostics: Diagnostic[] = [...place(resolved.diagnostics), ...place(severity.diagnostics)];
  const found = table.columns
    .filter((name) => name !== '')
    .map((name) => `"${name}"`)
    .join(', ');
  const headerPlace = { line: table.header.row, column: 1 };
  if (severity.columns.length === 0 && !diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    diagnostics.push(
      phaDiagnostic(
        'pha-missing-column',
        'error',
        table.fileName,
        headerPlace,
        `No severity column was found (columns: ${found}): name them in a mapping file, e.g. "severities: { 'S': health-safety, 'E': environment }", and pass it with --map.`,
      ),
    );
  }
  if (!['consequence', 'deviation', 'cause'].some((field) => resolved.columns.has(field as PhaField))) {
    diagnostics.push(
      phaDiagnostic(
        'pha-missing-column',
        'error',
        table.fileName,
        headerPlace,
        `No consequence, deviation or cause column was found (columns: ${found}): map one, e.g. "columns: { consequence: 'Effect' }".`,
      ),
    );
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { diagnostics };

  const columns: Partial<Record<PhaField, string>> = {};
  for (const [field, index] of resolved.columns) columns[field] = table.columns[index] ?? '';
  const scale = new Map(categories.map((category) => [category.id, category.levels.length]));
  const studyId = mapping.study.id ?? slugId(baseName(table.fileName), 'pha-study');
  const scenarios: PhaScenario[] = [];
  const skipped: { row: number; code: string; reason: string }[] = [];
  const ids = new Map<string, number>();
  let node: string | undefined;
  let deviation: string | undefined;
  const hasIdColumn = resolved.columns.has('id');
  if (!hasIdColumn) {
    diagnostics.push(
      phaDiagnostic(
        'pha-missing-scenario-id',
        'warning',
        table.fileName,
        headerPlace,
        `The worksheet has no scenario id column, so scenarios are named by row (row-12): links break when rows move; add an id column or map it ("columns: { id: '…' }").`,
      ),
    );
  }
  for (const row of table.rows) {
    const cell = (field: PhaField) => {
      const index = resolved.columns.get(field);
      return index === undefined ? undefined : row.cells[index];
    };
    const text = (field: PhaField) => clean(cell(field));
    node = text('node') ?? node;
    deviation = text('deviation') ?? deviation;
    const severities: Record<string, number> = {};
    for (const column of severity.columns) {
      const valueCell = row.cells[column.index];
      const value = valueCell?.text.trim() ?? '';
      if (value === '' || valueCell === undefined) continue;
      const number = severityNumber(value);
      if (number === undefined) {
        diagnostics.push(
          phaDiagnostic(
            'pha-invalid-severity',
            'warning',
            table.fileName,
            valueCell,
            `"${value}" in column "${column.header}" is not a severity number and was left out.`,
          ),
        );
        continue;
      }
      const top = scale.get(column.category) ?? 5;
      const level =
        mapping.severityScale === 'descending' ? (mapping.severityLevels ?? top) + 1 - number : number;
      if (level < 1 || level > top) {
        diagnostics.push(
          phaDiagnostic(
            'pha-severity-out-of-range',
            'warning',
            table.fileName,
            valueCell,
            `Severity ${value} in column "${column.header}" is outside the ${column.category} scale (1 … ${top}) and was left out: check the scale direction (severityScale) or the assessment's impact levels.`,
          ),
        );
        continue;
      }
      // Two columns for one category (e.g. "People" and "Safety"): the worse one counts.
      severities[column.category] = Math.max(severities[column.category] ?? 0, level);
    }
    const parsed = parseSafeguards(cell('safeguards')?.text ?? '', cell('hackable')?.text ?? '');
    for (const problem of parsed.problems) {
      diagnostics.push(
        phaDiagnostic(
          problem.code,
          'warning',
          table.fileName,
          cell('hackable') ?? { line: row.row, column: 1 },
          problem.message,
        ),
      );
    }
    const id = text('id');
    const cause = text('cause');
    const consequence = text('consequence');
    const hasSeverity = Object.keys(severities).length > 0;
    const previous = scenarios.at(-1);
    if (id === undefined && cause === undefined && consequence === undefined && !hasSeverity) {
      if (parsed.safeguards.length > 0 && previous !== undefined) {
        const safeguards = [...previous.safeguards, ...parsed.safeguards];
        scenarios[scenarios.length - 1] = {
          ...previous,
          safeguards,
          hasOnlyHackableSafeguards: safeguards.every((safeguard) => safeguard.isHackable === true),
        };
      }
      continue;
    }
    if (consequence === undefined && !hasSeverity) {
      const reason = 'it has neither a consequence nor a severity';
      skipped.push({ row: row.row, code: 'pha-row-without-consequence', reason });
      diagnostics.push(
        phaDiagnostic(
          'pha-row-without-consequence',
          'warning',
          table.fileName,
          { line: row.row, column: 1 },
          `Row ${row.row} skipped: ${reason}.`,
        ),
      );
      continue;
    }
    if (hasIdColumn && id === undefined) {
      diagnostics.push(
        phaDiagnostic(
          'pha-missing-scenario-id',
          'warning',
          table.fileName,
          { line: row.row, column: 1 },
          `Row ${row.row} has no scenario id; it was named row-${row.row}: give it an id so links survive edits.`,
        ),
      );
    }
    const scenarioId = id ?? `row-${row.row}`;
    const earlier = ids.get(scenarioId);
    if (earlier !== undefined) {
      const reason = `its scenario id ${scenarioId} is already on row ${earlier}`;
      skipped.push({ row: row.row, code: 'pha-duplicate-scenario-id', reason });
      diagnostics.push(
        phaDiagnostic(
          'pha-duplicate-scenario-id',
          'warning',
          table.fileName,
          cell('id') ?? { line: row.row, column: 1 },
          `Row ${row.row} skipped: ${reason}; give each scenario its own id.`,
        ),
      );
      continue;
    }
    ids.set(scenarioId, row.row);
    scenarios.push({
      id: scenarioId,
      reference: `${studyId}#${scenarioId}`,
      row: row.row,
      ...(node === undefined ? {} : { node }),
      ...(deviation === undefined ? {} : { deviation }),
      ...(cause === undefined ? {} : { cause }),
      ...(consequence === undefined ? {} : { consequence }),
      severities,
      safeguards: parsed.safeguards,
      hasOnlyHackableSafeguards:
        parsed.safeguards.length > 0 && parsed.safeguards.every((safeguard) => safeguard.isHackable === true),
    });
  }
  const severityColumns = Object.fromEntries(
    severity.columns.map((column) => [column.header, column.category]),
  );
  return {
    study: {
      id: studyId,
      title: mapping.study.title ?? `PHA worksheet ${baseName(table.fileName)}`,
      ...(mapping.study.description === undefined ? {} : { description: mapping.study.description }),
      ...(mapping.study.url === undefined ? {} : { url: mapping.study.url }),
      fileName: table.fileName,
      scenarios,
      columns,
      severityColumns,
      skipped,
    },
    diagnostics,
  };
};
