import { closestMatch, error, type Diagnostic } from '@zonewise/core';
import { normalizeHeaderName } from '../tabular/header-name';
import type { Table } from '../tabular/table';
import { phaDiagnostic } from './pha-diagnostic';
import type { PhaMapping } from './pha-mapping';

/** An impact category of the assessment's risk criteria (or the defaults), as far as the importer needs it. */
export interface ImpactCategoryScale {
  readonly id: string;
  readonly name: string;
  readonly levels: readonly string[];
}

/** A worksheet column holding severities of one impact category. */
export interface SeverityColumn {
  readonly index: number;
  readonly header: string;
  readonly category: string;
}

/** Words PHA worksheets use for the default impact categories (IEC 62443-3-2 ZCR 2.1 lists the same kinds). */
const CATEGORY_WORDS: Readonly<Record<string, readonly string[]>> = {
  'health-safety': ['safety', 'health', 'people', 'personnel', 'injury', 'hse', 'hs'],
  environment: ['environment', 'environmental', 'env'],
  production: [
    'production',
    'operations',
    'operational',
    'continuity',
    'downtime',
    'availability',
    'interruption',
  ],
  'product-quality': ['quality'],
  financial: ['financial', 'finance', 'cost', 'economic', 'asset', 'assets', 'commercial', 'property'],
  regulatory: ['regulatory', 'legal', 'compliance', 'regulation'],
  reputation: ['reputation', 'reputational', 'public', 'image', 'community'],
};

const SEVERITY_WORDS = new Set([
  'severity',
  'sev',
  'consequence',
  'consequences',
  'impact',
  'rating',
  'level',
  'category',
  'cat',
  'class',
  'rank',
  's',
  'c',
]);
// Risk, likelihood and SIL columns are numeric too, but they are not severities.
const NOT_SEVERITY_WORDS = new Set([
  'risk',
  'likelihood',
  'frequency',
  'probability',
  'residual',
  'target',
  'pfd',
  'sil',
  'rrf',
  'mitigated',
  'unmitigated',
  'tolerable',
  'l',
  'f',
  'r',
]);
const STOP_WORDS = new Set(['and', 'of', 'the', 'or', 'to', 'a']);

const wordsOf = (text: string): string[] =>
  normalizeHeaderName(text)
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word));

const keywordsOf = (category: ImpactCategoryScale): Set<string> =>
  new Set([...(CATEGORY_WORDS[category.id] ?? []), ...wordsOf(category.id), ...wordsOf(category.name)]);

/** The first whole number in a severity cell ("4", "S4", "4 - Major"), if any. */
export const severityNumber = (text: string): number | undefined => {
  const match = /^\D{0,4}?(\d{1,2})(?!\d)/.exec(text.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

const isMostlyNumeric = (table: Table, index: number): boolean => {
  const values = table.rows.map((row) => row.cells[index]?.text.trim() ?? '').filter((text) => text !== '');
  return (
    values.length > 0 &&
    values.filter((text) => severityNumber(text) !== undefined).length >= values.length * 0.6
  );
};

/**
 * Finds the severity columns and their impact categories. With `severities` in the mapping only those are read
 * (a header the table lacks or a category the assessment lacks is an error located in the mapping). Otherwise a
 * mostly numeric column whose header names one category ("Safety", "Env. severity", "S (People)") is read for that
 * category, and, when there is none, a generic "Severity" column for `defaults.severityCategory` (health-safety
 * by default) with a warning. Risk, likelihood and SIL columns are never taken.
 */
export const findSeverityColumns = (
  table: Table,
  taken: ReadonlySet<number>,
  categories: readonly ImpactCategoryScale[],
  mapping: PhaMapping,
): { readonly columns: readonly SeverityColumn[]; readonly diagnostics: readonly Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const ids = categories.map((category) => category.id);
  if (mapping.severities.size > 0) {
    const columns: SeverityColumn[] = [];
    for (const [header, category] of mapping.severities) {
      const index = table.columns.findIndex((name) => name.toLowerCase() === header.trim().toLowerCase());
      if (!ids.includes(category)) {
        const hint = closestMatch(category, ids);
        diagnostics.push(
          error(
            'mapping-unknown-impact-category',
            ['severities', header],
            `"${category}" is not an impact category of the assessment${hint ? `: did you mean "${hint}"?` : `; its categories are ${ids.join(', ')}.`}`,
          ),
        );
      }
      if (index < 0) {
        const hint = closestMatch(
          header,
          table.columns.filter((name) => name !== ''),
        );
        diagnostics.push(
          error(
            'mapping-column-not-found',
            ['severities', header],
            `No column of ${table.fileName} is called "${header}"${hint ? `: did you mean "${hint}"?` : '.'}`,
          ),
        );
      }
      if (index >= 0 && ids.includes(category))
        columns.push({ index, header: table.columns[index] ?? header, category });
    }
    return { columns, diagnostics };
  }
  const keywords = categories.map((category) => ({ id: category.id, words: keywordsOf(category) }));
  const columns: SeverityColumn[] = [];
  let generic: number | undefined;
  table.columns.forEach((header, index) => {
    if (taken.has(index) || header === '') return;
    const words = wordsOf(header);
    if (words.some((word) => NOT_SEVERITY_WORDS.has(word))) return;
    const matched = keywords.filter((category) => words.some((word) => category.words.has(word)));
    if (matched.length === 1 && matched[0] !== undefined) {
      const own = matched[0].words;
      const isSeverityHeader = words.every((word) => own.has(word) || SEVERITY_WORDS.has(word));
      if (isSeverityHeader && isMostlyNumeric(table, index)) {
        columns.push({ index, header, category: matched[0].id });
      }
      return;
    }
    const isGeneric =
      matched.length === 0 &&
      (words.includes('severity') || words.includes('sev') || words.join(' ') === 's');
    if (isGeneric && generic === undefined && isMostlyNumeric(table, index)) generic = index;
  });
  if (columns.length > 0 || generic === undefined) return { columns, diagnostics };
  const category =
    mapping.defaults.severityCategory ?? (ids.includes('health-safety') ? 'health-safety' : ids[0]);
  if (category === undefined || !ids.includes(category)) {
    diagnostics.push(
      error(
        'mapping-unknown-impact-category',
        ['defaults', 'severityCategory'],
        `"${category ?? ''}" is not an impact category of the assessment; its categories are ${ids.join(', ')}.`,
      ),
    );
    return { columns, diagnostics };
  }
  const header = table.columns[generic] ?? '';
  const cell = table.header.cells[generic];
  diagnostics.push(
    phaDiagnostic(
      'pha-severity-category-assumed',
      'warning',
      table.fileName,
      cell === undefined ? undefined : { line: cell.line, column: cell.column },
      `Column "${header}" names no impact category; its severities were read as ${category}: map it in the mapping file, e.g. "severities: { '${header}': ${category} }".`,
    ),
  );
  return { columns: [{ index: generic, header, category }], diagnostics };
};
