import { aSystem } from '@zonewise/core/testing';
import { getProject, listEntities } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import {
  createImportedProject,
  createTestServer,
  type TestClient,
  type TestServer,
} from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ErrorBody {
  error: {
    code: string;
    diagnostics?: { code: string; path: (string | number)[] }[];
    problems?: { index: number; code: string }[];
    current?: { revision: number; body: Record<string, unknown> };
  };
}
interface Entity {
  id: string;
  revision: number;
  body: Record<string, unknown>;
}
interface EntityWrite {
  entity: Entity;
  projectRevision: number;
}

const MODEL = JSON.stringify(aSystem());
const asset = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  name: `Asset ${id}`,
  kind: 'plc',
  zone: 'control',
  ...overrides,
});

for (const dialect of TEST_DIALECTS) {
  describe(`entity routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let bob: TestClient;
    let mallory: TestClient;
    let projectId: string;
    const base = (id = projectId) => `/api/projects/${id}`;
    const ifMatch = (revision: number | string) => ({ headers: { 'if-match': `"${revision}"` } });
    const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;
    const state = async (id = projectId) => ({
      revision: (await getProject(server.deps.store.db, id))?.revision,
      assets: (await listEntities(server.deps.store.db, id, 'assets')).items.map((item) => [
        item.id,
        item.revision,
      ]),
    });

    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      bob = await server.login('bob');
      mallory = await server.login('mallory');
      projectId = await createImportedProject(alice, MODEL, { format: 'json' });
      await server.grant(projectId, bob, 'assessor');
    });
    afterAll(() => server.close());

    it('lists a collection with paging, search and ids', async () => {
      const page = await alice.request('GET', `${base()}/entities/assets?limit=2`);
      expect(page.status).toBe(200);
      expect(await page.json()).toMatchObject({
        total: 3,
        offset: 0,
        limit: 2,
        items: [{ id: 'plc-1' }, { id: 'hmi-1' }],
      });
      const search = (await (await alice.request('GET', `${base()}/entities/assets?q=HISTOR`)).json()) as {
        items: Entity[];
      };
      expect(search.items.map((item) => item.id)).toEqual(['historian']);
      const ids = (await (
        await alice.request('GET', `${base()}/entities/assets?ids=historian,plc-1`)
      ).json()) as {
        items: Entity[];
        total: number;
      };
      expect(ids.items.map((item) => item.id)).toEqual(['plc-1', 'historian']);
      const invalid = await alice.request('GET', `${base()}/entities/assets?limit=0&offset=-1`);
      expect(invalid.status).toBe(422);
      expect((await errorOf(invalid)).diagnostics?.map((d) => d.path)).toEqual([
        ['query', 'offset'],
        ['query', 'limit'],
      ]);
      expect((await alice.request('GET', `${base()}/entities/bananas`)).status).toBe(422);
    });

    it('pages and reads the same by session and by API token, around the gap a delete leaves', async () => {
      const id = await createImportedProject(alice, MODEL, { format: 'json' });
      const created = await alice.request('POST', '/api/tokens', { name: 'paging' });
      const { secret } = (await created.json()) as { secret: string };
      const byToken = (path: string) =>
        server.anonymous('GET', path, undefined, { authorization: `Bearer ${secret}` });
      const hmi = (await (await alice.request('GET', `${base(id)}/entities/assets/hmi-1`)).json()) as Entity;
      const removed = await alice.request(
        'DELETE',
        `${base(id)}/entities/assets/hmi-1`,
        undefined,
        ifMatch(hmi.revision),
      );
      expect(removed.status).toBe(200);
      for (const path of [
        `${base(id)}/entities/assets?offset=1&limit=5`,
        `${base(id)}/entities/assets/plc-1`,
      ]) {
        const session = await alice.request('GET', path);
        const token = await byToken(path);
        expect([session.status, token.status]).toEqual([200, 200]);
        expect(await token.text()).toBe(await session.text());
      }
      const page = (await (await byToken(`${base(id)}/entities/assets?limit=5`)).json()) as {
        items: Entity[];
        total: number;
      };
      expect({ ids: page.items.map((item) => item.id), total: page.total }).toEqual({
        ids: ['plc-1', 'historian'],
        total: 2,
      });
      const one = await byToken(`${base(id)}/entities/assets/plc-1`);
      expect(one.headers.get('etag')).toBe('"1"');
      expect(one.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await one.json()).toMatchObject({ collection: 'assets', id: 'plc-1', revision: 1 });
      expect((await byToken(`${base(id)}/entities/assets/hmi-1`)).status).toBe(404);
      const outsider = await mallory.request('GET', `${base(id)}/entities/assets/plc-1`);
      expect(outsider.status).toBe(404);
    });

    it('creates, reads, replaces and deletes one entity with revisions', async () => {
      const created = await alice.request('POST', `${base()}/entities/assets`, asset('rtu-1'));
      expect(created.status).toBe(201);
      const write = (await created.json()) as EntityWrite;
      expect(write.entity).toMatchObject({ id: 'rtu-1', revision: 1, body: asset('rtu-1') });
      expect(created.headers.get('etag')).toBe('"1"');

      const read = await alice.request('GET', `${base()}/entities/assets/rtu-1`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');

      const duplicate = await alice.request('POST', `${base()}/entities/zones`, {
        id: 'rtu-1',
        name: 'Clash',
      });
      expect(duplicate.status).toBe(409);
      expect((await errorOf(duplicate)).code).toBe('duplicate-id');

      const renamed = asset('rtu-1', { name: 'Remote terminal unit' });
      const replaced = await alice.request('PUT', `${base()}/entities/assets/rtu-1`, renamed, ifMatch(1));
      expect(replaced.status).toBe(200);
      expect(((await replaced.json()) as EntityWrite).entity).toMatchObject({ revision: 2, body: renamed });

      const stale = await bob.request('PUT', `${base()}/entities/assets/rtu-1`, asset('rtu-1'), ifMatch(1));
      expect(stale.status).toBe(409);
      const conflict = await errorOf(stale);
      expect(conflict.code).toBe('revision-conflict');
      expect(conflict.current).toMatchObject({ revision: 2, body: renamed });

      const missing = await alice.request('PUT', `${base()}/entities/assets/rtu-1`, renamed);
      expect(missing.status).toBe(428);
      expect((await errorOf(missing)).code).toBe('revision-required');
      const malformed = await alice.request(
        'PUT',
        `${base()}/entities/assets/rtu-1`,
        renamed,
        ifMatch('two'),
      );
      expect(malformed.status).toBe(422);

      const staleDelete = await alice.request(
        'DELETE',
        `${base()}/entities/assets/rtu-1`,
        undefined,
        ifMatch(1),
      );
      expect(staleDelete.status).toBe(409);
      expect((await alice.request('DELETE', `${base()}/entities/assets/rtu-1`)).status).toBe(428);
      const deleted = await alice.request('DELETE', `${base()}/entities/assets/rtu-1`, undefined, ifMatch(2));
      expect(deleted.status).toBe(200);
      expect((await alice.request('GET', `${base()}/entities/assets/rtu-1`)).status).toBe(404);
      const gone = await alice.request('PUT', `${base()}/entities/assets/rtu-1`, renamed, ifMatch(2));
      expect(gone.status).toBe(404);
      expect((await errorOf(gone)).code).toBe('not-found');
    });

    it('refuses invalid bodies with every problem and its path, storing nothing', async () => {
      const before = await state();
      const invalid = await alice.request('POST', `${base()}/entities/assets`, {
        id: 'bad id',
        kind: 'plc',
        criticality: { 'health-safety': 'very' },
        colour: 'red',
      });
      expect(invalid.status).toBe(422);
      const error = await errorOf(invalid);
      expect(error.code).toBe('invalid-input');
      expect(error.diagnostics?.map((d) => d.path)).toEqual(
        expect.arrayContaining([
          ['body', 'id'],
          ['body', 'name'],
          ['body', 'criticality', 'health-safety'],
          ['body'],
        ]),
      );
      const notAnObject = await alice.request('POST', `${base()}/entities/assets`, [1, 2]);
      expect(notAnObject.status).toBe(422);
      const renamed = await alice.request(
        'PUT',
        `${base()}/entities/assets/plc-1`,
        asset('plc-9'),
        ifMatch(1),
      );
      expect(renamed.status).toBe(422);
      expect((await errorOf(renamed)).diagnostics).toEqual([
        expect.objectContaining({ code: 'key-mismatch', path: ['body', 'id'] }),
      ]);
      expect(await state()).toEqual(before);
    });

    it('keeps unknown fields an import carried when an edit sends them back unchanged, and refuses new ones', async () => {
      const system = aSystem();
      const file = {
        ...system,
        assets: (system.assets ?? []).map((item) =>
          item.id === 'plc-1' ? { ...item, 'x-owner-note': 'from the CMDB', extra: { a: 1 } } : item,
        ),
      };
      const imported = await createImportedProject(alice, JSON.stringify(file), { format: 'json' });
      const path = `${base(imported)}/entities/assets/plc-1`;
      const stored = (await (await alice.request('GET', path)).json()) as Entity;
      expect(stored.body['x-owner-note']).toBe('from the CMDB');
      // The web UI sends the whole body back with the edit.
      const edited = await alice.request(
        'PUT',
        path,
        { ...stored.body, name: 'Press PLC' },
        ifMatch(stored.revision),
      );
      expect(edited.status).toBe(200);
      const written = ((await edited.json()) as EntityWrite).entity;
      expect(written.body).toMatchObject({
        name: 'Press PLC',
        'x-owner-note': 'from the CMDB',
        extra: { a: 1 },
      });
      // A batch (the table's bulk edit) too.
      const batch = await alice.request('POST', `${base(imported)}/changes`, {
        changes: [
          {
            op: 'update',
            collection: 'assets',
            id: 'plc-1',
            revision: written.revision,
            body: { ...written.body, zone: 'dmz' },
          },
        ],
      });
      expect(batch.status).toBe(200);
      const current = (await (await alice.request('GET', path)).json()) as Entity;
      // A new unknown field, or a carried one with another value, is still refused at once.
      for (const body of [
        { ...current.body, colour: 'red' },
        { ...current.body, 'x-owner-note': 'changed' },
      ]) {
        const refused = await alice.request('PUT', path, body, ifMatch(current.revision));
        expect(refused.status).toBe(422);
        expect((await errorOf(refused)).diagnostics?.map((d) => d.code)).toEqual(['unknown-field']);
      }
    });

    it('keys requirement status by subject/requirement in the URL', async () => {
      const status = { subject: 'control', requirement: 'SR 1.1', status: 'met' };
      expect((await alice.request('POST', `${base()}/entities/requirementStatus`, status)).status).toBe(201);
      const url = `${base()}/entities/requirementStatus/${encodeURIComponent('control/SR 1.1')}`;
      const read = await alice.request('GET', url);
      expect(read.status).toBe(200);
      expect(((await read.json()) as Entity).body).toEqual(status);
      const updated = await alice.request('PUT', url, { ...status, status: 'partial' }, ifMatch(1));
      expect(updated.status).toBe(200);
    });

    it('reads and sets the sections', async () => {
      const system = await alice.request('GET', `${base()}/sections/system`);
      expect(system.status).toBe(200);
      const { revision, body } = (await system.json()) as Entity;
      const changed = { ...body, name: 'Renamed system' };
      expect((await alice.request('PUT', `${base()}/sections/system`, changed)).status).toBe(428);
      const put = await alice.request('PUT', `${base()}/sections/system`, changed, ifMatch(revision));
      expect(put.status).toBe(200);
      expect(((await put.json()) as EntityWrite).entity.body).toEqual(changed);
      const stale = await alice.request('PUT', `${base()}/sections/system`, changed, ifMatch(revision));
      expect(stale.status).toBe(409);

      expect((await alice.request('GET', `${base()}/sections/assessment`)).status).toBe(404);
      const info = { date: '2025-01-01' };
      const created = await alice.request('PUT', `${base()}/sections/assessment`, info);
      expect(created.status).toBe(201);
      const invalid = await alice.request('PUT', `${base()}/sections/assessment`, { date: 3 }, ifMatch(1));
      expect(invalid.status).toBe(422);
      expect((await errorOf(invalid)).diagnostics?.[0]?.path).toEqual(['body', 'date']);
      expect((await alice.request('GET', `${base()}/sections/bananas`)).status).toBe(422);
    });

    it('applies a batch atomically and refuses a batch with any bad change, listing every problem', async () => {
      const before = await state();
      const good = await alice.request('POST', `${base()}/changes`, {
        reason: 'add a second HMI',
        changes: [
          { op: 'create', collection: 'assets', body: asset('hmi-2', { kind: 'hmi' }) },
          {
            op: 'update',
            collection: 'assets',
            id: 'historian',
            revision: 1,
            body: asset('historian', { zone: 'dmz', kind: 'historian' }),
          },
          { op: 'delete', collection: 'assets', id: 'hmi-2', revision: 1 },
        ],
      });
      expect(good.status).toBe(200);
      const applied = (await good.json()) as { projectRevision: number; results: (Entity | null)[] };
      expect(applied.projectRevision).toBe((before.revision ?? 0) + 1);
      expect(applied.results.map((result) => result?.revision ?? null)).toEqual([1, 2, null]);

      const after = await state();
      const invalid = await alice.request('POST', `${base()}/changes`, {
        changes: [
          { op: 'create', collection: 'assets', body: asset('ok-1') },
          { op: 'create', collection: 'assets', body: { id: 'x', name: 5 } },
          {
            op: 'update',
            collection: 'zones',
            id: 'dmz',
            revision: 1,
            body: { id: 'dmz', name: 'DMZ', bogus: 1 },
          },
        ],
      });
      expect(invalid.status).toBe(422);
      const paths = (await errorOf(invalid)).diagnostics?.map((d) => d.path.slice(0, 4));
      expect(paths).toEqual(
        expect.arrayContaining([
          ['body', 'changes', 1, 'body'],
          ['body', 'changes', 2, 'body'],
        ]),
      );
      expect(paths?.some((path) => path[2] === 0)).toBe(false);

      const refused = await alice.request('POST', `${base()}/changes`, {
        changes: [
          { op: 'create', collection: 'assets', body: asset('ok-2') },
          { op: 'update', collection: 'assets', id: 'historian', revision: 1, body: asset('historian') },
          { op: 'delete', collection: 'assets', id: 'no-such-asset', revision: 1 },
          { op: 'create', collection: 'assets', body: asset('plc-1') },
        ],
      });
      expect(refused.status).toBe(422);
      const refusal = await errorOf(refused);
      expect(refusal.code).toBe('invalid-change');
      expect(refusal.problems?.map((p) => [p.index, p.code])).toEqual([
        [1, 'revision-conflict'],
        [2, 'not-found'],
        [3, 'duplicate-id'],
      ]);
      const conflicts = await alice.request('POST', `${base()}/changes`, {
        changes: [{ op: 'delete', collection: 'assets', id: 'historian', revision: 1 }],
      });
      expect(conflicts.status).toBe(409);
      expect((await errorOf(conflicts)).code).toBe('revision-conflict');
      const empty = await alice.request('POST', `${base()}/changes`, { changes: [] });
      expect(empty.status).toBe(422);
      expect(await state()).toEqual(after);
    });

    it('lets two users edit different entities of one project without conflict', async () => {
      const plc = ((await (await alice.request('GET', `${base()}/entities/assets/plc-1`)).json()) as Entity)
        .revision;
      const hmi = ((await (await bob.request('GET', `${base()}/entities/assets/hmi-1`)).json()) as Entity)
        .revision;
      const [first, second] = await Promise.all([
        alice.request(
          'PUT',
          `${base()}/entities/assets/plc-1`,
          asset('plc-1', { name: 'Alice was here' }),
          ifMatch(plc),
        ),
        bob.request(
          'PUT',
          `${base()}/entities/assets/hmi-1`,
          asset('hmi-1', { kind: 'hmi', name: 'Bob was here' }),
          ifMatch(hmi),
        ),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
    });

    it('answers 401, 403 for each role that may not edit, and 404 for other projects', async () => {
      const writes = (client: TestClient, id = projectId) => [
        client.request('POST', `${base(id)}/entities/assets`, asset('intruder')),
        client.request('PUT', `${base(id)}/entities/assets/plc-1`, asset('plc-1'), ifMatch(1)),
        client.request('DELETE', `${base(id)}/entities/assets/plc-1`, undefined, ifMatch(1)),
        client.request('PUT', `${base(id)}/sections/system`, { name: 'x', intendedUse: 'y' }, ifMatch(1)),
        client.request('POST', `${base(id)}/changes`, {
          changes: [{ op: 'create', collection: 'assets', body: asset('intruder') }],
        }),
      ];
      const before = await state();
      expect((await server.anonymous('GET', `${base()}/entities/assets`)).status).toBe(401);
      for (const response of await Promise.all(writes(mallory))) expect(response.status).toBe(404);
      expect((await mallory.request('GET', `${base()}/entities/assets/plc-1`)).status).toBe(404);
      for (const role of ['viewer', 'reviewer', 'approver'] as const) {
        await server.grant(projectId, mallory, role);
        for (const response of await Promise.all(writes(mallory))) {
          expect(response.status).toBe(403);
          expect((await errorOf(response)).code).toBe('forbidden');
        }
        expect((await mallory.request('GET', `${base()}/entities/assets/plc-1`)).status).toBe(200);
        expect((await mallory.request('GET', `${base()}/sections/system`)).status).toBe(200);
        // The role is checked before the body: an invalid body from a viewer is still 403, not 422.
        expect((await mallory.request('POST', `${base()}/entities/assets`, { bogus: true })).status).toBe(
          403,
        );
      }
      expect(await state()).toEqual(before);

      // Mallory's own project cannot reach Alice's entities by id.
      const own = await createImportedProject(mallory, MODEL, { format: 'json', name: 'Mallory plant' });
      expect((await mallory.request('GET', `${base(own)}/entities/assets/rtu-1`)).status).toBe(404);
      const foreign = await mallory.request(
        'GET',
        `${base(own)}/entities/requirementStatus/${encodeURIComponent('control/SR 1.1')}`,
      );
      expect(foreign.status).toBe(404);
      const batch = await mallory.request('POST', `${base(own)}/changes`, {
        changes: [{ op: 'delete', collection: 'requirementStatus', id: 'control/SR 1.1', revision: 2 }],
      });
      expect(batch.status).toBe(422);
      expect((await errorOf(batch)).problems?.[0]?.code).toBe('not-found');
      expect(await state()).toEqual(before);
    });

    it('describes every entity route in the OpenAPI document with its permission', async () => {
      const response = await server.anonymous('GET', '/api/openapi.json');
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        paths: Record<string, Record<string, { 'x-zonewise-permission'?: string }>>;
      };
      const operations = Object.entries(document.paths)
        .filter(([path]) => /\/(entities|sections|changes)/.test(path))
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, operation]) => [
            `${method} ${path}`,
            operation['x-zonewise-permission'],
          ]),
        );
      expect(operations).toHaveLength(8);
      for (const [name, action] of operations)
        expect([name, action]).toEqual([name, name?.startsWith('get') ? 'read' : 'edit']);
    });
  });
}
