import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseConnection } from '@zonewise/store';
import { createThrowawayPostgres, TEST_DIALECTS } from '@zonewise/store/testing';

/**
 * On PostgreSQL the store prepares its short parameterised statements once per connection (named statements), so
 * the database does not parse and plan the same few queries on every request. Long and parameterless statements
 * (bulk inserts, raw SQL with several statements) must still run as before.
 */
describe.skipIf(!TEST_DIALECTS.includes('postgres'))('prepared statements on PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let connection: DatabaseConnection;
  beforeAll(async () => {
    database = await createThrowawayPostgres();
    // One connection, so the statements prepared and pg_prepared_statements are on the same session.
    connection = await openDatabase({ dialect: 'postgres', url: database.url, poolSize: 1 });
  });
  afterAll(async () => {
    await connection.close();
    await database.drop();
  });

  const preparedNames = async (): Promise<string[]> =>
    (
      await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(
        connection.db,
      )
    ).rows.map((row) => row.name);

  it('prepares a parameterised query once and reuses it', async () => {
    const query = () =>
      connection.db.selectFrom('projects').select('id').where('id', '=', 'nothing').execute();
    expect(await query()).toEqual([]);
    const afterFirst = (await preparedNames()).filter((name) => name.startsWith('zw_'));
    expect(afterFirst).toHaveLength(1);
    expect(await query()).toEqual([]);
    expect((await preparedNames()).filter((name) => name.startsWith('zw_'))).toEqual(afterFirst);
  });

  it('runs parameterless multi-statement SQL and long statements unprepared', async () => {
    const before = await preparedNames();
    await sql
      .raw('create table prepared_probe (n integer); insert into prepared_probe values (1)')
      .execute(connection.db);
    const values = Array.from({ length: 1500 }, (_, n) => sql`(${n})`);
    await sql`insert into prepared_probe values ${sql.join(values)}`.execute(connection.db);
    const count = await sql<{ n: string }>`select count(*) as n from prepared_probe where n >= ${0}`.execute(
      connection.db,
    );
    expect(Number(count.rows[0]?.n)).toBe(1501);
    // Only the short count query was prepared.
    expect((await preparedNames()).length).toBe(before.length + 1);
  });
});
