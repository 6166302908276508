import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { initialMigration } from './0001-initial';
import { projectSourcesMigration } from './0002-project-sources';
import { entityCountsMigration } from './0003-entity-counts';

/** Every migration, in order. Names sort by their number; never rename or edit one that has shipped. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initialMigration,
  '0002-project-sources': projectSourcesMigration,
  '0003-entity-counts': entityCountsMigration,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) };

/**
 * Brings the database to the newest schema. Safe to call from several processes at once: Kysely takes a lock
 * table (and an advisory lock on PostgreSQL) so only one runs each migration.
 */
export const migrateToLatest = async (db: Kysely<unknown>): Promise<readonly string[]> => {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`database migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, {
      cause: error,
    });
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
};
