import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { MIGRATIONS } from '../migrations/migrate';

/** Why a backup or restore was refused; the CLI prints the message and exits 2. */
export type BackupErrorCode = 'not-found' | 'exists' | 'in-use' | 'corrupt' | 'not-zonewise' | 'newer-schema';

/** A refused backup or restore with a stable code and a message that names the fix. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a checked database file holds: the migrations applied to it, and its size. */
export interface SqliteFileCheck {
  readonly migrations: readonly string[];
  readonly bytes: number;
}

const sidecars = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * Checks that a file is an intact Zonewise database this version can open: `PRAGMA integrity_check` passes, it has
 * the migration table, and it has no migration this version does not know (a backup from a newer Zonewise).
 */
export const checkSqliteDatabaseFile = (file: string): SqliteFileCheck => {
  if (!existsSync(file)) throw new BackupError('not-found', `${file} does not exist`);
  let database: SqliteDatabase.Database | undefined;
  try {
    database = new SqliteDatabase(file, { fileMustExist: true, timeout: 5000 });
    const integrity = database.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new BackupError('corrupt', `${file} fails the SQLite integrity check: ${String(integrity)}`);
    const hasMigrations = database
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (hasMigrations === undefined)
      throw new BackupError('not-zonewise', `${file} is an SQLite database, but not a Zonewise one`);
    const migrations = (
      database.prepare('select name from kysely_migration order by name').all() as { name: string }[]
    ).map((row) => row.name);
    const unknown = migrations.filter((name) => !(name in MIGRATIONS));
    if (unknown.length > 0)
      throw new BackupError(
        'newer-schema',
        `${file} was written by a newer Zonewise (migrations ${unknown.join(', ')}); upgrade before restoring it`,
      );
    return { migrations, bytes: statSync(file).size };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'corrupt',
      `${file} is not a readable SQLite database: ${(error as Error).message}`,
    );
  } finally {
    database?.close();
  }
};

/**
 * Copies the embedded database with SQLite's online backup API while the server keeps running: all pages are
 * copied in one step under a read snapshot (WAL lets writers continue), so the copy is one consistent state. The
 * copy is written beside the target and renamed into place only after it passes `checkSqliteDatabaseFile`.
 */
export const backupSqliteDatabase = async (
  databaseFile: string,
  destination: string,
): Promise<SqliteFileCheck> => {
  if (!existsSync(databaseFile))
    throw new BackupError('not-found', `no database at ${databaseFile} (check --data or ZONEWISE_DATA_DIR)`);
  const target = resolve(destination);
  if (!existsSync(dirname(target)))
    throw new BackupError('not-found', `the folder ${dirname(target)} does not exist`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new SqliteDatabase(databaseFile, { fileMustExist: true, timeout: 5000 });
  try {
    // The first step only starts the backup; asking for every page in the next step copies one snapshot.
    await source.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  try {
    const check = checkSqliteDatabaseFile(partial);
    for (const file of sidecars(partial)) rmSync(file, { force: true });
    renameSync(partial, target);
    return check;
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
};

/**
 * Fails with `in-use` when another connection (a running server) has the database open: leaving WAL mode needs
 * every other connection closed. On success the file is a single self-contained file (WAL checkpointed).
 */
const assertNotInUse = (databaseFile: string): void => {
  const database = new SqliteDatabase(databaseFile, { fileMustExist: true, timeout: 0 });
  try {
    database.pragma('journal_mode = DELETE');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new BackupError(
        'in-use',
        `${databaseFile} is in use; stop the server (zonewise serve) and retry`,
      );
    throw error;
  } finally {
    database.close();
  }
};

/**
 * Replaces the embedded database with a backup. Refuses when a database exists and `force` is not set, when a
 * server has it open, or when the backup is damaged or from a newer Zonewise. The previous file is kept as
 * `<file>.bak`; the backup is copied and checked beside the target before the rename, so a failure changes nothing.
 */
export const restoreSqliteDatabase = (options: {
  readonly backupFile: string;
  readonly databaseFile: string;
  readonly force?: boolean;
}): SqliteFileCheck & { readonly previousFile?: string } => {
  const { backupFile, databaseFile } = options;
  if (!existsSync(backupFile)) throw new BackupError('not-found', `the backup ${backupFile} does not exist`);
  const hasDatabase = existsSync(databaseFile);
  if (hasDatabase && options.force !== true)
    throw new BackupError(
      'exists',
      `a database exists at ${databaseFile}; add --force to replace it (it is kept as .bak)`,
    );
  if (hasDatabase) assertNotInUse(databaseFile);
  const staging = `${databaseFile}.restoring`;
  for (const file of [staging, ...sidecars(staging)]) rmSync(file, { force: true });
  copyFileSync(backupFile, staging);
  let check: SqliteFileCheck;
  try {
    check = checkSqliteDatabaseFile(staging);
  } catch (error) {
    for (const file of [staging, ...sidecars(staging)]) rmSync(file, { force: true });
    throw error;
  }
  for (const file of sidecars(staging)) rmSync(file, { force: true });
  const previousFile = `${databaseFile}.bak`;
  if (hasDatabase) {
    renameSync(databaseFile, previousFile);
    for (const file of sidecars(databaseFile)) rmSync(file, { force: true });
  }
  renameSync(staging, databaseFile);
  return hasDatabase ? { ...check, previousFile } : check;
};
