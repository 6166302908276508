import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson, resolveSystem } from '@zonewise/core';
import { aSystem } from '@zonewise/core/testing';
import {
  assembleProjectFile,
  createProject,
  createStoreContext,
  entitiesOfFile,
  getProject,
  loadAllEntities,
  openDatabase,
  projectChainId,
  replaceProjectModel,
  verifyAuditChain,
  type DatabaseConnection,
  type DatabaseLocation,
  type DialectName,
} from '@zonewise/store';
import { createThrowawayPostgres, TEST_DIALECTS } from '@zonewise/store/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_SIZES, BULK_ASSETS, bulkBatch, bulkImportFile, fileAfterBatch } from './fixtures/bulk-model';
import type { ChildJob } from './fixtures/bulk-write-child';

/**
 * Issue 3's bar "a crash (kill -9) in the middle of a bulk write leaves the database consistent": a child process
 * imports 20k assets or applies a 1,500-change batch to a database file (SQLite) or server (PostgreSQL), the test
 * kills it with SIGKILL mid-write, reopens the database and checks that the write is there entirely or not at all,
 * that the audit chain verifies and matches the model, and that the database's own integrity checks pass.
 */

const CHILD = fileURLToPath(new URL('./fixtures/bulk-write-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface ChildRun {
  readonly markers: readonly string[];
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Runs the child on `job` and SIGKILLs it `delayMs` after it prints `killOn` (never, when `killOn` is undefined).
 */
const runChild = (job: ChildJob, killOn?: string, delayMs = 0): Promise<ChildRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(job)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const markers: string[] = [];
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) {
        markers.push(line);
        if (line === killOn) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ markers, signal, code, stderr });
    });
  });

interface Snapshot {
  readonly revision: number;
  readonly auditRecords: number;
  readonly lastAction: string | undefined;
  readonly file: Record<string, unknown>;
  readonly digest: string;
}

const digestOf = (file: unknown): string => createHash('sha256').update(canonicalJson(file)).digest('hex');

/** The digest of a file as the store gives it back (every list present, entities in canonical form). */
const storedDigestOf = (file: Readonly<Record<string, unknown>>): string =>
  digestOf(
    assembleProjectFile(
      1,
      entitiesOfFile(file).map((entity, position) => ({
        ...entity,
        id: '',
        position,
        revision: 1,
        createdAt: '',
        updatedAt: '',
        updatedBy: '',
      })),
    ),
  );

/**
 * Reopens the database and checks it: integrity (SQLite `integrity_check` and `foreign_key_check`, PostgreSQL
 * `amcheck` on every B-tree index with all heap tuples), a valid audit chain, the stored model resolving, and the
 * project revision counting exactly the audit records of model writes.
 */
const inspect = async (location: DatabaseLocation, projectId: string): Promise<Snapshot> => {
  const connection: DatabaseConnection = await openDatabase(location);
  try {
    const { db } = connection;
    if (connection.dialect === 'sqlite') {
      const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
      expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
      const orphans = await sql`PRAGMA foreign_key_check`.execute(db);
      expect(orphans.rows).toEqual([]);
    } else {
      await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(db);
      const checked = await sql<{ index: string }>`
        SELECT c.relname AS index, bt_index_check(c.oid, true)
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_am am ON am.oid = c.relam
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE am.amname = 'btree' AND n.nspname = 'public'`.execute(db);
      expect(checked.rows.map((row) => row.index)).toEqual(
        expect.arrayContaining(['entities_pk', 'entities_by_position', 'audit_events_pk']),
      );
    }
    const project = await getProject(db, projectId);
    if (project === undefined) throw new Error('the project is gone');
    const chain = await verifyAuditChain(db, projectChainId(projectId));
    expect(chain).toMatchObject({ isValid: true });
    const last = await db
      .selectFrom('audit_events')
      .select(['action', 'seq'])
      .where('chain_id', '=', projectChainId(projectId))
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    const file = assembleProjectFile(project.formatVersion, await loadAllEntities(db, projectId));
    expect(resolveSystem(file).ok).toBe(true);
    // Every committed model write raised the revision by one in its own transaction; each write of this test gives
    // its own reason, so the distinct reasons in the chain count the writes that committed.
    const batches = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.count<number | string>('reason').distinct().as('n'))
      .where('chain_id', '=', projectChainId(projectId))
      .where('action', '!=', 'project.create')
      .executeTakeFirstOrThrow();
    expect(project.revision).toBe(Number(batches.n));
    return {
      revision: project.revision,
      auditRecords: chain.records,
      lastAction: last?.action,
      file,
      digest: digestOf(file),
    };
  } finally {
    await connection.close();
  }
};

