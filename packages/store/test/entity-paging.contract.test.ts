import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEntityChanges,
  createProject,
  getProjectWithRole,
  listEntities,
  listEntitiesJson,
  replaceProjectModel,
  type StoreContext,
} from '@zonewise/store';
import { TEST_DIALECTS, insertTestUser, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const alice = { id: 'user-alice', name: 'Alice Assessor' };

const asset = (n: number) => ({ id: `a-${n}`, name: `Asset ${n}`, kind: 'plc', zone: 'z' });
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

for (const dialect of TEST_DIALECTS) {
  describe(`entity paging contract (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
      await insertTestUser(context, alice);
    });
    afterAll(async () => {
      await database.close();
    });

    /** What paging must agree with: every entity in file order, by a full scan. */
    const allIds = async (projectId: string) =>
      (
        await context.db
          .selectFrom('entities')
          .select('entity_id')
          .where('project_id', '=', projectId)
          .where('collection', '=', 'assets')
          .orderBy('position')
          .execute()
      ).map((row) => row.entity_id);

    const expectPagesMatch = async (projectId: string) => {
      const all = await allIds(projectId);
      for (const offset of [0, 1, 7, all.length - 1, all.length, all.length + 5]) {
        const page = await listEntities(context.db, projectId, 'assets', { offset, limit: 4 });
        expect(page.total).toBe(all.length);
        expect(ids(page.items)).toEqual(all.slice(offset, offset + 4));
        const json = await listEntitiesJson(context, projectId, 'assets', { offset, limit: 4 });
        expect(json.total).toBe(all.length);
        expect(JSON.parse(json.itemsJson)).toEqual(page.items);
      }
    };

    it('pages and counts the same as a full scan after an import, creates, deletes and a re-import', async () => {
      const project = await createProject(context, { name: 'Paging', formatVersion: 1 }, alice);
      const file = {
        formatVersion: 1,
        system: { name: 'S' },
        assets: Array.from({ length: 20 }, (_, n) => asset(n)),
      };
      await replaceProjectModel(context, project.id, { file, formatVersion: 1 }, alice);
      await expectPagesMatch(project.id);

      const created = await applyEntityChanges(
        context,
        project.id,
        [
          { op: 'create', collection: 'assets', body: asset(100) },
          { op: 'create', collection: 'assets', body: asset(101) },
        ],
        alice,
      );
      expect(created.results.map((result) => result?.position)).toEqual([20, 21]);
      await expectPagesMatch(project.id);

      // Text the database quotes when it writes a page (ids are plain by the schema, who edited is not).
      const hostile = { id: 'user-"q"\\\t\u0001\u2028', name: 'Q' };
      await applyEntityChanges(
        context,
        project.id,
        [
          {
            op: 'update',
            collection: 'assets',
            id: 'a-1',
            revision: 1,
            body: { ...asset(1), name: '"</script>\\\n' },
          },
        ],
        hostile,
      );
      await expectPagesMatch(project.id);

      // A delete in the middle leaves a gap in the positions: paging must still skip by count, not by position.
      const middle = (await listEntities(context.db, project.id, 'assets', { offset: 5, limit: 1 })).items[0];
      const last = (await listEntities(context.db, project.id, 'assets', { offset: 21, limit: 1 })).items[0];
      if (middle === undefined || last === undefined) throw new Error('missing assets');
      await applyEntityChanges(
        context,
        project.id,
        [
          { op: 'delete', collection: 'assets', id: middle.id, revision: middle.revision },
          { op: 'delete', collection: 'assets', id: last.id, revision: last.revision },
        ],
        alice,
      );
      await expectPagesMatch(project.id);
      // Positions are never reused, so an export keeps the order of creation.
      const again = await applyEntityChanges(
        context,
        project.id,
        [{ op: 'create', collection: 'assets', body: asset(102) }],
        alice,
      );
      expect(again.results[0]?.position).toBe(22);
      await expectPagesMatch(project.id);

      // A refused batch changes no counts.
      await expect(
        applyEntityChanges(
          context,
          project.id,
          [
            { op: 'create', collection: 'assets', body: asset(103) },
            { op: 'create', collection: 'assets', body: asset(0) },
          ],
          alice,
        ),
      ).rejects.toMatchObject({ code: 'invalid-change' });
      await expectPagesMatch(project.id);

      await replaceProjectModel(
        context,
        project.id,
        { file: { ...file, assets: file.assets.slice(0, 3) }, formatVersion: 1 },
        alice,
      );
      await expectPagesMatch(project.id);
      expect((await listEntities(context.db, project.id, 'zones')).total).toBe(0);
      const system = await listEntities(context.db, project.id, 'system');
      expect(system.total).toBe(1);
    });

    it('counts a search and an id filter exactly', async () => {
      const project = await createProject(context, { name: 'Filters', formatVersion: 1 }, alice);
      const file = { formatVersion: 1, assets: Array.from({ length: 12 }, (_, n) => asset(n)) };
      await replaceProjectModel(context, project.id, { file, formatVersion: 1 }, alice);
      const search = await listEntities(context.db, project.id, 'assets', { search: 'asset 1', limit: 2 });
      expect(search.total).toBe(3);
      expect(ids(search.items)).toEqual(['a-1', 'a-10']);
      const byId = await listEntitiesJson(context, project.id, 'assets', { ids: ['a-3', 'a-9', 'nope'] });
      expect(byId.total).toBe(2);
      expect(ids(JSON.parse(byId.itemsJson) as { id: string }[])).toEqual(['a-3', 'a-9']);
    });

    it('reads a project and the role of a member, or none, in one call', async () => {
      const project = await createProject(context, { name: 'Roles', formatVersion: 1 }, alice);
      const member = await getProjectWithRole(context.db, project.id, alice.id);
      expect(member?.project.id).toBe(project.id);
      expect(member?.role).toBe('assessor');
      const stranger = await getProjectWithRole(context.db, project.id, 'user-nobody');
      expect(stranger?.project.name).toBe('Roles');
      expect(stranger?.role).toBeUndefined();
      expect(await getProjectWithRole(context.db, 'no-such-project', alice.id)).toBeUndefined();
    });
  });
}
