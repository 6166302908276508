import { resolve } from 'node:path';
import { BackupError, backupSqliteDatabase, locateDatabase, type DatabaseLocation } from '@zonewise/store';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';

/** The message for PostgreSQL deployments: the database's own tools do backups there. */
export const POSTGRES_BACKUP_HINT =
  'DATABASE_URL points at PostgreSQL: back it up with pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" -f zonewise.dump) and restore with pg_restore; zonewise backup/restore handle the embedded SQLite database only.';

/** The embedded database file the command works on, or a usage error for PostgreSQL. */
export const embeddedDatabaseFile = (
  io: CliIo,
  options: { readonly data?: string | undefined },
  env: NodeJS.ProcessEnv,
): string => {
  let location: DatabaseLocation;
  try {
    location = locateDatabase({
      databaseUrl: env['DATABASE_URL'],
      dataDir: resolve(io.cwd, options.data ?? env['ZONEWISE_DATA_DIR'] ?? 'data'),
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (location.dialect === 'postgres') throw new CliError(POSTGRES_BACKUP_HINT);
  return resolve(io.cwd, location.file);
};

/** A refused backup or restore as a CLI error (exit 2) with the store's message. */
export const cliErrorOf = (error: unknown): unknown =>
  error instanceof BackupError ? new CliError(`${error.code}: ${error.message}`) : error;

/**
 * `zonewise backup -o file`: a consistent copy of the embedded database taken with SQLite's online backup, safe
 * while the server runs; the copy is checked (integrity, schema) before it is written under its final name.
 */
export const backupCommand = async (
  io: CliIo,
  options: { readonly data?: string; readonly output?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> => {
  const file = embeddedDatabaseFile(io, options, env);
  if (options.output === undefined) throw new CliError('name the backup file with -o <file>');
  const target = resolve(io.cwd, options.output);
  try {
    const check = await backupSqliteDatabase(file, target);
    io.stdout(
      `Backed up ${file} to ${target} (${check.bytes} bytes, schema ${check.migrations.at(-1) ?? 'empty'}, integrity ok).\n`,
    );
    return EXIT.ok;
  } catch (error) {
    throw cliErrorOf(error);
  }
};
