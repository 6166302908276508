import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEntityChanges,
  assembleProjectFile,
  createProject,
  getEntity,
  getProject,
  getProjectSource,
  isStoreError,
  listAuditEvents,
  listEntities,
  listMembers,
  listProjectsForUser,
  loadAllEntities,
  projectChainId,
  replaceProjectModel,
  roleInProject,
  setMemberRole,
  removeMember,
  updateProjectInfo,
  verifyAuditChain,
  type ChangeProblem,
  type StoreContext,
} from '@zonewise/store';
import { TEST_DIALECTS, insertTestUser, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const alice = { id: 'user-alice', name: 'Alice Assessor' };
const bob = { id: 'user-bob', name: 'Bob Reviewer' };

const smallFile = {
  formatVersion: 1,
  system: { name: 'Tablet plant', description: 'Packaging and compression' },
  zones: [
    { id: 'zone-a', name: 'Control' },
    { id: 'zone-b', name: 'Supervisory' },
  ],
  conduits: [],
  assets: [
    { id: 'plc-1', name: 'PLC 1', kind: 'plc', zone: 'zone-a' },
    { id: 'hmi-1', name: 'HMI 1', kind: 'hmi', zone: 'zone-b' },
  ],
  requirementStatus: [{ subject: 'zone-a', requirement: 'SR 1.1', status: 'implemented' }],
  triage: [],
};

for (const dialect of TEST_DIALECTS) {
  describe(`project store contract (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
      await insertTestUser(context, alice);
      await insertTestUser(context, bob);
    });
    afterAll(async () => {
      await database.close();
    });

    const newProject = async (name = 'Plant') => {
      const project = await createProject(context, { name, formatVersion: 1 }, alice);
      await replaceProjectModel(
        context,
        project.id,
        { file: smallFile, formatVersion: 1, source: { format: 'yaml', text: 'original: text\n' } },
        alice,
        'initial import',
      );
      return project.id;
    };

    it('creates a project whose creator is its assessor, visible only to members', async () => {
      const project = await createProject(context, { name: 'Visible', formatVersion: 1 }, alice);
      expect(await roleInProject(context.db, project.id, alice.id)).toBe('assessor');
      const aliceSees = await listProjectsForUser(context.db, { id: alice.id, isAdmin: false });
      const bobSees = await listProjectsForUser(context.db, { id: bob.id, isAdmin: false });
      const adminSees = await listProjectsForUser(context.db, { id: 'admin', isAdmin: true });
      expect(aliceSees.map((p) => p.id)).toContain(project.id);
      expect(bobSees.map((p) => p.id)).not.toContain(project.id);
      expect(adminSees.find((p) => p.id === project.id)?.role).toBe('admin');
    });

    it('stores an imported model as entities in file order and assembles it back', async () => {
      const projectId = await newProject();
      const entities = await loadAllEntities(context.db, projectId);
      expect(entities.map((e) => `${e.collection}:${e.id}`)).toEqual([
        'system:system',
        'zones:zone-a',
        'zones:zone-b',
        'assets:plc-1',
        'assets:hmi-1',
        'requirementStatus:zone-a/SR 1.1',
      ]);
      expect(assembleProjectFile(1, entities)).toMatchObject(smallFile);
      expect(await getProjectSource(context.db, projectId)).toEqual({
        format: 'yaml',
        text: 'original: text\n',
        revision: 1,
      });
    });

    it('updates an entity with its revision and refuses a stale revision with the current version', async () => {
      const projectId = await newProject();
      const plc = await getEntity(context.db, projectId, 'assets', 'plc-1');
      expect(plc?.revision).toBe(1);
      const applied = await applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'update',
            collection: 'assets',
            id: 'plc-1',
            revision: 1,
            body: { ...smallFile.assets[0], name: 'PLC one' },
          },
        ],
        alice,
      );
      expect(applied.projectRevision).toBe(2);
      expect(applied.results[0]?.revision).toBe(2);
      const stale = applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'update',
            collection: 'assets',
            id: 'plc-1',
            revision: 1,
            body: { ...smallFile.assets[0], name: 'lost' },
          },
        ],
        bob,
      );
      await expect(stale).rejects.toSatisfy((error: unknown) => {
        if (!isStoreError(error, 'revision-conflict')) return false;
        const [problem] = error.details as ChangeProblem[];
        return (
          problem?.current?.revision === 2 && (problem.current.body as { name: string }).name === 'PLC one'
        );
      });
      expect(
        ((await getEntity(context.db, projectId, 'assets', 'plc-1'))?.body as { name: string }).name,
      ).toBe('PLC one');
    });

    it('lets two users edit different entities of one project without conflict', async () => {
      const projectId = await newProject();
      const edits = await Promise.all([
        applyEntityChanges(
          context,
          projectId,
          [
            {
              op: 'update',
              collection: 'assets',
              id: 'plc-1',
              revision: 1,
              body: { ...smallFile.assets[0], name: 'A' },
            },
          ],
          alice,
        ),
        applyEntityChanges(
          context,
          projectId,
          [
            {
              op: 'update',
              collection: 'assets',
              id: 'hmi-1',
              revision: 1,
              body: { ...smallFile.assets[1], name: 'B' },
            },
          ],
          bob,
        ),
      ]);
      expect(edits.map((edit) => edit.projectRevision).sort()).toEqual([2, 3]);
      expect((await getProject(context.db, projectId))?.revision).toBe(3);
    });

    it('stores nothing from a batch with one bad change and names every problem', async () => {
      const projectId = await newProject();
      const batch = applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'create',
            collection: 'assets',
            body: { id: 'new-1', name: 'New', kind: 'plc', zone: 'zone-a' },
          },
          { op: 'create', collection: 'zones', body: { id: 'plc-1', name: 'id taken by an asset' } },
          { op: 'delete', collection: 'assets', id: 'missing', revision: 1 },
        ],
        alice,
      );
      await expect(batch).rejects.toSatisfy(
        (error: unknown) =>
          isStoreError(error, 'invalid-change') &&
          (error.details as ChangeProblem[]).map((p) => `${p.index}:${p.code}`).join() ===
            '1:duplicate-id,2:not-found',
      );
      expect(await getEntity(context.db, projectId, 'assets', 'new-1')).toBeUndefined();
      expect((await getProject(context.db, projectId))?.revision).toBe(1);
      expect((await verifyAuditChain(context.db, projectChainId(projectId))).isValid).toBe(true);
    });

    it('creates at the end of a collection and deletes, with paging and search', async () => {
      const projectId = await newProject();
      await applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'create',
            collection: 'assets',
            body: { id: 'rtu-9', name: 'Remote <RTU>', kind: 'rtu', zone: 'zone-a' },
          },
          { op: 'delete', collection: 'assets', id: 'hmi-1', revision: 1 },
        ],
        alice,
      );
      const page = await listEntities(context.db, projectId, 'assets', { limit: 1, offset: 1 });
      expect(page.total).toBe(2);
      expect(page.items.map((item) => item.id)).toEqual(['rtu-9']);
      const found = await listEntities(context.db, projectId, 'assets', { search: 'remote <rtu' });
      expect(found.items.map((item) => item.id)).toEqual(['rtu-9']);
      const percent = await listEntities(context.db, projectId, 'assets', { search: '%' });
      expect(percent.total).toBe(0);
    });

    it('keeps requirement status keyed by subject and requirement, refusing a key change', async () => {
      const projectId = await newProject();
      const key = 'zone-a/SR 1.1';
      const refused = applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'update',
            collection: 'requirementStatus',
            id: key,
            revision: 1,
            body: { subject: 'zone-b', requirement: 'SR 1.1', status: 'planned' },
          },
        ],
        alice,
      );
      await expect(refused).rejects.toSatisfy(
        (error: unknown) =>
          isStoreError(error, 'invalid-change') &&
          (error.details as ChangeProblem[])[0]?.code === 'invalid-key',
      );
    });

    it('records every change in a hash chain that verifies and detects tampering', async () => {
      const projectId = await newProject();
      await applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'update',
            collection: 'zones',
            id: 'zone-b',
            revision: 1,
            body: { id: 'zone-b', name: 'DMZ' },
          },
        ],
        bob,
        'renamed after the workshop',
      );
      const chainId = projectChainId(projectId);
      const audit = await listAuditEvents(context.db, { chainId });
      expect(audit.items.map((event) => event.action)).toEqual([
        'entity.update',
        'model.import',
        'project.create',
      ]);
      expect(audit.items[0]).toMatchObject({
        actor: bob,
        targetKind: 'zones',
        targetId: 'zone-b',
        before: { id: 'zone-b', name: 'Supervisory' },
        after: { id: 'zone-b', name: 'DMZ' },
        reason: 'renamed after the workshop',
      });
      expect(await verifyAuditChain(context.db, chainId)).toMatchObject({ isValid: true, records: 3 });
      await context.db
        .updateTable('audit_events')
        .set({ reason: 'edited later' })
        .where('chain_id', '=', chainId)
        .where('seq', '=', 3)
        .execute();
      expect(await verifyAuditChain(context.db, chainId)).toMatchObject({
        isValid: false,
        brokenAtSeq: 3,
        problem: 'hash-mismatch',
      });
      await context.db
        .deleteFrom('audit_events')
        .where('chain_id', '=', chainId)
        .where('seq', '=', 2)
        .execute();
      expect(await verifyAuditChain(context.db, chainId)).toMatchObject({
        isValid: false,
        problem: 'sequence-gap',
      });
    });

    it('manages members and project info with audit records', async () => {
      const projectId = await newProject('Members');
      await setMemberRole(context, projectId, bob.id, 'reviewer', alice);
      expect((await listMembers(context.db, projectId)).map((m) => `${m.username}:${m.role}`)).toEqual([
        'alice:assessor',
        'bob:reviewer',
      ]);
      await setMemberRole(context, projectId, bob.id, 'approver', alice);
      expect(await roleInProject(context.db, projectId, bob.id)).toBe('approver');
      await removeMember(context, projectId, bob.id, alice);
      expect(await roleInProject(context.db, projectId, bob.id)).toBeUndefined();
      const renamed = await updateProjectInfo(
        context,
        projectId,
        { name: "Plant '; DROP TABLE x;--" },
        alice,
      );
      expect(renamed.name).toBe("Plant '; DROP TABLE x;--");
      const actions = (await listAuditEvents(context.db, { chainId: projectChainId(projectId) })).items.map(
        (e) => e.action,
      );
      expect(actions.slice(0, 4)).toEqual(['project.update', 'member.remove', 'member.set', 'member.set']);
      expect((await verifyAuditChain(context.db, projectChainId(projectId))).isValid).toBe(true);
    });

    it('imports a model larger than one statement may bind (SQLite allows 32,766 parameters)', async () => {
      const project = await createProject(context, { name: 'Large', formatVersion: 1 }, alice);
      const assets = Array.from({ length: 8_000 }, (_, index) => ({
        id: `asset-${index}`,
        name: `Asset ${index}`,
        kind: 'plc',
        zone: 'zone-a',
      }));
      const imported = await replaceProjectModel(
        context,
        project.id,
        { file: { ...smallFile, assets }, formatVersion: 1 },
        alice,
      );
      expect(imported.entities).toBe(8_000 + 4);
      const page = await listEntities(context.db, project.id, 'assets', { offset: 7_999, limit: 10 });
      expect(page).toMatchObject({ total: 8_000, items: [{ id: 'asset-7999', position: 7_999 }] });
    });

    it('stores hostile text exactly', async () => {
      const projectId = await newProject();
      const hostile = `<script>alert(1)</script>'; DROP TABLE entities;--\u0000\u202e\u0007${'x'.repeat(20_000)}😀`;
      await applyEntityChanges(
        context,
        projectId,
        [
          {
            op: 'update',
            collection: 'assets',
            id: 'plc-1',
            revision: 1,
            body: { ...smallFile.assets[0], name: hostile },
          },
        ],
        alice,
      );
      const stored = await getEntity(context.db, projectId, 'assets', 'plc-1');
      expect((stored?.body as { name: string }).name).toBe(hostile);
    });
  });
}
