import { aCountermeasure, aScenario, aSystem } from '@zonewise/core/testing';
import { loadAssessmentText } from '@zonewise/formats';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import {
  createImportedProject,
  createTestServer,
  type TestClient,
  type TestServer,
} from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Strings that break naive escaping, SQL building, terminals or bidirectional text. */
const HOSTILE = [
  '<script>alert("zw")</script>',
  "Robert'); DROP TABLE entities; -- ' OR '1'='1",
  'control\u0000null\u0007bell\u001b[31mred\u001b[0m',
  'RTL \u202Egnp.exe\u202C zero\u200Bwidth \uFEFFbom 𝕏 emoji 🏭',
  '{{constructor}} ${process.env} %s %n &amp; &lt;b&gt; </textarea><img src=x onerror=alert(1)>',
  'x'.repeat(2000),
];
/** Long free text: descriptions take up to 100,000 characters; names 2,000 (the file format's limits). */
const LONG_TEXT = `${HOSTILE.join('\n')}\n${'é<'.repeat(10_000)}`;

const hostileModel = () => {
  const system = aSystem();
  let next = 0;
  const pick = () => HOSTILE[next++ % HOSTILE.length] ?? '';
  return {
    ...system,
    system: { name: pick(), intendedUse: pick(), description: LONG_TEXT },
    zones: system.zones?.map((zone) => ({ ...zone, name: pick(), description: LONG_TEXT })),
    conduits: system.conduits?.map((conduit) => ({ ...conduit, name: pick(), description: pick() })),
    assets: system.assets?.map((asset) => ({
      ...asset,
      name: pick(),
      description: pick(),
      vendor: pick(),
      product: pick(),
      location: pick(),
      owner: pick(),
    })),
    accessPoints: system.accessPoints?.map((point) => ({ ...point, name: pick(), description: pick() })),
    threatScenarios: [
      aScenario({ id: 'ts-hostile', title: pick(), description: LONG_TEXT, zone: 'control' }),
    ],
    countermeasures: [
      aCountermeasure({
        id: 'cm-hostile',
        title: pick(),
        description: pick(),
        appliesTo: ['control'],
        owner: pick(),
      }),
    ],
  };
};

for (const dialect of TEST_DIALECTS) {
  describe(`hostile strings (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let projectId: string;
    const model = hostileModel();
    const text = JSON.stringify(model, null, 2);

    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      projectId = await createImportedProject(alice, text, { format: 'json', name: HOSTILE[0] ?? 'hostile' });
    });
    afterAll(() => server.close());

    it('come back exactly from the entity routes and the export', async () => {
      for (const collection of [
        'zones',
        'conduits',
        'assets',
        'accessPoints',
        'threatScenarios',
        'countermeasures',
      ] as const) {
        const page = (await (
          await alice.request('GET', `/api/projects/${projectId}/entities/${collection}`)
        ).json()) as {
          items: { body: unknown }[];
        };
        expect(page.items.map((item) => item.body)).toEqual(model[collection]);
      }
      const system = (await (
        await alice.request('GET', `/api/projects/${projectId}/sections/system`)
      ).json()) as {
        body: unknown;
      };
      expect(system.body).toEqual(model.system);
      expect(await (await alice.request('GET', `/api/projects/${projectId}/export`)).text()).toBe(text);
      const search = await alice.request(
        'GET',
        `/api/projects/${projectId}/entities/assets?q=${encodeURIComponent("DROP TABLE entities; -- ' OR")}`,
      );
      expect(((await search.json()) as { total: number }).total).toBeGreaterThan(0);
    });

    it('survive an edit and a YAML round trip', async () => {
      const asset = (await (
        await alice.request('GET', `/api/projects/${projectId}/entities/assets/plc-1`)
      ).json()) as {
        revision: number;
        body: Record<string, unknown>;
      };
      const edited = { ...asset.body, name: HOSTILE.join(' | ').slice(0, 2000) };
      const put = await alice.request('PUT', `/api/projects/${projectId}/entities/assets/plc-1`, edited, {
        headers: { 'if-match': `"${asset.revision}"` },
      });
      expect(put.status).toBe(200);
      const yaml = await (await alice.request('GET', `/api/projects/${projectId}/export?format=yaml`)).text();
      const reloaded = loadAssessmentText(yaml, { fileName: 'a.yaml' });
      const expected = { ...model, assets: model.assets?.map((a) => (a.id === 'plc-1' ? edited : a)) };
      expect(reloaded.ok && reloaded.file).toMatchObject(expected);
      const copy = await createImportedProject(alice, yaml);
      const copied = (await (
        await alice.request('GET', `/api/projects/${copy}/entities/assets/plc-1`)
      ).json()) as {
        body: unknown;
      };
      expect(copied.body).toEqual(edited);
    });

    it('render as text in the HTML report', async () => {
      const html = await (await alice.request('GET', `/api/projects/${projectId}/report`)).text();
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(');
      expect(html).toContain('\u202Egnp.exe');
    });
  });
}
