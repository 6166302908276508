import { existsSync } from 'node:fs';
import { aSystem } from '@zonewise/core/testing';
import { DEFAULT_CHROMIUM_PATH } from '@zonewise/server';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import {
  createImportedProject,
  createTestServer,
  exampleText,
  type TestClient,
  type TestServer,
} from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ErrorBody {
  error: { code: string; diagnostics?: { path: (string | number)[] }[] };
}

for (const dialect of TEST_DIALECTS) {
  describe(`report routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let mallory: TestClient;
    let projectId: string;
    const report = (query: string, client: TestClient = alice, id = projectId) =>
      client.request('GET', `/api/projects/${id}/report${query}`);

    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      mallory = await server.login('mallory');
      projectId = await createImportedProject(alice, exampleText('water-treatment'), {
        name: 'Riverside WTP',
      });
    });
    afterAll(() => server.close());

    it('renders the HTML report as an attachment with a no-script policy', async () => {
      const response = await report('');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="Riverside-WTP-report.html"',
      );
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await response.text();
      expect(html).toContain('Riverside Water Treatment Plant');
      expect(html).not.toMatch(/<script/i);
    });

    it('renders Markdown and JSON, and the CRS document', async () => {
      const markdown = await report('?format=md');
      expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(await markdown.text()).toMatch(/^# /);
      const summary = (await (
        await alice.request('GET', `/api/projects/${projectId}/assessment`)
      ).json()) as {
        modelSha256: string;
      };
      const json = (await (await report('?format=json')).json()) as {
        modelSha256: string;
        findings: unknown[];
      };
      expect(json.modelSha256).toBe(summary.modelSha256);
      const crs = await report('?format=json&document=crs');
      expect(crs.headers.get('content-disposition')).toBe('attachment; filename="Riverside-WTP-crs.json"');
      expect(Object.keys((await crs.json()) as object)).toContain('characteristics');
      const crsHtml = await (await report('?document=crs')).text();
      expect(crsHtml.length).toBeGreaterThan(1000);
    });

    // Rendering does not depend on the database, so the slow binary formats run on the first dialect only; PDF is
    // printed by Chromium and skipped only where none is installed.
    it.runIf(dialect === TEST_DIALECTS[0])(
      'renders Word and PDF',
      async () => {
        const docx = await report('?format=docx&document=crs');
        expect(docx.status).toBe(200);
        expect(docx.headers.get('content-type')).toBe(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        expect(new TextDecoder().decode(new Uint8Array(await docx.arrayBuffer()).slice(0, 2))).toBe('PK');
        const pdf = await report('?format=pdf&document=crs');
        if (!existsSync(DEFAULT_CHROMIUM_PATH)) {
          expect(pdf.status).toBe(503);
          return;
        }
        expect(pdf.status).toBe(200);
        expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
      },
      60_000,
    );

    it('answers 401, 404 to non-members, 422 for unknown formats and 422 model-invalid for a model that does not resolve', async () => {
      expect((await server.anonymous('GET', `/api/projects/${projectId}/report`)).status).toBe(401);
      const hidden = await report('', mallory);
      expect(hidden.status).toBe(404);
      expect(((await hidden.json()) as ErrorBody).error.code).toBe('not-found');
      await server.grant(projectId, mallory, 'viewer');
      expect((await report('?format=md', mallory)).status).toBe(200);
      const unknown = await report('?format=rtf');
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as ErrorBody).error.diagnostics?.[0]?.path).toEqual(['query', 'format']);

      const broken = await createImportedProject(alice, JSON.stringify(aSystem()), { format: 'json' });
      const zone = (await (
        await alice.request('GET', `/api/projects/${broken}/entities/zones/control`)
      ).json()) as {
        revision: number;
      };
      await alice.request('DELETE', `/api/projects/${broken}/entities/zones/control`, undefined, {
        headers: { 'if-match': `"${zone.revision}"` },
      });
      const refused = await report('', alice, broken);
      expect(refused.status).toBe(422);
      const refusal = (await refused.json()) as ErrorBody;
      expect(refusal.error.code).toBe('model-invalid');
      expect(refusal.error.diagnostics?.length).toBeGreaterThan(0);
    });
  });
}
