import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Keeps, per project and collection, how many entities there are and the next free position, updated in the same
 * transactions as creates, deletes and imports. A page of a listing then needs neither `count(*)` over the
 * collection nor a large OFFSET scan: while positions are dense (count = next position) offset n is position n.
 */
export const entityCountsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('entity_counts')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('collection', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('next_position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('entity_counts_pk', ['project_id', 'collection'])
      .execute();
    await sql`INSERT INTO entity_counts (project_id, collection, count, next_position)
      SELECT project_id, collection, count(*), max(position) + 1 FROM entities
      GROUP BY project_id, collection`.execute(db);
  },
};
