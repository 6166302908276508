import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, projectChainId } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

interface ErrorJson {
  error: { code: string; diagnostics?: { path: (string | number)[] }[] };
}
interface MemberJson {
  userId: string;
  role: string;
}

const codeOf = async (response: Response) => ((await response.json()) as ErrorJson).error.code;

for (const dialect of TEST_DIALECTS) {
  describe(`members routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let viewer: TestClient;
    let reviewer: TestClient;
    let outsider: TestClient;
    let root: TestClient;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      viewer = await server.login('vera');
      reviewer = await server.login('rita');
      outsider = await server.login('otto');
      root = await server.login('root', { isAdmin: true });
    });
    afterAll(() => server.close());

    const newProject = async () => {
      const project = (await (await alice.request('POST', '/api/projects', { name: 'Plant' })).json()) as {
        id: string;
      };
      await server.grant(project.id, viewer, 'viewer');
      await server.grant(project.id, reviewer, 'reviewer');
      return project.id;
    };
    const members = `/api/projects`;

    it('lists members for any member, 404 for non-members and 401 anonymously', async () => {
      const projectId = await newProject();
      const list = await viewer.request('GET', `${members}/${projectId}/members`);
      expect(list.status).toBe(200);
      const items = ((await list.json()) as { items: MemberJson[] }).items;
      expect(items.map((m) => [m.userId, m.role])).toEqual(
        expect.arrayContaining([
          [alice.user.id, 'assessor'],
          [viewer.user.id, 'viewer'],
          [reviewer.user.id, 'reviewer'],
        ]),
      );
      expect(await codeOf(await outsider.request('GET', `${members}/${projectId}/members`))).toBe(
        'not-found',
      );
      expect((await server.anonymous('GET', `${members}/${projectId}/members`)).status).toBe(401);
      expect((await root.request('GET', `${members}/${projectId}/members`)).status).toBe(200);
    });

    it('lets an assessor add and change members, recorded in the project audit chain', async () => {
      const projectId = await newProject();
      const added = await alice.request('PUT', `${members}/${projectId}/members/${outsider.user.id}`, {
        role: 'approver',
      });
      expect(added.status).toBe(200);
      expect(await added.json()).toMatchObject({ userId: outsider.user.id, role: 'approver' });
      expect((await outsider.request('GET', `/api/projects/${projectId}`)).status).toBe(200);
      const changed = await alice.request('PUT', `${members}/${projectId}/members/${outsider.user.id}`, {
        role: 'viewer',
      });
      expect(((await changed.json()) as MemberJson).role).toBe('viewer');
      const audit = await listAuditEvents(server.deps.store.db, {
        chainId: projectChainId(projectId),
        action: 'member.set',
        targetId: outsider.user.id,
      });
      expect(audit.items.map((e) => e.after)).toEqual([{ role: 'viewer' }, { role: 'approver' }]);
    });

    it('refuses members without manage (403) and non-members (404), validation after permission', async () => {
      const projectId = await newProject();
      for (const client of [viewer, reviewer]) {
        const put = await client.request('PUT', `${members}/${projectId}/members/${outsider.user.id}`, {
          role: 'assessor',
        });
        expect(put.status).toBe(403);
        expect(await codeOf(put)).toBe('forbidden');
        const invalid = await client.request('PUT', `${members}/${projectId}/members/${outsider.user.id}`, {
          role: 'owner',
        });
        expect(invalid.status).toBe(403);
        expect(
          (await client.request('DELETE', `${members}/${projectId}/members/${alice.user.id}`)).status,
        ).toBe(403);
      }
      const self = await outsider.request('PUT', `${members}/${projectId}/members/${outsider.user.id}`, {
        role: 'assessor',
      });
      expect(self.status).toBe(404);
      expect(
        (
          await alice.request(
            'PUT',
            `${members}/${projectId}/members/${outsider.user.id}`,
            { role: 'x' },
            { csrf: false },
          )
        ).status,
      ).toBe(403);
      expect(
        (await server.anonymous('DELETE', `${members}/${projectId}/members/${viewer.user.id}`)).status,
      ).toBe(401);
    });

    it('answers 422 for an unknown role and 404 for unknown users, members or projects', async () => {
      const projectId = await newProject();
      const invalid = await alice.request('PUT', `${members}/${projectId}/members/${outsider.user.id}`, {
        role: 'owner',
      });
      expect(invalid.status).toBe(422);
      expect(((await invalid.json()) as ErrorJson).error.diagnostics?.[0]?.path).toEqual(['body', 'role']);
      expect(
        await codeOf(
          await alice.request('PUT', `${members}/${projectId}/members/nobody`, { role: 'viewer' }),
        ),
      ).toBe('not-found');
      expect(
        (await alice.request('DELETE', `${members}/${projectId}/members/${outsider.user.id}`)).status,
      ).toBe(404);
      expect((await alice.request('GET', `${members}/no-such-project/members`)).status).toBe(404);
    });

    it('keeps the last assessor (409 last-assessor) unless an administrator removes them', async () => {
      const projectId = await newProject();
      const leave = await alice.request('DELETE', `${members}/${projectId}/members/${alice.user.id}`);
      expect(leave.status).toBe(409);
      expect(await codeOf(leave)).toBe('last-assessor');
      const demote = await alice.request('PUT', `${members}/${projectId}/members/${alice.user.id}`, {
        role: 'viewer',
      });
      expect(demote.status).toBe(409);
      expect(await codeOf(demote)).toBe('last-assessor');
      await alice.request('PUT', `${members}/${projectId}/members/${reviewer.user.id}`, { role: 'assessor' });
      expect((await alice.request('DELETE', `${members}/${projectId}/members/${alice.user.id}`)).status).toBe(
        204,
      );
      expect((await alice.request('GET', `/api/projects/${projectId}`)).status).toBe(404);
      expect(
        (await root.request('DELETE', `${members}/${projectId}/members/${reviewer.user.id}`)).status,
      ).toBe(204);
    });
  });
}
