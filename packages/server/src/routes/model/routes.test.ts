import { applyEntityChanges, getEntity, getProject, listEntities } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { parseSystemFile } from '@zonewise/core';
import { loadAssessmentText } from '@zonewise/formats';
import {
  createImportedProject,
  createTestServer,
  EXAMPLE_NAMES,
  exampleText,
  importText,
  type TestClient,
  type TestServer,
} from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ErrorBody {
  error: {
    code: string;
    diagnostics?: { code: string; path: (string | number)[]; line?: number; column?: number }[];
  };
}

const EDITOR = { id: 'test-editor', name: 'Test editor' };

for (const dialect of TEST_DIALECTS) {
  describe(`model import and export (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let mallory: TestClient;
    const export_ = (client: TestClient, projectId: string, format?: 'yaml' | 'json') =>
      client.request(
        'GET',
        `/api/projects/${projectId}/export${format === undefined ? '' : `?format=${format}`}`,
      );
    const entityCount = async (projectId: string) =>
      (await listEntities(server.deps.store.db, projectId, 'assets', { limit: 1 })).total;

    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      mallory = await server.login('mallory');
    });
    afterAll(() => server.close());

    it.each(EXAMPLE_NAMES)('exports the imported %s byte for byte', async (name) => {
      const text = exampleText(name);
      const created = (await (await alice.request('POST', '/api/projects', { name })).json()) as {
        id: string;
      };
      const imported = await importText(alice, created.id, text);
      expect(imported.status).toBe(200);
      const result = (await imported.json()) as {
        projectRevision: number;
        entities: number;
        counts: Record<string, number>;
      };
      expect(result.projectRevision).toBe(1);
      expect(result.counts['system']).toBe(1);
      expect(result.counts['assets']).toBeGreaterThan(0);
      const exported = await export_(alice, created.id);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toContain('application/yaml');
      expect(exported.headers.get('content-disposition')).toBe(`attachment; filename="${name}.yaml"`);
      expect(exported.headers.get('etag')).toBe('"1"');
      expect(await exported.text()).toBe(text);
    });

    it('keeps the exact bytes of a JSON file sent as {format, text}', async () => {
      const loaded = loadAssessmentText(exampleText('water-treatment'), { fileName: 'a.yaml' });
      if (!loaded.ok) throw new Error('example does not load');
      const text = `${JSON.stringify(loaded.file, null, 3)}\r\n`;
      const projectId = await createImportedProject(alice, text, { format: 'json' });
      const exported = await export_(alice, projectId);
      expect(exported.headers.get('content-type')).toContain('application/json');
      expect(await exported.text()).toBe(text);
      const asYaml = await export_(alice, projectId, 'yaml');
      const reloaded = loadAssessmentText(await asYaml.text(), { fileName: 'b.yaml' });
      expect(reloaded.ok && parseSystemFile(reloaded.file)).toEqual(parseSystemFile(loaded.file));
    });

    it('merges edits into the imported YAML, keeping comments, and the export re-imports to the edited model', async () => {
      const text = exampleText('pharma-tablet-plant');
      const projectId = await createImportedProject(alice, text);
      const { items } = await listEntities(server.deps.store.db, projectId, 'assets', { limit: 1 });
      const asset = items[0];
      if (asset === undefined) throw new Error('no asset');
      const body = { ...(asset.body as Record<string, unknown>), name: 'Renamed # not a comment: "quoted"' };
      await applyEntityChanges(
        server.deps.store,
        projectId,
        [{ op: 'update', collection: 'assets', id: asset.id, revision: asset.revision, body }],
        EDITOR,
      );
      const exported = await export_(alice, projectId);
      expect(exported.headers.get('x-zonewise-export')).toBe('updated');
      const yaml = await exported.text();
      expect(yaml).not.toBe(text);
      expect(yaml.split('\n').slice(0, 25)).toEqual(text.split('\n').slice(0, 25));
      const second = await createImportedProject(alice, yaml);
      expect((await getEntity(server.deps.store.db, second, 'assets', asset.id))?.body).toEqual(body);
      const [first, again] = await Promise.all([
        export_(alice, projectId, 'json').then((r) => r.text()),
        export_(alice, second, 'json').then((r) => r.text()),
      ]);
      expect(again).toBe(first);
    });

    it('refuses a file that does not parse or resolve with every diagnostic located, storing nothing', async () => {
      const projectId = await createImportedProject(alice, exampleText('water-treatment'));
      const before = await getProject(server.deps.store.db, projectId);
      const assets = await entityCount(projectId);

      const syntax = await importText(alice, projectId, 'formatVersion: 1\nsystem: {name: "x"\n');
      expect(syntax.status).toBe(422);
      const syntaxBody = (await syntax.json()) as ErrorBody;
      expect(syntaxBody.error.code).toBe('invalid-input');
      expect(syntaxBody.error.diagnostics?.[0]).toMatchObject({
        code: 'invalid-yaml',
        line: expect.any(Number) as number,
      });

      const broken = exampleText('water-treatment')
        .replace(/^formatVersion: 1$/m, 'formatVersion: 1\nbogus: true')
        .replace(/(\n {2}- id: )ap-w-integrator/, '$1ap-w-business')
        .replace(/^ {2}name: Riverside.*$/m, '  name: [not, a, name]');
      const invalid = await importText(alice, projectId, broken);
      expect(invalid.status).toBe(422);
      const body = (await invalid.json()) as ErrorBody;
      const codes = body.error.diagnostics?.map((d) => d.code) ?? [];
      expect(codes).toEqual(expect.arrayContaining(['unknown-field', 'duplicate-id', 'invalid-type']));
      for (const diagnostic of body.error.diagnostics ?? []) expect(diagnostic.path).toBeInstanceOf(Array);
      expect(body.error.diagnostics?.some((d) => d.line !== undefined && d.column !== undefined)).toBe(true);

      // The engine accepts two triage entries for one finding; the store keys triage by finding, so import refuses.
      const badEntity = exampleText('water-treatment').replace(
        /^triage: \[\]$/m,
        'triage:\n  - {finding: zone/empty@x, status: accepted, justification: a}\n  - {finding: zone/empty@x, status: accepted, justification: b}',
      );
      const duplicate = await importText(alice, projectId, badEntity);
      expect(duplicate.status).toBe(422);
      const duplicateBody = (await duplicate.json()) as ErrorBody;
      expect(duplicateBody.error.diagnostics).toEqual([
        expect.objectContaining({
          code: 'duplicate-key',
          path: ['triage', 1],
          line: expect.any(Number) as number,
        }),
      ]);

      const envelope = await alice.request('POST', `/api/projects/${projectId}/import`, {
        format: 'toml',
        text: 1,
      });
      expect(envelope.status).toBe(422);
      const envelopeBody = (await envelope.json()) as ErrorBody;
      expect(envelopeBody.error.diagnostics?.map((d) => d.path)).toEqual(
        expect.arrayContaining([
          ['body', 'format'],
          ['body', 'text'],
        ]),
      );

      const after = await getProject(server.deps.store.db, projectId);
      expect(after?.revision).toBe(before?.revision);
      expect(await entityCount(projectId)).toBe(assets);
      expect(await (await export_(alice, projectId)).text()).toBe(exampleText('water-treatment'));
    });

    it('answers 401, 403 per role, 404 for other projects, and 415 for other media types', async () => {
      const projectId = await createImportedProject(alice, exampleText('water-treatment'));
      const text = exampleText('water-treatment');
      const anonymous = await server.anonymous('POST', `/api/projects/${projectId}/import`, text, {
        'content-type': 'application/yaml',
      });
      expect(anonymous.status).toBe(401);
      expect((await server.anonymous('GET', `/api/projects/${projectId}/export`)).status).toBe(401);

      expect((await importText(mallory, projectId, text)).status).toBe(404);
      expect((await export_(mallory, projectId)).status).toBe(404);
      const missing = await importText(alice, 'no-such-project', text);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as ErrorBody).error.code).toBe('not-found');

      for (const role of ['viewer', 'reviewer', 'approver'] as const) {
        await server.grant(projectId, mallory, role);
        const refused = await importText(mallory, projectId, text);
        expect(refused.status).toBe(403);
        expect(((await refused.json()) as ErrorBody).error.code).toBe('forbidden');
        expect((await export_(mallory, projectId)).status).toBe(200);
      }
      await server.grant(projectId, mallory, 'assessor');
      expect((await importText(mallory, projectId, text)).status).toBe(200);

      const plain = await alice.request('POST', `/api/projects/${projectId}/import`, text, {
        headers: { 'content-type': 'text/plain' },
      });
      expect(plain.status).toBe(415);
      const badFormat = await export_(alice, projectId, 'xml' as 'json');
      expect(badFormat.status).toBe(422);
    });

    it('describes both routes in the OpenAPI document with their permission', async () => {
      const document = (await (await server.anonymous('GET', '/api/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<string, { 'x-zonewise-permission'?: string; requestBody?: { content: object } }>
        >;
      };
      const importOperation = document.paths['/api/projects/{projectId}/import']?.['post'];
      expect(importOperation?.['x-zonewise-permission']).toBe('edit');
      expect(Object.keys(importOperation?.requestBody?.content ?? {})).toEqual(
        expect.arrayContaining(['application/json', 'application/yaml']),
      );
      expect(document.paths['/api/projects/{projectId}/export']?.['get']?.['x-zonewise-permission']).toBe(
        'read',
      );
    });
  });
}
