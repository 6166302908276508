import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupSqliteDatabase,
  checkSqliteDatabaseFile,
  createProject,
  createStoreContext,
  MIGRATIONS,
  openDatabase,
  projectChainId,
  restoreSqliteDatabase,
  verifyAuditChain,
  type BackupError,
  type DatabaseConnection,
} from '@zonewise/store';

const actor = { id: 'tester', name: 'Tester' };
const WRITER = fileURLToPath(new URL('fixtures/write-comments.ts', import.meta.url));
const codeOf = (error: unknown) => (error as BackupError).code;

describe('SQLite backup and restore', () => {
  let dir: string;
  let file: string;
  let connection: DatabaseConnection;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zonewise-backup-'));
    file = join(dir, 'zonewise.sqlite');
    connection = await openDatabase({ dialect: 'sqlite', file });
  });
  afterEach(async () => {
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a consistent copy while another process keeps writing', async () => {
    const context = createStoreContext(connection.db, 'sqlite');
    const project = await createProject(context, { name: 'Busy plant', formatVersion: 1 }, actor);
    const writer = spawn(process.execPath, ['--import', 'tsx', WRITER, file, project.id], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolvePromise, reject) => {
        writer.stdout.once('data', () => resolvePromise());
        writer.once('exit', (code) => reject(new Error(`the writer exited with ${String(code)}`)));
      });
      const copies = [join(dir, 'one.sqlite'), join(dir, 'two.sqlite'), join(dir, 'three.sqlite')];
      const counts: number[] = [];
      for (const copy of copies) {
        await backupSqliteDatabase(file, copy);
        const restored = await openDatabase({ dialect: 'sqlite', file: copy });
        try {
          const verification = await verifyAuditChain(restored.db, projectChainId(project.id));
          expect(verification.isValid).toBe(true);
          const comments = await restored.db
            .selectFrom('comments')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          // One comment per audit record after the project's creation: the copy is one state, not a mix.
          expect(Number(comments.n)).toBe(verification.records - 1);
          counts.push(Number(comments.n));
        } finally {
          await restored.close();
        }
        await new Promise((resolvePromise) => setTimeout(resolvePromise, 50));
      }
      // The writer kept going between copies, so each copy saw more of its writes.
      expect(counts[2]).toBeGreaterThan(counts[0] ?? Infinity);
      expect(existsSync(`${copies[0]}.partial`)).toBe(false);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('refuses to restore over a database in use, or without --force', async () => {
    const copy = join(dir, 'copy.sqlite');
    await backupSqliteDatabase(file, copy);
    expect(() => restoreSqliteDatabase({ backupFile: copy, databaseFile: file })).toThrow(
      expect.objectContaining({ code: 'exists' }),
    );
    let error: unknown;
    try {
      restoreSqliteDatabase({ backupFile: copy, databaseFile: file, force: true });
    } catch (caught) {
      error = caught;
    }
    expect(codeOf(error)).toBe('in-use');
  });

  it('restores a checked backup and keeps the previous file as .bak', async () => {
    const context = createStoreContext(connection.db, 'sqlite');
    await createProject(context, { name: 'Before backup', formatVersion: 1 }, actor);
    const copy = join(dir, 'copy.sqlite');
    await backupSqliteDatabase(file, copy);
    await createProject(context, { name: 'After backup', formatVersion: 1 }, actor);
    await connection.close();
    const result = restoreSqliteDatabase({ backupFile: copy, databaseFile: file, force: true });
    expect(result.previousFile).toBe(`${file}.bak`);
    expect(result.migrations).toContain('0001-initial');
    connection = await openDatabase({ dialect: 'sqlite', file });
    const names = (await connection.db.selectFrom('projects').select('name').execute()).map((p) => p.name);
    expect(names).toEqual(['Before backup']);
    const previous = new SqliteDatabase(`${file}.bak`, { readonly: true });
    expect((previous.prepare('select count(*) as n from projects').get() as { n: number }).n).toBe(2);
    previous.close();
  });

  it('rejects damaged files, foreign databases and backups from a newer version without touching the database', async () => {
    await connection.close();
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database');
    const foreign = join(dir, 'foreign.sqlite');
    const other = new SqliteDatabase(foreign);
    other.exec('create table notes (text)');
    other.close();
    const newer = join(dir, 'newer.sqlite');
    await backupSqliteDatabase(file, newer);
    const bumped = new SqliteDatabase(newer);
    bumped.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('9999-future', 'now');
    bumped.close();
    const cases: [string, string][] = [
      [garbage, 'corrupt'],
      [foreign, 'not-zonewise'],
      [newer, 'newer-schema'],
      [join(dir, 'missing.sqlite'), 'not-found'],
    ];
    for (const [backupFile, code] of cases) {
      let error: unknown;
      try {
        restoreSqliteDatabase({ backupFile, databaseFile: file, force: true });
      } catch (caught) {
        error = caught;
      }
      expect([backupFile, codeOf(error)]).toEqual([backupFile, code]);
    }
    expect(checkSqliteDatabaseFile(file).migrations).toEqual(Object.keys(MIGRATIONS));
    expect(existsSync(`${file}.bak`)).toBe(false);
    connection = await openDatabase({ dialect: 'sqlite', file });
  });
});
