import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { Executor } from './store-context';

/**
 * A read of one project's data written as scalar SQL expressions (each a subquery yielding one value), so that it
 * runs either on its own (`runProjectRead`) or inside the statement that identifies the caller
 * (`IdentifyOptions.read`): on PostgreSQL every statement is a round trip through the pool and the socket, and the
 * hot read requests (a page of entities, one entity) then cost one statement instead of two.
 */
export interface ProjectRead<T> {
  /** Name → scalar subquery. Names are identifiers chosen by the code, never by a request. */
  readonly columns: Readonly<Record<string, RawBuilder<unknown>>>;
  /** The result from the columns' values (by name). */
  readonly decode: (values: Readonly<Record<string, unknown>>) => T;
}

/** A read's result, boxed so that a result of `undefined` (nothing found) differs from "not read". */
export interface ProjectReadResult<T> {
  readonly value: T;
}

const COLUMN_PREFIX = 'r_';
const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The read's columns for a select list, aliased `r_<name>`. With `gate`, each is evaluated only where the gate
 * (an SQL condition on the identifying query's row) holds, and yields null elsewhere: nothing is read for a caller
 * who may not see it.
 */
export const projectReadColumns = (
  read: ProjectRead<unknown>,
  gate?: RawBuilder<unknown>,
): AliasedRawBuilder<unknown, string>[] =>
  Object.entries(read.columns).map(([name, expression]) => {
    if (!NAME.test(name)) throw new Error(`project read column "${name}" is not a lower-case identifier`);
    const value = gate === undefined ? sql`(${expression})` : sql`case when ${gate} then (${expression}) end`;
    return value.as(`${COLUMN_PREFIX}${name}`);
  });

/** The read's values by name from a row that selected `projectReadColumns`. */
export const projectReadValues = (row: object): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row))
    if (column.startsWith(COLUMN_PREFIX)) values[column.slice(COLUMN_PREFIX.length)] = value;
  return values;
};

/** Runs a read on its own: one statement without a FROM clause, its columns the read's subqueries. */
export const runProjectRead = async <T>(db: Executor, read: ProjectRead<T>): Promise<T> => {
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(projectReadColumns(read))}`.execute(
    db,
  );
  return read.decode(projectReadValues(rows[0] ?? {}));
};
