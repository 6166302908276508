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
  listEntities,
  applyEntityChanges,
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
      expect(await migrateToLatest(db as Kysely<unknown>)).toEqual([
        '0002-project-sources',
        '0003-entity-counts',
      ]);
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

    it('0003 counts the entities already stored, so paging after the upgrade matches a full scan', async () => {
      const { db, close } = await openAtFirstSchema(dialect);
      closers.push(close);
      const legacy = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      const at = '2026-11-01T00:00:00.000Z';
      await legacy
        .insertInto('projects')
        .values({
          id: 'counted',
          name: 'Stored before 0003',
          description: '',
          created_at: at,
          created_by: 'someone',
          updated_at: at,
          revision: 2,
          format_version: 1,
          source_format: null,
          source_text: null,
          source_revision: null,
          is_archived: 0,
        })
        .execute();
      // Positions 0..5 with 2 deleted: not dense, so pages must skip by count.
      const positions = [0, 1, 3, 4, 5];
      await legacy
        .insertInto('entities')
        .values(
          positions.map((position) => ({
            project_id: 'counted',
            entity_id: `a-${position}`,
            collection: 'assets',
            position,
            revision: 1,
            body: JSON.stringify({ id: `a-${position}`, name: `A${position}`, kind: 'plc', zone: 'z' }),
            created_at: at,
            updated_at: at,
            updated_by: 'someone',
          })),
        )
        .execute();
      await migrateToLatest(db as Kysely<unknown>);
      const page = await listEntities(db, 'counted', 'assets', { offset: 2, limit: 2 });
      expect(page.total).toBe(5);
      expect(page.items.map((item) => item.id)).toEqual(['a-3', 'a-4']);
      const context = createStoreContext(db, dialect);
      const created = await applyEntityChanges(
        context,
        'counted',
        [{ op: 'create', collection: 'assets', body: { id: 'a-new', name: 'New', kind: 'plc', zone: 'z' } }],
        { id: 'someone', name: 'Someone' },
      );
      expect(created.results[0]?.position).toBe(6);
      expect((await listEntities(db, 'counted', 'assets')).total).toBe(6);
    });
  });
}
