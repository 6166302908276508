import type { EntityRef } from '@zonewise/core';
import {
  cell,
  code,
  list,
  note,
  table,
  text,
  type Block,
  type InlineContent,
  type TableBlock,
  type TableColumn,
} from './document-model';

/**
 * The report's size rule, in one place. A table that would list more rows than its limit prints instead a count
 * table per grouping (zone, kind, status, …), the most relevant rows (by risk or severity, `topRows` of them) and a
 * note naming where the full list is: a sheet of the registers workbook (`zonewise export registers`), the
 * engine's JSON results or the assessment file. Above `subjectSections` zones and conduits, only the most relevant
 * ones get their own sub-sections (detailed risk, compliance matrix, CRS characteristics); the overview tables and
 * the registers cover the rest. Under the limits the report is unchanged.
 */
export interface ReportSizeLimits {
  /** Rows of a table about the whole model: assets, data flows, findings, attack paths, one row per zone or conduit. */
  readonly tableRows: number;
  /** Rows of a table about one zone or conduit: its data flows, assets, requirements, scenarios. */
  readonly subjectTableRows: number;
  /** Zones and conduits (together) that get their own sub-sections. */
  readonly subjectSections: number;
  /** Rows a cut-down table keeps, most relevant first; also the groups a count table lists. */
  readonly topRows: number;
}

/**
 * Default limits: a plant of a few hundred assets (both examples) prints in full; a 10k-asset plant prints
 * summaries. 40 zones and conduits with a compliance matrix of up to 100 rows each is about 150 pages.
 */
export const DEFAULT_REPORT_SIZE_LIMITS: ReportSizeLimits = {
  tableRows: 200,
  subjectTableRows: 200,
  subjectSections: 40,
  topRows: 50,
};

/** Where the full list of a cut-down table is. */
export type FullListSource =
  /** A sheet of `zonewise export registers` (the CSV file of the same register with `--format csv`). */
  | { readonly kind: 'register'; readonly sheet: string; readonly csv: string }
  /** A field of the engine's results, `zonewise assess <file> --format json`. */
  | { readonly kind: 'results'; readonly field: string }
  /** A list of the assessment file itself. */
  | { readonly kind: 'model'; readonly field: string };

/** The registers that hold the full lists, by sheet title (as `writeRegistersXlsx` names them) and CSV file. */
export const REGISTER_SOURCES = {
  assets: { kind: 'register', sheet: 'Assets', csv: 'assets.csv' },
  zonesConduits: { kind: 'register', sheet: 'Zones and conduits', csv: 'zones-conduits.csv' },
  risk: { kind: 'register', sheet: 'Risk register', csv: 'risk-register.csv' },
  compliance: { kind: 'register', sheet: 'Compliance matrix', csv: 'compliance-matrix.csv' },
  countermeasures: { kind: 'register', sheet: 'Countermeasures', csv: 'countermeasures.csv' },
  vulnerabilities: { kind: 'register', sheet: 'Vulnerabilities', csv: 'vulnerabilities.csv' },
} as const satisfies Readonly<Record<string, FullListSource>>;

/** The sentence part that names where a full list is, as inline runs. */
export const fullListInline = (source: FullListSource): InlineContent => {
  switch (source.kind) {
    case 'register':
      return [
        text('the full list is the '),
        text(`“${source.sheet}” sheet of the registers workbook (`),
        code('zonewise export registers <assessment> -o registers.xlsx'),
        text('; '),
        code(source.csv),
        text(' with '),
        code('--format csv'),
        text(')'),
      ];
    case 'results':
      return [
        text('the full list is '),
        code(source.field),
        text(' in the results of '),
        code('zonewise assess <assessment> --format json'),
      ];
    case 'model':
      return [text('the full list is '), code(source.field), text(' in the assessment file')];
  }
};

/** A grouping of a cut-down table's rows: a count table with one row per group. */
export interface RowGrouping<T> {
  /** Column header and caption word, e.g. "Zone". */
  readonly label: string;
  /** The group of one item; items with an empty key are counted as "none". */
  readonly key: (item: T) => string;
}

/** A table under the size rule: the items, how one becomes a row, and what to print when there are too many. */
export interface SizedTableSpec<T> {
  readonly columns: readonly (string | TableColumn)[];
  readonly caption?: string;
  readonly emptyText?: string;
  readonly items: readonly T[];
  /** The row of one item; `index` is its position in the printed order. */
  readonly row: (item: T, index: number) => readonly InlineContent[];
  /** Which limit applies: a whole-model table or a table about one zone or conduit. */
  readonly scope: 'model' | 'subject';
  /** Plural noun for the note and captions, e.g. "data flows". */
  readonly what: string;
  /** Most relevant first; ties keep the items' order. Without it the first rows are kept. */
  readonly rank?: (a: T, b: T) => number;
  /** How the kept rows were chosen, e.g. "highest residual risk first". */
  readonly rankedBy: string;
  readonly groups: readonly RowGrouping<T>[];
  readonly fullList: FullListSource;
}

