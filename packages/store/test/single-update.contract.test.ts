import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEntityChanges,
  createProject,
  getEntity,
  getProject,
  isStoreError,
  listAuditEvents,
  projectChainId,
  verifyAuditChain,
  type ChangeProblem,
  type StoreContext,
} from '@zonewise/store';
import { TEST_DIALECTS, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const alice = { id: 'user-alice', name: 'Alice Assessor' };
const asset = (id: string, name: string) => ({ id, name, kind: 'plc', zone: 'z' });

/**
 * A batch of one update is the server's commonest write (PUT of one entity), and on PostgreSQL it takes a shorter
 * path (the entity's old version, the update and the audit head in one statement). Whatever the path, it must
 * refuse and store exactly what a general batch does.
 */
for (const dialect of TEST_DIALECTS) {
  describe(`one-entity updates (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
    });
    afterAll(async () => {
      await database.close();
    });

    const newProject = async () => {
      const project = await createProject(context, { name: 'One update', formatVersion: 1 }, alice);
      await applyEntityChanges(
        context,
        project.id,
        [
          { op: 'create', collection: 'assets', body: asset('a1', 'First') },
          { op: 'create', collection: 'assets', body: asset('a2', 'Second') },
        ],
        alice,
      );
      return project.id;
    };
    const update = (projectId: string, id: string, revision: number, body: unknown) =>
      applyEntityChanges(
        context,
        projectId,
        [{ op: 'update', collection: 'assets', id, revision, body }],
        alice,
      );
    const problemOf = async (promise: Promise<unknown>): Promise<[string, ChangeProblem | undefined]> => {
      try {
        await promise;
      } catch (error) {
        if (isStoreError(error)) return [error.code, (error.details as ChangeProblem[])[0]];
        throw error;
      }
      return ['stored', undefined];
    };
    const snapshot = async (projectId: string) => ({
      revision: (await getProject(context.db, projectId))?.revision,
      audit: (await listAuditEvents(context.db, { chainId: projectChainId(projectId) })).total,
      a1: await getEntity(context.db, projectId, 'assets', 'a1'),
    });

    it('stores the update with its audit record (before and after) and returns the new version', async () => {
      const projectId = await newProject();
      const applied = await update(projectId, 'a1', 1, asset('a1', 'Renamed'));
      expect(applied.projectRevision).toBe(2);
      expect(applied.results[0]).toMatchObject({
        collection: 'assets',
        id: 'a1',
        position: 0,
        revision: 2,
        body: asset('a1', 'Renamed'),
        updatedBy: alice.id,
      });
      expect(await getEntity(context.db, projectId, 'assets', 'a1')).toEqual(applied.results[0]);
      const [latest] = (await listAuditEvents(context.db, { chainId: projectChainId(projectId), limit: 1 }))
        .items;
      expect(latest).toMatchObject({
        action: 'entity.update',
        targetKind: 'assets',
        targetId: 'a1',
        before: asset('a1', 'First'),
        after: asset('a1', 'Renamed'),
      });
      expect((await verifyAuditChain(context.db, projectChainId(projectId))).isValid).toBe(true);
    });

    it('refuses a missing entity, a stale revision and a changed key, storing nothing', async () => {
      const projectId = await newProject();
      const before = await snapshot(projectId);
      expect(await problemOf(update(projectId, 'nope', 1, asset('nope', 'x')))).toEqual([
        'invalid-change',
        { index: 0, code: 'not-found', collection: 'assets', id: 'nope' },
      ]);
      const [code, conflict] = await problemOf(update(projectId, 'a1', 7, asset('a1', 'x')));
      expect(code).toBe('revision-conflict');
      expect(conflict).toMatchObject({
        code: 'revision-conflict',
        current: { revision: 1, body: asset('a1', 'First') },
      });
      expect(await problemOf(update(projectId, 'a1', 1, asset('other', 'x')))).toEqual([
        'invalid-change',
        { index: 0, code: 'invalid-key', collection: 'assets', id: 'a1' },
      ]);
      expect(await snapshot(projectId)).toEqual(before);
    });

    it('keeps the audit chain verifiable with hostile text in the body, the actor and the reason', async () => {
      const projectId = await newProject();
      const controls = Array.from({ length: 31 }, (_, n) => String.fromCharCode(n + 1)).join('');
      const hostile = `"quoted" \\back\\slash\\ ${controls} \u2028\u2029 \u{1F3ED} <script>x</script> '; drop table x; --`;
      const mallory = { id: 'user-"m"\\', name: `Mallory ${hostile}` };
      const body = { ...asset('a1', hostile), description: hostile, tags: [hostile, '\\u0000'] };
      const first = await applyEntityChanges(
        context,
        projectId,
        [{ op: 'update', collection: 'assets', id: 'a1', revision: 1, body }],
        mallory,
        `because ${hostile}`,
      );
      const renamed = { ...body, name: `${hostile} again` };
      await applyEntityChanges(
        context,
        projectId,
        [{ op: 'update', collection: 'assets', id: 'a1', revision: 2, body: renamed }],
        mallory,
      );
      expect(first.results[0]?.body).toEqual(body);
      const [latest, previous] = (
        await listAuditEvents(context.db, { chainId: projectChainId(projectId), limit: 2 })
      ).items;
      expect(previous).toMatchObject({
        actor: mallory,
        before: asset('a1', 'First'),
        after: body,
        reason: `because ${hostile}`,
      });
      expect(latest).toMatchObject({ actor: mallory, before: body, after: renamed, reason: null });
      expect(await verifyAuditChain(context.db, projectChainId(projectId))).toMatchObject({ isValid: true });
    });

    it('keeps the audit chain verifiable when text has unpaired surrogates (stored as U+FFFD)', async () => {
      const projectId = await newProject();
      const broken = { id: 'user-\ud800', name: 'Half \udfff a pair' };
      await applyEntityChanges(
        context,
        projectId,
        [{ op: 'update', collection: 'assets', id: 'a1', revision: 1, body: asset('a1', 'x \ud83c y') }],
        broken,
        'because \udc00',
      );
      await applyEntityChanges(
        context,
        projectId,
        [
          { op: 'update', collection: 'assets', id: 'a2', revision: 1, body: asset('a2', 'Two') },
          { op: 'create', collection: 'assets', body: asset('a3', 'Three') },
        ],
        broken,
        'batch \ud800',
      );
      const [latest] = (await listAuditEvents(context.db, { chainId: projectChainId(projectId), limit: 1 }))
        .items;
      expect(latest).toMatchObject({ actor: { name: 'Half \ufffd a pair' }, reason: 'batch \ufffd' });
      expect(await verifyAuditChain(context.db, projectChainId(projectId))).toMatchObject({ isValid: true });
    });

    it.runIf(dialect === 'postgres')(
      'refuses a stale revision without waiting for the project lock another edit holds',
      async () => {
        const projectId = await newProject();
        await update(projectId, 'a1', 1, asset('a1', 'Now at 2'));
        const outcome = await context.db.transaction().execute(async (trx) => {
          await sql`select 1 from projects where id = ${projectId} for update`.execute(trx);
          const stale = problemOf(update(projectId, 'a1', 1, asset('a1', 'Late')));
          const blocked = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 3_000));
          return Promise.race([stale, blocked]);
        });
        expect(outcome).not.toBe('blocked');
        expect(outcome).toMatchObject(['revision-conflict', { current: { revision: 2 } }]);
      },
    );

    it('lets exactly one of many concurrent updates from one revision through, and loses none of a chain', async () => {
      const projectId = await newProject();
      const racing = await Promise.all(
        Array.from({ length: 8 }, (_, n) => problemOf(update(projectId, 'a1', 1, asset('a1', `Racer ${n}`)))),
      );
      expect(racing.filter(([code]) => code === 'stored')).toHaveLength(1);
      expect(racing.filter(([code]) => code === 'revision-conflict')).toHaveLength(7);
      // Sequential edits of two entities interleaved with concurrent ones of the other.
      await Promise.all([
        (async () => {
          for (let revision = 2; revision < 7; revision += 1)
            await update(projectId, 'a1', revision, asset('a1', `Step ${revision}`));
        })(),
        (async () => {
          for (let revision = 1; revision < 6; revision += 1)
            await update(projectId, 'a2', revision, asset('a2', `Step ${revision}`));
        })(),
      ]);
      const after = await snapshot(projectId);
      expect(after.a1?.revision).toBe(7);
      expect((await getEntity(context.db, projectId, 'assets', 'a2'))?.revision).toBe(6);
      // Revisions: the creating batch, the racer that won and 10 edits; audit: the project, 2 creates, 1 + 10.
      expect(after.revision).toBe(1 + 1 + 10);
      expect(after.audit).toBe(1 + 2 + 1 + 10);
      expect((await verifyAuditChain(context.db, projectChainId(projectId))).isValid).toBe(true);
    });
  });
}
