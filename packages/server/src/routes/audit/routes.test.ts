import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectChainId } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

type Page = {
  items: { seq: number; action: string; actor: { id: string }; targetId: string; at: string }[];
  total: number;
};
const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

for (const dialect of TEST_DIALECTS) {
  describe(`audit routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let victor: TestClient;
    let mallory: TestClient;
    let admin: TestClient;
    let projectId: string;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      victor = await server.login('victor');
      mallory = await server.login('mallory');
      admin = await server.login('root', { isAdmin: true });
      const project = (await (await alice.request('POST', '/api/projects', { name: 'Audited' })).json()) as {
        id: string;
      };
      projectId = project.id;
      await server.grant(projectId, victor, 'viewer');
      await alice.request('PATCH', `/api/projects/${projectId}`, { name: 'Audited plant' });
    });
    afterAll(() => server.close());

    it('lists the project trail newest first, with filters and paging, to any member', async () => {
      const response = await victor.request('GET', `/api/projects/${projectId}/audit`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.items.map((item) => item.action)).toEqual([
        'project.update',
        'member.set',
        'project.create',
      ]);
      expect(page.items.map((item) => item.seq)).toEqual([3, 2, 1]);
      const byAction = (await (
        await victor.request('GET', `/api/projects/${projectId}/audit?action=project.update`)
      ).json()) as Page;
      expect(byAction.items.map((item) => item.actor.id)).toEqual([alice.user.id]);
      const byActor = (await (
        await victor.request(
          'GET',
          `/api/projects/${projectId}/audit?actor=${alice.user.id}&limit=1&offset=1`,
        )
      ).json()) as Page;
      expect(byActor.total).toBe(2);
      expect(byActor.items.map((item) => item.action)).toEqual(['project.create']);
      const byTarget = (await (
        await victor.request('GET', `/api/projects/${projectId}/audit?target=${victor.user.id}`)
      ).json()) as Page;
      expect(byTarget.items.map((item) => item.action)).toEqual(['member.set']);
      const created = page.items[2]?.at ?? '';
      const window = (await (
        await victor.request(
          'GET',
          `/api/projects/${projectId}/audit?from=${encodeURIComponent(created)}&to=${encodeURIComponent(created)}`,
        )
      ).json()) as Page;
      expect(window.items.map((item) => item.action)).toEqual(['project.create']);
    });

    it('verifies the chain and names the first tampered record', async () => {
      const project = (await (await alice.request('POST', '/api/projects', { name: 'Tamper' })).json()) as {
        id: string;
      };
      await alice.request('PATCH', `/api/projects/${project.id}`, { name: 'Tamper 2' });
      await alice.request('PATCH', `/api/projects/${project.id}`, { name: 'Tamper 3' });
      const valid = await alice.request('GET', `/api/projects/${project.id}/audit/verify`);
      expect(valid.status).toBe(200);
      expect(await valid.json()).toMatchObject({ isValid: true, records: 3 });
      await server.deps.store.db
        .updateTable('audit_events')
        .set({ after_json: '{"name":"Forged"}' })
        .where('chain_id', '=', projectChainId(project.id))
        .where('seq', '=', 2)
        .execute();
      const broken = await alice.request('GET', `/api/projects/${project.id}/audit/verify`);
      expect(await broken.json()).toMatchObject({
        isValid: false,
        brokenAtSeq: 2,
        problem: 'hash-mismatch',
        records: 1,
      });
    });

    it('refuses anonymous callers (401), non-members (404) and bad filters (422)', async () => {
      expect((await server.anonymous('GET', `/api/projects/${projectId}/audit`)).status).toBe(401);
      expect((await server.anonymous('GET', `/api/projects/${projectId}/audit/verify`)).status).toBe(401);
      expect((await mallory.request('GET', `/api/projects/${projectId}/audit`)).status).toBe(404);
      expect((await mallory.request('GET', `/api/projects/${projectId}/audit/verify`)).status).toBe(404);
      expect((await alice.request('GET', '/api/projects/no-such-project/audit')).status).toBe(404);
      const invalid = await alice.request('GET', `/api/projects/${projectId}/audit?from=yesterday&limit=0`);
      expect(invalid.status).toBe(422);
      const body = (await invalid.json()) as { error: { code: string; diagnostics: { path: unknown[] }[] } };
      expect(body.error.code).toBe('invalid-input');
      expect(body.error.diagnostics.map((d) => d.path)).toEqual(
        expect.arrayContaining([
          ['query', 'from'],
          ['query', 'limit'],
        ]),
      );
    });

    it('offers no way to edit or delete audit records', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        for (const path of [
          `/api/projects/${projectId}/audit`,
          `/api/projects/${projectId}/audit/1`,
          '/api/audit/system',
        ]) {
          const response = await admin.request(method, path, {});
          expect([path, method, [404, 405].includes(response.status)]).toEqual([path, method, true]);
        }
      }
      const after = (await (
        await alice.request('GET', `/api/projects/${projectId}/audit/verify`)
      ).json()) as {
        isValid: boolean;
        records: number;
      };
      expect(after).toMatchObject({ isValid: true, records: 3 });
    });

    it('shows the accounts trail and its verification to administrators only', async () => {
      const response = await admin.request('GET', '/api/audit/system?action=user.create');
      expect(response.status).toBe(200);
      const page = (await response.json()) as Page;
      expect(page.total).toBe(4);
      expect(page.items.map((item) => item.targetId)).toContain(alice.user.id);
      expect(await (await admin.request('GET', '/api/audit/system/verify')).json()).toMatchObject({
        isValid: true,
      });
      for (const path of ['/api/audit/system', '/api/audit/system/verify']) {
        const refused = await alice.request('GET', path);
        expect(refused.status).toBe(403);
        expect(await codeOf(refused)).toBe('forbidden');
        expect((await server.anonymous('GET', path)).status).toBe(401);
      }
      expect((await admin.request('GET', '/api/audit/system?to=never')).status).toBe(422);
    });
  });
}
