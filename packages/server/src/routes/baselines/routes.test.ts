import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessSystem, resolveSystem } from '@zonewise/core';
import { loadAssessmentText } from '@zonewise/formats';
import { applyEntityChanges, getEntity, replaceProjectModel } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';
import { assessProject } from '../../services/project-model';

const file = {
  formatVersion: 1,
  system: { name: 'Tablet plant' },
  zones: [
    { id: 'zone-a', name: 'Control' },
    { id: 'zone-b', name: 'Supervisory' },
  ],
  assets: [
    { id: 'plc-1', name: 'PLC 1', kind: 'plc', zone: 'zone-a' },
    { id: 'hmi-1', name: 'HMI 1', kind: 'hmi', zone: 'zone-b' },
  ],
};

const SETUP = { id: 'setup', name: 'Setup' };
type Json = Record<string, unknown>;
const json = async (response: Response) => (await response.json()) as Json;
const codeOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

for (const dialect of TEST_DIALECTS) {
  describe(`baseline routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let paula: TestClient;
    let percy: TestClient;
    let rita: TestClient;
    let victor: TestClient;
    let mallory: TestClient;
    let admin: TestClient;
    beforeAll(async () => {
      server = await createTestServer(dialect, { loginAttemptsPerWindow: 3 });
      alice = await server.login('alice');
      paula = await server.login('paula');
      percy = await server.login('percy');
      rita = await server.login('rita');
      victor = await server.login('victor');
      mallory = await server.login('mallory');
      admin = await server.login('root', { isAdmin: true });
    });
    afterAll(() => server.close());

    const newProject = async (model: Json = file) => {
      const created = await json(await alice.request('POST', '/api/projects', { name: 'Plant' }));
      const id = created['id'] as string;
      await replaceProjectModel(server.deps.store, id, { file: model, formatVersion: 1 }, SETUP);
      await server.grant(id, paula, 'approver');
      await server.grant(id, percy, 'approver');
      await server.grant(id, rita, 'reviewer');
      await server.grant(id, victor, 'viewer');
      return id;
    };
    const renamePlc = async (projectId: string, name: string) => {
      const plc = await getEntity(server.deps.store.db, projectId, 'assets', 'plc-1');
      await applyEntityChanges(
        server.deps.store,
        projectId,
        [
          {
            op: 'update',
            collection: 'assets',
            id: 'plc-1',
            revision: plc?.revision ?? 0,
            body: { ...(plc?.body as Json), name },
          },
        ],
        SETUP,
      );
    };

    it('freezes a baseline with the canonical model digest, as an assessor or an approver', async () => {
      const projectId = await newProject();
      const response = await alice.request('POST', `/api/projects/${projectId}/baselines`, {
        label: 'Review 1',
      });
      expect(response.status).toBe(201);
      const baseline = await json(response);
      const assessed = await assessProject(server.deps, projectId);
      expect(baseline).toMatchObject({
        label: 'Review 1',
        projectRevision: assessed.revision,
        modelSha256: assessed.assessment?.modelSha256,
        isStale: false,
        signatures: [],
      });
      expect(
        (await paula.request('POST', `/api/projects/${projectId}/baselines`, { label: 'By approver' }))
          .status,
      ).toBe(201);
      const detail = await json(
        await victor.request(
          'GET',
          `/api/projects/${projectId}/baselines/${baseline['id'] as string}?include=model,results`,
        ),
      );
      expect((detail['model'] as { system: { name: string } }).system.name).toBe('Tablet plant');
      expect(detail['results']).toMatchObject({ modelSha256: baseline['modelSha256'] });
      const listed = await json(await victor.request('GET', `/api/projects/${projectId}/baselines`));
      expect((listed['items'] as Json[]).map((item) => item['label'])).toEqual(['By approver', 'Review 1']);
    });

    it('refuses freezing to reviewers and viewers (403), non-members (404), anonymous callers (401)', async () => {
      const projectId = await newProject();
      const path = `/api/projects/${projectId}/baselines`;
      for (const client of [rita, victor]) {
        const response = await client.request('POST', path, { label: 'x' });
        expect(response.status).toBe(403);
        expect(await codeOf(response)).toBe('forbidden');
      }
      expect((await mallory.request('POST', path, { label: 'x' })).status).toBe(404);
      expect((await mallory.request('GET', path)).status).toBe(404);
      expect((await server.anonymous('POST', path, { label: 'x' })).status).toBe(401);
      expect(
        (await alice.request('POST', '/api/projects/no-such-project/baselines', { label: 'x' })).status,
      ).toBe(404);
      expect((await json(await alice.request('GET', path)))['items']).toEqual([]);
    });

    it('answers 422 with paths for a bad body, and 422 model-invalid with model paths for a broken model', async () => {
      const projectId = await newProject();
      const invalid = await alice.request('POST', `/api/projects/${projectId}/baselines`, {
        label: '',
        extra: true,
      });
      expect(invalid.status).toBe(422);
      const body = (await invalid.json()) as { error: { code: string; diagnostics: { path: unknown[] }[] } };
      expect(body.error.code).toBe('invalid-input');
      expect(body.error.diagnostics.map((d) => d.path.slice(0, 2))).toContainEqual(['body', 'label']);
      const broken = await newProject({
        ...file,
        assets: [{ id: 'plc-1', name: 'PLC', kind: 'plc', zone: 'zone-x' }],
      });
      const refused = await alice.request('POST', `/api/projects/${broken}/baselines`, { label: 'x' });
      expect(refused.status).toBe(422);
      const problem = (await refused.json()) as {
        error: { code: string; diagnostics: { code: string; path: unknown[] }[] };
      };
      expect(problem.error.code).toBe('model-invalid');
      expect(problem.error.diagnostics).toContainEqual(
        expect.objectContaining({ code: 'unknown-reference', path: ['assets', 0, 'zone'] }),
      );
      expect(
        (await alice.request('GET', `/api/projects/${projectId}/baselines/x?include=everything`)).status,
      ).toBe(422);
    });

    it('signs with the re-entered password; the signature becomes an approval and goes stale after an edit', async () => {
      const projectId = await newProject();
      const baseline = await json(
        await alice.request('POST', `/api/projects/${projectId}/baselines`, { label: 'CRS' }),
      );
      const path = `/api/projects/${projectId}/baselines/${baseline['id'] as string}/signatures`;
      const signed = await paula.request('POST', path, {
        password: paula.password,
        meaning: 'approved',
        statement: 'I approve this CRS. <script>alert(1)</script>',
      });
      expect(signed.status).toBe(201);
      const signature = await json(signed);
      expect(signature).toMatchObject({
        signerName: paula.user.displayName,
        signerUsername: 'paula',
        meaning: 'approved',
        statement: 'I approve this CRS. <script>alert(1)</script>',
        modelSha256: baseline['modelSha256'],
        isStale: false,
      });
      const approvals = (await assessProject(server.deps, projectId)).assessment?.approvals ?? [];
      expect(
        approvals.map((state) => [state.approval.approver, state.approval.meaning, state.isStale]),
      ).toEqual([[paula.user.displayName, 'approved', false]]);

      await renamePlc(projectId, 'PLC one');
      const detail = await json(
        await rita.request('GET', `/api/projects/${projectId}/baselines/${baseline['id'] as string}`),
      );
      expect(detail['isStale']).toBe(true);
      expect((detail['signatures'] as Json[]).map((s) => [s['id'], s['isStale']])).toEqual([
        [signature['id'], true],
      ]);
      const after = (await assessProject(server.deps, projectId)).assessment?.approvals ?? [];
      expect(after.map((state) => state.isStale)).toEqual([true]);

      const late = await percy.request('POST', path, {
        password: percy.password,
        meaning: 'reviewed',
        statement: 'Late',
      });
      expect(late.status).toBe(409);
      expect(await codeOf(late)).toBe('baseline-stale');
    });

    it('exports the signatures as approvals, so the exported file is approved on its own', async () => {
      const projectId = await newProject();
      const baseline = await json(
        await alice.request('POST', `/api/projects/${projectId}/baselines`, { label: 'CRS' }),
      );
      const path = `/api/projects/${projectId}/baselines/${baseline['id'] as string}/signatures`;
      const signature = await json(
        await paula.request('POST', path, { password: paula.password, meaning: 'approved', statement: 'OK' }),
      );
      for (const format of ['json', 'yaml'] as const) {
        const exported = await rita.request('GET', `/api/projects/${projectId}/export?format=${format}`);
        expect(exported.status).toBe(200);
        const loaded = loadAssessmentText(await exported.text(), { fileName: `plant.${format}`, format });
        expect(loaded.ok).toBe(true);
        const resolved = resolveSystem(loaded.ok ? loaded.file : undefined);
        if (!resolved.ok) throw new Error('the export does not resolve');
        const states = assessSystem(resolved.value).approvals;
        expect(states.map((state) => [state.approval.id, state.approval.approver, state.isStale])).toEqual([
          [`signature-${signature['id'] as string}`, paula.user.displayName, false],
        ]);
      }
    });

    it('refuses a wrong password (401), non-approvers (403), other projects’ baselines (404), and rate-limits guesses', async () => {
      const projectId = await newProject();
      const other = await newProject();
      const baseline = await json(
        await alice.request('POST', `/api/projects/${projectId}/baselines`, { label: 'CRS' }),
      );
      const foreign = await json(
        await alice.request('POST', `/api/projects/${other}/baselines`, { label: 'Other' }),
      );
      const path = `/api/projects/${projectId}/baselines/${baseline['id'] as string}/signatures`;
      const body = { meaning: 'approved', statement: 'Approved' };
      const wrong = await paula.request('POST', path, { ...body, password: 'not my password' });
      expect(wrong.status).toBe(401);
      expect(await codeOf(wrong)).toBe('invalid-credentials');
      for (const client of [alice, rita, victor]) {
        const refused = await client.request('POST', path, { ...body, password: client.password });
        expect(refused.status).toBe(403);
      }
      expect((await admin.request('POST', path, { ...body, password: admin.password })).status).toBe(403);
      expect((await mallory.request('POST', path, { ...body, password: mallory.password })).status).toBe(404);
      expect((await server.anonymous('POST', path, { ...body, password: 'x' })).status).toBe(401);
      const cross = `/api/projects/${projectId}/baselines/${foreign['id'] as string}`;
      expect((await paula.request('GET', cross)).status).toBe(404);
      expect(
        (await paula.request('POST', `${cross}/signatures`, { ...body, password: paula.password })).status,
      ).toBe(404);
      const invalid = await paula.request('POST', path, {
        meaning: 'rubber-stamped',
        password: paula.password,
      });
      expect(invalid.status).toBe(422);
      expect(
        ((await invalid.json()) as { error: { diagnostics: { path: unknown[] }[] } }).error.diagnostics.map(
          (d) => d.path[1],
        ),
      ).toEqual(expect.arrayContaining(['meaning', 'statement']));

      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1)
        statuses.push((await percy.request('POST', path, { ...body, password: 'guess' })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await percy.request('POST', path, { ...body, password: percy.password });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).not.toBeNull();
      const listed = await json(await paula.request('GET', `/api/projects/${projectId}/baselines`));
      expect((listed['items'] as Json[])[0]?.['signatures']).toEqual([]);
    });

    it('diffs a baseline against the working model and another baseline', async () => {
      const projectId = await newProject();
      const first = await json(
        await alice.request('POST', `/api/projects/${projectId}/baselines`, { label: 'One' }),
      );
      const firstId = first['id'] as string;
      const same = await json(
        await victor.request('GET', `/api/projects/${projectId}/diff?from=${firstId}&to=working`),
      );
      expect(same['diff']).toMatchObject({ modelSha256: { isChanged: false } });
      expect(same['from']).toMatchObject({ kind: 'baseline', baselineId: firstId, label: 'One' });

      await renamePlc(projectId, 'Renamed PLC');
      const changed = await json(
        await victor.request('GET', `/api/projects/${projectId}/diff?from=${firstId}`),
      );
      const diff = changed['diff'] as { modelSha256: { isChanged: boolean }; entities: { changes: Json[] } };
      expect(diff.modelSha256.isChanged).toBe(true);
      expect(diff.entities.changes).toContainEqual(
        expect.objectContaining({ id: 'plc-1', change: 'changed' }),
      );
      expect(changed['to']).toMatchObject({ kind: 'working' });

      const second = await json(
        await alice.request('POST', `/api/projects/${projectId}/baselines`, { label: 'Two' }),
      );
      const between = await json(
        await victor.request(
          'GET',
          `/api/projects/${projectId}/diff?from=${firstId}&to=${second['id'] as string}`,
        ),
      );
      expect((between['diff'] as { modelSha256: { after: string } }).modelSha256.after).toBe(
        second['modelSha256'],
      );

      const other = await newProject();
      const foreign = await json(
        await alice.request('POST', `/api/projects/${other}/baselines`, { label: 'Other' }),
      );
      expect(
        (await victor.request('GET', `/api/projects/${projectId}/diff?from=${foreign['id'] as string}`))
          .status,
      ).toBe(404);
      expect((await victor.request('GET', `/api/projects/${projectId}/diff?from=nope`)).status).toBe(404);
      const missing = await victor.request('GET', `/api/projects/${projectId}/diff`);
      expect(missing.status).toBe(422);
      expect(await codeOf(missing)).toBe('invalid-input');
      expect((await mallory.request('GET', `/api/projects/${projectId}/diff?from=${firstId}`)).status).toBe(
        404,
      );
      expect((await server.anonymous('GET', `/api/projects/${projectId}/diff?from=${firstId}`)).status).toBe(
        401,
      );
    });

    it('describes every baseline route in the OpenAPI document with its permission', async () => {
      const document = (await json(await server.anonymous('GET', '/api/openapi.json'))) as {
        paths: Record<string, Record<string, Json>>;
      };
      const permissions = {
        '/api/projects/{projectId}/baselines': { post: 'freeze', get: 'read' },
        '/api/projects/{projectId}/baselines/{baselineId}': { get: 'read' },
        '/api/projects/{projectId}/baselines/{baselineId}/signatures': { post: 'sign' },
        '/api/projects/{projectId}/diff': { get: 'read' },
      };
      for (const [path, methods] of Object.entries(permissions))
        for (const [method, action] of Object.entries(methods))
          expect([path, method, document.paths[path]?.[method]?.['x-zonewise-permission']]).toEqual([
            path,
            method,
            action,
          ]);
    });
  });
}
