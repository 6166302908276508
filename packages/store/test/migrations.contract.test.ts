import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createStoreContext,
  getProject,
  getProjectSource,
  MIGRATIONS,
  migrateToLatest,
  replaceProjectModel,
  type Database,
  type DialectName,
} from '@zonewise/store';
import { createThrowawayPostgres, TEST_DIALECTS } from '@zonewise/store/testing';

/** A database migrated to 0001 only, as a server of that version left it. */
const openAtFirstSchema = async (
  dialect: DialectName,
): Promise<{ db: Kysely<Database>; close: () => Promise<void> }> => {
  let db: Kysely<Database>;
  let drop = (): Promise<void> => Promise.resolve();
  if (dialect === 'sqlite')
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
  else {
    const throwaway = await createThrowawayPostgres();
    drop = throwaway.drop;
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: throwaway.url, max: 2 }) }),
    });
  }
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: () => Promise.resolve({ '0001-initial': MIGRATIONS['0001-initial'] as Migration }),
    },
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return {
    db,
    close: async () => {
      await db.destroy();
      await drop();
    },
  };
};

for (const dialect of TEST_DIALECTS) {
  describe(`schema migrations (${dialect})`, () => {
    const closers: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const close of closers) await close();
    });

    it('0002 moves imported source text out of the project row, keeping exports byte for byte', async () => {
      const { db, close } = await openAtFirstSchema(dialect);
      closers.push(close);
      const text = `# kept exactly\nformatVersion: 1\nsystem: { name: "Plant ${randomBytes(4).toString('hex')}" }\n`;
      const legacy = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      await legacy
        .insertInto('projects')
        .values({
          id: 'legacy',
          name: 'Imported before 0002',
          description: '',
          created_at: '2026-11-01T00:00:00.000Z',
          created_by: 'someone',
          updated_at: '2026-11-01T00:00:00.000Z',
          revision: 3,
          format_version: 1,
          source_format: 'yaml',
          source_text: text,
          source_revision: 3,
          is_archived: 0,
        })
        .execute();
      expect(await migrateToLatest(db as Kysely<unknown>)).toEqual(['0002-project-sources']);
      expect(await getProjectSource(db, 'legacy')).toEqual({ format: 'yaml', text, revision: 3 });
      expect(await getProject(db, 'legacy')).toMatchObject({ revision: 3, sourceFormat: 'yaml' });

      // A new import replaces the kept text; one without text (an API-built model) removes it.
      const context = createStoreContext(db, dialect);
      const actor = { id: 'someone', name: 'Someone' };
      const file = { formatVersion: 1, system: { name: 'Plant' } };
      await replaceProjectModel(
        context,
        'legacy',
        { file, formatVersion: 1, source: { format: 'json', text: '{}' } },
        actor,
      );
      expect(await getProjectSource(db, 'legacy')).toEqual({ format: 'json', text: '{}', revision: 4 });
      await replaceProjectModel(context, 'legacy', { file, formatVersion: 1 }, actor);
      expect(await getProjectSource(db, 'legacy')).toBeUndefined();
    });
  });
}
