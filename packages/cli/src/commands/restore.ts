import { resolve } from 'node:path';
import { restoreSqliteDatabase } from '@zonewise/store';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { cliErrorOf, embeddedDatabaseFile } from './backup';

/**
 * `zonewise restore <file>`: replaces the embedded database with a checked backup. Refuses while a server has the
 * database open, and without `--force` when a database exists; the replaced file is kept as `.bak`.
 */
export const restoreCommand = (
  io: CliIo,
  backupFile: string,
  options: { readonly data?: string; readonly force?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): number => {
  const file = embeddedDatabaseFile(io, options, env);
  try {
    const result = restoreSqliteDatabase({
      backupFile: resolve(io.cwd, backupFile),
      databaseFile: file,
      force: options.force === true,
    });
    io.stdout(
      `Restored ${resolve(io.cwd, backupFile)} into ${file} (schema ${result.migrations.at(-1) ?? 'empty'}, integrity ok).\n`,
    );
    if (result.previousFile !== undefined)
      io.stdout(`The previous database is kept as ${result.previousFile}.\n`);
    return EXIT.ok;
  } catch (error) {
    throw cliErrorOf(error);
  }
};
