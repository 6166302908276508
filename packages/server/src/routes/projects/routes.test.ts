import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

for (const dialect of TEST_DIALECTS) {
  describe(`projects routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let mallory: TestClient;
    let admin: TestClient;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      mallory = await server.login('mallory');
      admin = await server.login('root', { isAdmin: true });
    });
    afterAll(() => server.close());

    it('creates a project and lists it only for its members and administrators', async () => {
      const created = await alice.request('POST', '/api/projects', { name: 'Tablet plant' });
      expect(created.status).toBe(201);
      const project = (await created.json()) as { id: string; role: string; revision: number };
      expect(project).toMatchObject({ role: 'assessor', revision: 0 });
      const aliceList = (await (await alice.request('GET', '/api/projects')).json()) as {
        items: { id: string }[];
      };
      const malloryList = (await (await mallory.request('GET', '/api/projects')).json()) as {
        items: unknown[];
      };
      const adminList = (await (await admin.request('GET', '/api/projects')).json()) as {
        items: { id: string }[];
      };
      expect(aliceList.items.map((p) => p.id)).toContain(project.id);
      expect(malloryList.items).toEqual([]);
      expect(adminList.items.map((p) => p.id)).toContain(project.id);
    });

    it('answers 401 without credentials, 403 without the CSRF token, 422 with diagnostics', async () => {
      expect((await server.anonymous('GET', '/api/projects')).status).toBe(401);
      const noCsrf = await alice.request('POST', '/api/projects', { name: 'x' }, { csrf: false });
      expect(noCsrf.status).toBe(403);
      expect(((await noCsrf.json()) as { error: { code: string } }).error.code).toBe('csrf-token-missing');
      const invalid = await alice.request('POST', '/api/projects', { name: '', extra: 1 });
      expect(invalid.status).toBe(422);
      const body = (await invalid.json()) as { error: { code: string; diagnostics: { path: unknown[] }[] } };
      expect(body.error.code).toBe('invalid-input');
      expect(body.error.diagnostics.map((d) => d.path[0])).toEqual(expect.arrayContaining(['body']));
    });

    it('hides another project behind 404 and refuses edits by a viewer with 403', async () => {
      const project = (await (await alice.request('POST', '/api/projects', { name: 'Private' })).json()) as {
        id: string;
      };
      expect((await mallory.request('GET', `/api/projects/${project.id}`)).status).toBe(404);
      expect((await mallory.request('GET', '/api/projects/does-not-exist')).status).toBe(404);
      await server.grant(project.id, mallory, 'viewer');
      expect((await mallory.request('GET', `/api/projects/${project.id}`)).status).toBe(200);
      const patch = await mallory.request('PATCH', `/api/projects/${project.id}`, { name: 'Mine now' });
      expect(patch.status).toBe(403);
      const ok = await alice.request('PATCH', `/api/projects/${project.id}`, { name: '<b>Renamed</b>' });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { name: string }).name).toBe('<b>Renamed</b>');
    });

    it('serves an OpenAPI 3.1 document listing the routes', async () => {
      const response = await server.anonymous('GET', '/api/openapi.json');
      expect(response.status).toBe(200);
      const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/projects', '/api/projects/{projectId}']),
      );
    });
  });
}
