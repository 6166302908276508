import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProject, replaceProjectModel } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

const file = {
  formatVersion: 1,
  system: { name: 'Tablet plant' },
  zones: [{ id: 'zone-a', name: 'Control' }],
  assets: [{ id: 'plc-1', name: 'PLC 1', kind: 'plc', zone: 'zone-a' }],
};
type Page = {
  items: { id: string; body: string; targetKind: string; author: { id: string } }[];
  total: number;
};
const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

for (const dialect of TEST_DIALECTS) {
  describe(`comment routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let rita: TestClient;
    let paula: TestClient;
    let victor: TestClient;
    let mallory: TestClient;
    let projectId: string;
    let otherId: string;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      rita = await server.login('rita');
      paula = await server.login('paula');
      victor = await server.login('victor');
      mallory = await server.login('mallory');
      const create = async (name: string) => {
        const project = (await (await alice.request('POST', '/api/projects', { name })).json()) as {
          id: string;
        };
        await replaceProjectModel(
          server.deps.store,
          project.id,
          { file, formatVersion: 1 },
          { id: 's', name: 'S' },
        );
        return project.id;
      };
      projectId = await create('Commented');
      otherId = await create('Other');
      await server.grant(projectId, rita, 'reviewer');
      await server.grant(projectId, paula, 'approver');
      await server.grant(projectId, victor, 'viewer');
      await server.grant(otherId, mallory, 'assessor');
    });
    afterAll(() => server.close());

    it('lets reviewers, approvers and assessors comment without changing the revision; every member reads', async () => {
      const revision = (await getProject(server.deps.store.db, projectId))?.revision;
      const path = `/api/projects/${projectId}/comments`;
      const hostile = 'Zone <script>alert(1)</script> \u202e; DROP TABLE comments;--';
      const created = await rita.request('POST', path, {
        targetKind: 'assets',
        targetId: 'plc-1',
        body: hostile,
      });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({
        body: hostile,
        author: { id: rita.user.id },
        targetId: 'plc-1',
      });
      expect(
        (await paula.request('POST', path, { targetKind: 'project', targetId: projectId, body: 'Ok' }))
          .status,
      ).toBe(201);
      expect(
        (await alice.request('POST', path, { targetKind: 'zones', targetId: 'zone-a', body: 'Fixed' }))
          .status,
      ).toBe(201);
      expect((await getProject(server.deps.store.db, projectId))?.revision).toBe(revision);
      const onPlc = (await (
        await victor.request('GET', `${path}?targetKind=assets&targetId=plc-1`)
      ).json()) as Page;
      expect(onPlc.items.map((item) => item.body)).toEqual([hostile]);
      const all = (await (await victor.request('GET', `${path}?limit=2`)).json()) as Page;
      expect(all.total).toBe(3);
      expect(all.items.map((item) => item.targetKind)).toEqual(['assets', 'project']);
      const audit = (await (
        await victor.request('GET', `/api/projects/${projectId}/audit?action=comment.create`)
      ).json()) as {
        total: number;
      };
      expect(audit.total).toBe(3);
    });

    it('refuses viewers (403), non-members (404), anonymous callers (401) and targets of other projects (404)', async () => {
      const path = `/api/projects/${projectId}/comments`;
      const body = { targetKind: 'project', targetId: projectId, body: 'Hello' };
      const viewer = await victor.request('POST', path, body);
      expect(viewer.status).toBe(403);
      expect(await codeOf(viewer)).toBe('forbidden');
      expect((await mallory.request('POST', path, body)).status).toBe(404);
      expect((await mallory.request('GET', path)).status).toBe(404);
      expect((await server.anonymous('POST', path, body)).status).toBe(401);
      expect((await server.anonymous('GET', path)).status).toBe(401);
      const foreignProject = await alice.request('POST', path, {
        targetKind: 'project',
        targetId: otherId,
        body: 'x',
      });
      expect(foreignProject.status).toBe(404);
      expect(await codeOf(foreignProject)).toBe('not-found');
      expect(
        (await alice.request('POST', path, { targetKind: 'assets', targetId: 'no-such-asset', body: 'x' }))
          .status,
      ).toBe(404);
      const otherPage = (await (
        await mallory.request('GET', `/api/projects/${otherId}/comments`)
      ).json()) as Page;
      expect(otherPage.total).toBe(0);
    });

    it('answers 422 with the paths of every problem', async () => {
      const response = await alice.request('POST', `/api/projects/${projectId}/comments`, {
        targetKind: 'users',
        targetId: '',
        body: '   ',
      });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { code: string; diagnostics: { path: unknown[] }[] } };
      expect(body.error.code).toBe('invalid-input');
      expect(body.error.diagnostics.map((d) => d.path)).toEqual(
        expect.arrayContaining([
          ['body', 'targetKind'],
          ['body', 'targetId'],
          ['body', 'body'],
        ]),
      );
      expect(
        (await alice.request('GET', `/api/projects/${projectId}/comments?targetKind=users`)).status,
      ).toBe(422);
    });
  });
}
