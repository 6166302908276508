import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEntityChanges,
  createComment,
  createProject,
  freezeBaseline,
  getBaseline,
  getEntity,
  getProject,
  isStoreError,
  listAuditEvents,
  listBaselines,
  listComments,
  listSignatures,
  projectChainId,
  replaceProjectModel,
  signBaseline,
  verifyAuditChain,
  type StoreContext,
} from '@zonewise/store';
import { TEST_DIALECTS, insertTestUser, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const alice = { id: 'user-alice', name: 'Alice Assessor' };
const paula = { id: 'user-paula', name: 'Paula Approver' };

const file = {
  formatVersion: 1,
  system: { name: 'Tablet plant' },
  zones: [{ id: 'zone-a', name: 'Control' }],
  assets: [{ id: 'plc-1', name: 'PLC 1', kind: 'plc', zone: 'zone-a' }],
};

const frozen = (revision: number, digest = 'a'.repeat(64)) => ({
  label: 'Design review',
  projectRevision: revision,
  modelSha256: digest,
  modelJson: '{"system":{"name":"Tablet plant"}}',
  resultsJson: '{"findings":[]}',
});

for (const dialect of TEST_DIALECTS) {
  describe(`baselines, signatures and comments contract (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
      await insertTestUser(context, alice);
      await insertTestUser(context, paula);
    });
    afterAll(async () => {
      await database.close();
    });

    const newProject = async () => {
      const project = await createProject(context, { name: 'Plant', formatVersion: 1 }, alice);
      await replaceProjectModel(context, project.id, { file, formatVersion: 1 }, alice);
      return (await getProject(context.db, project.id))!;
    };

    it('freezes a baseline at the current revision with its model, results and digest', async () => {
      const project = await newProject();
      const baseline = await freezeBaseline(context, project.id, frozen(project.revision), alice);
      expect(baseline).toMatchObject({
        projectId: project.id,
        label: 'Design review',
        projectRevision: project.revision,
        modelSha256: 'a'.repeat(64),
        createdBy: alice.id,
        isStale: false,
      });
      const detail = await getBaseline(context.db, project.id, baseline.id);
      expect(detail?.modelJson).toBe('{"system":{"name":"Tablet plant"}}');
      expect(detail?.resultsJson).toBe('{"findings":[]}');
      expect((await listBaselines(context.db, project.id)).map((b) => b.id)).toEqual([baseline.id]);
      const audit = await listAuditEvents(context.db, {
        chainId: projectChainId(project.id),
        action: 'baseline.freeze',
      });
      expect(audit.items[0]).toMatchObject({ targetKind: 'baseline', targetId: baseline.id, actor: alice });
      expect((await verifyAuditChain(context.db, projectChainId(project.id))).isValid).toBe(true);
      expect((await getProject(context.db, project.id))?.revision).toBe(project.revision);
    });

    it('refuses to freeze results computed at an older revision', async () => {
      const project = await newProject();
      const attempt = freezeBaseline(context, project.id, frozen(project.revision - 1), alice);
      await expect(attempt).rejects.toSatisfy((error) => isStoreError(error, 'revision-conflict'));
      expect(await listBaselines(context.db, project.id)).toEqual([]);
    });

    it('hides another project’s baseline and answers not-found for a missing project', async () => {
      const mine = await newProject();
      const theirs = await newProject();
      const baseline = await freezeBaseline(context, theirs.id, frozen(theirs.revision), alice);
      expect(await getBaseline(context.db, mine.id, baseline.id)).toBeUndefined();
      await expect(
        signBaseline(
          context,
          mine.id,
          baseline.id,
          { userId: paula.id, meaning: 'approved', statement: 's' },
          paula,
        ),
      ).rejects.toSatisfy((error) => isStoreError(error, 'not-found'));
      await expect(listBaselines(context.db, 'no-such-project')).rejects.toSatisfy((error) =>
        isStoreError(error, 'not-found'),
      );
    });

    it('signs a baseline with the stored name, and flags the signature stale after any later change', async () => {
      const project = await newProject();
      const baseline = await freezeBaseline(context, project.id, frozen(project.revision), alice);
      const signature = await signBaseline(
        context,
        project.id,
        baseline.id,
        { userId: paula.id, meaning: 'approved', statement: 'I approve this CRS <script>' },
        paula,
      );
      expect(signature).toMatchObject({
        baselineId: baseline.id,
        signerName: 'Paula Approver',
        signerUsername: 'paula',
        meaning: 'approved',
        statement: 'I approve this CRS <script>',
        modelSha256: baseline.modelSha256,
        projectRevision: project.revision,
        isStale: false,
      });
      expect((await getProject(context.db, project.id))?.revision).toBe(project.revision);
      const audit = await listAuditEvents(context.db, {
        chainId: projectChainId(project.id),
        action: 'baseline.sign',
      });
      expect(audit.items).toHaveLength(1);

      const plc = await getEntity(context.db, project.id, 'assets', 'plc-1');
      await applyEntityChanges(
        context,
        project.id,
        [
          {
            op: 'update',
            collection: 'assets',
            id: 'plc-1',
            revision: plc!.revision,
            body: { ...(plc!.body as object), name: 'PLC one' },
          },
        ],
        alice,
      );
      const after = await listSignatures(context.db, project.id);
      expect(after.map((s) => [s.id, s.isStale])).toEqual([[signature.id, true]]);
      expect((await listBaselines(context.db, project.id))[0]?.isStale).toBe(true);
      expect(await listSignatures(context.db, project.id, { baselineId: 'other' })).toEqual([]);
    });

    it('refuses to sign a baseline the project has moved past', async () => {
      const project = await newProject();
      const baseline = await freezeBaseline(context, project.id, frozen(project.revision), alice);
      await replaceProjectModel(context, project.id, { file, formatVersion: 1 }, alice);
      const attempt = signBaseline(
        context,
        project.id,
        baseline.id,
        { userId: paula.id, meaning: 'reviewed', statement: 'Reviewed' },
        paula,
      );
      await expect(attempt).rejects.toSatisfy(
        (error) =>
          isStoreError(error, 'revision-conflict') &&
          (error.details as { reason?: string }).reason === 'baseline-stale',
      );
      expect(await listSignatures(context.db, project.id)).toEqual([]);
    });

    it('adds comments on existing targets only, lists them per target in order, and audits them', async () => {
      const project = await newProject();
      const first = await createComment(
        context,
        project.id,
        { targetKind: 'assets', targetId: 'plc-1', body: 'Is this PLC really in zone A?' },
        paula,
      );
      await createComment(
        context,
        project.id,
        { targetKind: 'project', targetId: project.id, body: 'Overall ok' },
        paula,
      );
      await createComment(
        context,
        project.id,
        { targetKind: 'finding', targetId: 'zone/x@zone-a', body: '?' },
        alice,
      );
      expect(first).toMatchObject({ targetKind: 'assets', targetId: 'plc-1', author: paula });
      const onPlc = await listComments(context.db, project.id, { targetKind: 'assets', targetId: 'plc-1' });
      expect(onPlc.total).toBe(1);
      expect(onPlc.items[0]?.body).toBe('Is this PLC really in zone A?');
      const all = await listComments(context.db, project.id, { limit: 2 });
      expect(all.total).toBe(3);
      expect(all.items.map((c) => c.targetKind)).toEqual(['assets', 'project']);
      const audit = await listAuditEvents(context.db, {
        chainId: projectChainId(project.id),
        action: 'comment.create',
      });
      expect(audit.total).toBe(3);
      expect((await getProject(context.db, project.id))?.revision).toBe(project.revision);

      const other = await newProject();
      for (const target of [
        { targetKind: 'assets', targetId: 'no-such-asset' },
        { targetKind: 'project', targetId: other.id },
        { targetKind: 'baseline', targetId: 'no-such-baseline' },
      ])
        await expect(createComment(context, project.id, { ...target, body: 'x' }, paula)).rejects.toSatisfy(
          (error) => isStoreError(error, 'not-found'),
        );
      await expect(
        createComment(context, project.id, { targetKind: 'users', targetId: 'x', body: 'x' }, paula),
      ).rejects.toSatisfy((error) => isStoreError(error, 'invalid-change'));
      expect((await listComments(context.db, project.id)).total).toBe(3);
    });
  });
}