/** The limit that applies to a table of this scope. */
export const rowLimit = (limits: ReportSizeLimits, scope: 'model' | 'subject'): number =>
  scope === 'model' ? limits.tableRows : limits.subjectTableRows;

/** Whether a list of `count` items is above the limit of its scope. */
export const isOverLimit = (limits: ReportSizeLimits, scope: 'model' | 'subject', count: number): boolean =>
  count > rowLimit(limits, scope);

/** Counts items per group, largest first (ties by key), keeping `top` groups and one row for the rest. */
export const countTable = <T>(
  items: readonly T[],
  grouping: RowGrouping<T>,
  what: string,
  top: number,
): TableBlock => {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = grouping.key(item) || 'none';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts].sort(
    ([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0),
  );
  const kept = sorted.slice(0, top);
  const rest = sorted.slice(top);
  const rows: InlineContent[][] = kept.map(([key, count]) => [cell(key), cell(count)]);
  if (rest.length > 0) {
    rows.push([cell(`${rest.length} more`), cell(rest.reduce((sum, [, count]) => sum + count, 0))]);
  }
  return table([grouping.label, { header: 'Count', align: 'right' }], rows, {
    caption: `${capitalise(what)} by ${grouping.label.toLowerCase()}`,
  });
};

const capitalise = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

/** The items a cut-down table keeps: the `top` most relevant, in rank order (stable). */
export const topItems = <T>(items: readonly T[], top: number, rank?: (a: T, b: T) => number): readonly T[] =>
  rank === undefined ? items.slice(0, top) : [...items].sort(rank).slice(0, top);

/** The note a cut-down table starts with: how many there are, what is shown and where the full list is. */
export const cutDownNote = (
  count: number,
  what: string,
  limit: number,
  shown: number,
  rankedBy: string,
  source: FullListSource,
  hasCounts = true,
): Block =>
  note(
    'info',
    text(
      `${count} ${what}, more than the ${limit} rows this report lists: ${hasCounts ? 'counts below, then ' : 'below, '}the ${shown} ${rankedBy}; `,
    ),
    ...fullListInline(source),
    text('.'),
  );

/**
 * Blocks for a table under the size rule: the table as before when its items are within the limit, otherwise a
 * note, a count table per grouping and the most relevant rows.
 */
export const sizedTable = <T>(limits: ReportSizeLimits, spec: SizedTableSpec<T>): Block[] => {
  const options = {
    ...(spec.caption === undefined ? {} : { caption: spec.caption }),
    ...(spec.emptyText === undefined ? {} : { emptyText: spec.emptyText }),
  };
  const limit = rowLimit(limits, spec.scope);
  if (spec.items.length <= limit) return [table(spec.columns, spec.items.map(spec.row), options)];
  const kept = topItems(spec.items, Math.min(limits.topRows, limit), spec.rank);
  return [
    cutDownNote(
      spec.items.length,
      spec.what,
      limit,
      kept.length,
      spec.rankedBy,
      spec.fullList,
      spec.groups.length > 0,
    ),
    ...spec.groups.map((grouping) => countTable(spec.items, grouping, spec.what, limits.topRows)),
    table(spec.columns, kept.map(spec.row), {
      caption: `${spec.caption ?? capitalise(spec.what)}: the ${kept.length} ${spec.rankedBy}, of ${spec.items.length}`,
    }),
  ];
};

/** A bulleted list under the size rule: the same choice of items as {@link sizedTable}, printed as list items. */
export interface SizedListSpec<T> extends Omit<
  SizedTableSpec<T>,
  'columns' | 'caption' | 'emptyText' | 'row'
> {
  readonly item: (item: T) => InlineContent;
}

/** Blocks for a list under the size rule: the list as before within the limit, else note, counts and top items. */
export const sizedList = <T>(limits: ReportSizeLimits, spec: SizedListSpec<T>): Block[] => {
  const limit = rowLimit(limits, spec.scope);
  if (spec.items.length <= limit) return [list(spec.items.map(spec.item))];
  const kept = topItems(spec.items, Math.min(limits.topRows, limit), spec.rank);
  return [
    cutDownNote(
      spec.items.length,
      spec.what,
      limit,
      kept.length,
      spec.rankedBy,
      spec.fullList,
      spec.groups.length > 0,
    ),
    ...spec.groups.map((grouping) => countTable(spec.items, grouping, spec.what, limits.topRows)),
    list(kept.map(spec.item)),
  ];
};

/**
 * Items listed inside one cell or list item (ids of scenarios, missing entries) under the size rule: all of them
 * within `limit`, otherwise the first `limit` and "… and N more".
 */
export const boundedItems = (items: readonly string[], limit: number): string[] =>
  items.length <= limit ? [...items] : [...items.slice(0, limit), `… and ${items.length - limit} more`];

/** Key of a zone or conduit for the set of subjects with their own sub-sections. */
export const subjectSetKey = (subject: EntityRef): string => `${subject.kind}\u0000${subject.id}`;
