import { closestMatch, error, type Diagnostic } from '@zonewise/core';
import { normalizeHeaderName } from './header-name';
import type { Table } from './table';

/** How to recognise the column of one field in common exports. */
export interface ColumnGuess<F extends string> {
  readonly field: F;
  /** Whole header names (normalised), best first. */
  readonly phrases: readonly string[];
  /** Fallback: a header that contains every word of one of these sets. */
  readonly words?: readonly (readonly string[])[];
}

/** Where each field's column is (0-based), and which fields were named by the mapping rather than guessed. */
export interface ResolvedColumns<F extends string> {
  readonly columns: ReadonlyMap<F, number>;
  readonly isMapped: (field: F) => boolean;
  /** Mapping names that match no column (`mapping-column-not-found`, path ['columns', field]). */
  readonly diagnostics: readonly Diagnostic[];
}

const sameName = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase() || normalizeHeaderName(a) === normalizeHeaderName(b);

/** Whether a header is one that any guess or mapped name recognises; drives the header-row detection. */
export const isKnownColumnName = <F extends string>(
  name: string,
  guesses: readonly ColumnGuess<F>[],
  mapped: Partial<Record<F, readonly string[]>> = {},
): boolean => {
  if (name.trim() === '') return false;
  const normalized = normalizeHeaderName(name);
  return (
    guesses.some((guess) => guess.phrases.includes(normalized)) ||
    Object.values<readonly string[] | undefined>(mapped).some((names) =>
      names?.some((mappedName) => sameName(mappedName, name)),
    )
  );
};

/**
 * Finds the column of each field: names from the mapping first (case-insensitive; a name that matches no column
 * is an error located in the mapping), then guesses from common export headers for the fields left, each column
 * used at most once: a whole-name match beats a word match, an earlier phrase beats a later one, the leftmost
 * column breaks ties.
 */
export const resolveColumns = <F extends string>(
  table: Table,
  guesses: readonly ColumnGuess<F>[],
  mapped: Partial<Record<F, readonly string[]>>,
  pathOf: (field: F) => readonly (string | number)[],
): ResolvedColumns<F> => {
  const columns = new Map<F, number>();
  const taken = new Set<number>();
  const mappedFields = new Set<F>();
  const diagnostics: Diagnostic[] = [];
  const names = table.columns;
  for (const [field, wanted] of Object.entries(mapped) as [F, readonly string[] | undefined][]) {
    if (wanted === undefined) continue;
    mappedFields.add(field);
    const index = wanted
      .map((name) =>
        names.findIndex((column, at) => !taken.has(at) && column !== '' && sameName(column, name)),
      )
      .find((at) => at >= 0);
    if (index !== undefined) {
      columns.set(field, index);
      taken.add(index);
      continue;
    }
    const hint = closestMatch(
      wanted[0] ?? '',
      names.filter((name) => name !== ''),
    );
    diagnostics.push(
      error(
        'mapping-column-not-found',
        pathOf(field),
        `No column of ${table.fileName} is called ${wanted.map((name) => `"${name}"`).join(' or ')}${hint ? `: did you mean "${hint}"?` : '.'} Its columns are ${names
          .filter((name) => name !== '')
          .map((name) => `"${name}"`)
          .join(', ')}.`,
      ),
    );
  }
  const normalized = names.map(normalizeHeaderName);
  const open = guesses.filter((guess) => !mappedFields.has(guess.field));
  for (const guess of open) {
    for (const phrase of guess.phrases) {
      const index = normalized.findIndex((name, at) => !taken.has(at) && name === phrase);
      if (index >= 0) {
        columns.set(guess.field, index);
        taken.add(index);
        break;
      }
    }
  }
  for (const guess of open) {
    if (columns.has(guess.field)) continue;
    const index = normalized.findIndex((name, at) => {
      if (taken.has(at)) return false;
      const words = new Set(name.split(' '));
      return (guess.words ?? []).some((set) => set.every((word) => words.has(word)));
    });
    if (index >= 0) {
      columns.set(guess.field, index);
      taken.add(index);
    }
  }
  return { columns, isMapped: (field) => mappedFields.has(field), diagnostics };
};
