import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Moves the imported source text out of the `projects` row into `project_sources`. The project row is read on every
 * request (access checks) and rewritten on every edit (its revision); with a 17 MB import kept in it, SQLite read and
 * rewrote the whole text each time (about 50 ms per request at 10k assets, and the text again in the WAL per edit).
 * The format stays on the project: exports default to it.
 */
export const projectSourcesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('project_sources')
      .addColumn('project_id', 'text', (c) => c.primaryKey().references('projects.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO project_sources (project_id, text, revision)
      SELECT id, source_text, source_revision FROM projects
      WHERE source_text IS NOT NULL AND source_revision IS NOT NULL`.execute(db);
    await db.schema.alterTable('projects').dropColumn('source_text').execute();
    await db.schema.alterTable('projects').dropColumn('source_revision').execute();
  },
};