for (const dialect of TEST_DIALECTS) {
  describe(`kill -9 in the middle of a bulk write (${dialect})`, { timeout: 120_000 }, () => {
    let location: DatabaseLocation;
    let cleanup: () => Promise<void>;
    let projectId = '';

    beforeAll(async () => {
      ({ location, cleanup } = await createLocation(dialect));
      const connection = await openDatabase(location);
      const context = createStoreContext(connection.db, connection.dialect);
      const actor = { id: 'crash-test', name: 'Crash test' };
      projectId = (await createProject(context, { name: 'Crash test', formatVersion: 1 }, actor)).id;
      await replaceProjectModel(
        context,
        projectId,
        { file: aSystem(), formatVersion: 1 },
        actor,
        'initial model',
      );
      await connection.close();
    }, 60_000);
    afterAll(() => cleanup());

    /** The state the last run left (each run's "after" is the next run's "before"). */
    let latest: Snapshot;

    /**
     * Runs the child on one bulk write, reopens and inspects the database, and says whether the stored model is the
     * one before the write (nothing stored) or the one the write makes (all of it).
     */
    const bulkRun = async (
      job: Pick<ChildJob, 'kind' | 'variant' | 'crashAt'>,
      kill: { readonly on: string; readonly delayMs?: number } | undefined,
    ) => {
      const before = latest;
      const revisions = new Map<string, number>();
      if (job.kind === 'batch') {
        const connection = await openDatabase(location);
        const rows = await connection.db
          .selectFrom('entities')
          .select(['entity_id', 'revision'])
          .where('project_id', '=', projectId)
          .where('collection', '=', 'assets')
          .execute();
        await connection.close();
        for (const row of rows) revisions.set(row.entity_id, row.revision);
      }
      const run = await runChild({ location, projectId, ...job }, kill?.on, kill?.delayMs);
      const after = await inspect(location, projectId);
      latest = after;
      const expected =
        job.kind === 'import'
          ? bulkImportFile(job.variant)
          : fileAfterBatch(
              before.file,
              bulkBatch(job.variant, (id) => revisions.get(id) ?? 0),
            );
      return {
        before,
        run,
        after,
        isAll: after.digest === storedDigestOf(expected),
        isNothing: after.digest === before.digest,
      };
    };

    const BATCH_CHANGES = BATCH_SIZES.updates + BATCH_SIZES.creates + BATCH_SIZES.deletes;

    it('an import killed after writing all its entities, before its audit record, stores nothing', async () => {
      latest = await inspect(location, projectId);
      const { before, run, after, isNothing } = await bulkRun(
        { kind: 'import', variant: 1, crashAt: { table: 'audit_events', nth: 1 } },
        { on: 'crash-point' },
      );
      expect(run).toMatchObject({ markers: ['writing', 'crash-point'], signal: 'SIGKILL' });
      expect(isNothing).toBe(true);
      expect(after).toMatchObject({ revision: before.revision, auditRecords: before.auditRecords });
    });

    it('an import killed at an arbitrary moment stores all or nothing, and the next import completes', async () => {
      const killed = await bulkRun({ kind: 'import', variant: 2 }, { on: 'writing', delayMs: 150 });
      expect(killed.run.signal === 'SIGKILL' || killed.run.code === 0).toBe(true);
      expect(killed.isAll || killed.isNothing).toBe(true);
      expect(killed.after.revision).toBe(killed.before.revision + (killed.isAll ? 1 : 0));
      expect(killed.after.auditRecords).toBe(killed.before.auditRecords + (killed.isAll ? 1 : 0));

      const complete = await bulkRun({ kind: 'import', variant: 3 }, undefined);
      expect(complete.run).toMatchObject({ code: 0, markers: ['writing', 'committed'] });
      expect(complete.isAll).toBe(true);
      expect(complete.after).toMatchObject({
        revision: complete.before.revision + 1,
        auditRecords: complete.before.auditRecords + 1,
        lastAction: 'model.import',
      });
      expect((complete.after.file['assets'] as unknown[]).length).toBe(BULK_ASSETS);
    });

    it('a batch killed between two of its statements stores nothing; a whole batch adds one record per change', async () => {
      // Statement 1,010 writing entities: all 1,000 updates and the first creations are done.
      const killed = await bulkRun(
        { kind: 'batch', variant: 4, crashAt: { table: 'entities', nth: BATCH_SIZES.updates + 10 } },
        { on: 'crash-point' },
      );
      expect(killed.run).toMatchObject({ markers: ['writing', 'crash-point'], signal: 'SIGKILL' });
      expect(killed.isNothing).toBe(true);
      expect(killed.after).toMatchObject({
        revision: killed.before.revision,
        auditRecords: killed.before.auditRecords,
      });

      const complete = await bulkRun({ kind: 'batch', variant: 5 }, undefined);
      expect(complete.run.code).toBe(0);
      expect(complete.isAll).toBe(true);
      expect(complete.after).toMatchObject({
        revision: complete.before.revision + 1,
        auditRecords: complete.before.auditRecords + BATCH_CHANGES,
      });
    });
  });
}

const createLocation = async (
  dialect: DialectName,
): Promise<{ location: DatabaseLocation; cleanup: () => Promise<void> }> => {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'zonewise-crash-'));
    return {
      location: { dialect: 'sqlite', file: join(dir, 'zonewise.sqlite') },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const throwaway = await createThrowawayPostgres();
  return { location: { dialect: 'postgres', url: throwaway.url, poolSize: 2 }, cleanup: throwaway.drop };
};
