import { aSystem } from '@zonewise/core/testing';
import { listAuditEvents, projectChainId } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import {
  createImportedProject,
  createTestServer,
  exampleText,
  type TestClient,
  type TestServer,
} from '@zonewise/server/testing';
import ExcelJS from 'exceljs';
import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface ErrorBody {
  error: { code: string; diagnostics?: { code: string; severity: string; path: (string | number)[] }[] };
}

interface ImportBody {
  dryRun: boolean;
  stored: boolean;
  projectRevision: number;
  counts: Record<'added' | 'updated' | 'unchanged' | 'skipped', number>;
  changes: {
    register: string;
    sheet: string;
    row: number;
    key: string;
    kind: string;
    fields: { field: string }[];
  }[];
  entities: { collection: string; id: string; revision: number }[];
  warnings: { code: string; severity: string }[];
}

interface EntityBody {
  id: string;
  revision: number;
  body: Record<string, unknown>;
}

const bytesOf = async (response: Response): Promise<Uint8Array> =>
  new Uint8Array(await response.arrayBuffer());

/** Opens a workbook, sets one cell by sheet, data row (1-based sheet row) and header, and saves it again. */
const editCell = async (
  workbook: Uint8Array,
  sheetName: string,
  row: number,
  header: string,
  value: string,
): Promise<{ bytes: Uint8Array; id: string }> => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook.slice().buffer);
  const sheet = book.getWorksheet(sheetName);
  if (sheet === undefined) throw new Error(`no sheet ${sheetName}`);
  const headers = (sheet.getRow(1).values as unknown[]).map((entry) => String(entry));
  const column = headers.indexOf(header);
  if (column < 1) throw new Error(`no column ${header}`);
  sheet.getRow(row).getCell(column).value = value;
  const id = sheet.getRow(row).getCell(headers.indexOf('Id')).text;
  return { bytes: new Uint8Array(await book.xlsx.writeBuffer()), id };
};

for (const dialect of TEST_DIALECTS) {
  describe(`download routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let mallory: TestClient;
    let victor: TestClient;
    let projectId: string;
    const get = (path: string, client: TestClient = alice, id = projectId) =>
      client.request('GET', `/api/projects/${id}/${path}`);
    /** POSTs a workbook as raw bytes with the caller's session and CSRF token. */
    const postWorkbook = (bytes: Uint8Array, query = '', client: TestClient = alice, id = projectId) =>
      server.app.request(`/api/projects/${id}/registers/import${query}`, {
        method: 'POST',
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': XLSX_TYPE },
        body: bytes,
      });
    const auditCount = async () =>
      (await listAuditEvents(server.deps.store.db, { chainId: projectChainId(projectId), limit: 1 })).total;

    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      mallory = await server.login('mallory');
      victor = await server.login('victor');
      projectId = await createImportedProject(alice, exampleText('pharma-tablet-plant'), {
        name: 'Lindenau OSD / B2 <plant>',
      });
      await server.grant(projectId, victor, 'viewer');
    });
    afterAll(() => server.close());

    it('downloads the registers as a workbook that re-opens with its sheets', async () => {
      const response = await get('registers');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="Lindenau-OSD-B2-plant-registers.xlsx"',
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await bytesOf(response)).slice().buffer);
      expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
        'Assets',
        'Zones and conduits',
        'Risk register',
        'Compliance matrix',
        'Countermeasures',
        'Vulnerabilities',
        'About',
      ]);
      expect(book.getWorksheet('Assets')?.rowCount).toBeGreaterThan(10);
    }, 60_000);

    it('downloads the registers as a zip of CSV files, or one register as CSV', async () => {
      const zipped = await get('registers?format=csv');
      expect(zipped.status).toBe(200);
      expect(zipped.headers.get('content-type')).toBe('application/zip');
      expect(zipped.headers.get('content-disposition')).toBe(
        'attachment; filename="Lindenau-OSD-B2-plant-registers-csv.zip"',
      );
      const zip = await JSZip.loadAsync(await bytesOf(zipped));
      expect(Object.keys(zip.files).sort()).toEqual([
        'assets.csv',
        'compliance-matrix.csv',
        'countermeasures.csv',
        'risk-register.csv',
        'vulnerabilities.csv',
        'zones-conduits.csv',
      ]);
      expect(await zip.file('assets.csv')?.async('string')).toMatch(/^Id,/);
      const one = await get('registers?format=csv&register=vulnerabilities&bom=true');
      expect(one.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(one.headers.get('content-disposition')).toBe(
        'attachment; filename="Lindenau-OSD-B2-plant-vulnerabilities.csv"',
      );
      expect([...(await bytesOf(one)).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }, 60_000);

    it('downloads the diagram as well-formed SVG naming every zone, and as PNG', async () => {
      const zones = (await (await get('entities/zones?limit=1000')).json()) as {
        items: { body: { name: string } }[];
      };
      const svg = await get('diagram?layout=layered');
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(svg.headers.get('content-disposition')).toBe(
        'attachment; filename="Lindenau-OSD-B2-plant-zones.svg"',
      );
      expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
      const text = await svg.text();
      expect(XMLValidator.validate(text)).toBe(true);
      expect(text).not.toMatch(/<script/i);
      expect(zones.items.length).toBeGreaterThan(3);
      const escape = (value: string) =>
        value
          .replaceAll('&', '&amp;')
          .replaceAll('<', '&lt;')
          .replaceAll('>', '&gt;')
          .replaceAll('"', '&quot;');
      for (const zone of zones.items) expect(text).toContain(escape(zone.body.name));
      const png = await get('diagram?format=png&width=600');
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect([...(await bytesOf(png)).slice(0, 8)]).toEqual(PNG_SIGNATURE);
    }, 60_000);

    it('lets a viewer download, hides the project from non-members and refuses bad queries', async () => {
      expect((await server.anonymous('GET', `/api/projects/${projectId}/registers`)).status).toBe(401);
      for (const path of ['registers', 'diagram', 'diagram?format=png']) {
        const hidden = await get(path, mallory);
        expect(hidden.status).toBe(404);
        expect(((await hidden.json()) as ErrorBody).error.code).toBe('not-found');
      }
      expect((await get('registers?format=csv&register=assets', victor)).status).toBe(200);
      expect((await get('diagram', victor)).status).toBe(200);
      const bad = await get('diagram?format=gif&layout=circle');
      expect(bad.status).toBe(422);
      expect(((await bad.json()) as ErrorBody).error.diagnostics?.map((d) => d.path)).toEqual([
        ['query', 'format'],
        ['query', 'layout'],
      ]);
      const refusedImport = await postWorkbook(new Uint8Array([0x50, 0x4b]), '', victor);
      expect(refusedImport.status).toBe(403);
      expect(((await refusedImport.json()) as ErrorBody).error.code).toBe('forbidden');
    }, 60_000);

    it('answers 422 model-invalid with diagnostics when the model does not resolve', async () => {
      const broken = await createImportedProject(alice, JSON.stringify(aSystem()), { format: 'json' });
      const zone = (await (await get('entities/zones/control', alice, broken)).json()) as EntityBody;
      await alice.request('DELETE', `/api/projects/${broken}/entities/zones/control`, undefined, {
        headers: { 'if-match': `"${zone.revision}"` },
      });
      for (const path of ['registers', 'diagram']) {
        const refused = await get(path, alice, broken);
        expect(refused.status).toBe(422);
        const body = (await refused.json()) as ErrorBody;
        expect(body.error.code).toBe('model-invalid');
        expect(body.error.diagnostics?.length).toBeGreaterThan(0);
      }
    }, 60_000);

    it('imports an edited workbook: a dry run stores nothing, the import changes exactly the edited entity', async () => {
      const exported = await bytesOf(await get('registers'));
      const unedited = await postWorkbook(exported, '?dryRun=true');
      expect(unedited.status).toBe(200);
      const uneditedBody = (await unedited.json()) as ImportBody;
      expect(uneditedBody.counts.updated + uneditedBody.counts.added).toBe(0);
      expect(uneditedBody.warnings.map((warning) => warning.code)).not.toContain('register-model-changed');

      const { bytes, id } = await editCell(exported, 'Assets', 2, 'Owner', 'Night shift lead');
      const before = (await (await get(`entities/assets/${id}`)).json()) as EntityBody;
      const projectBefore = (await (await alice.request('GET', `/api/projects/${projectId}`)).json()) as {
        revision: number;
      };
      const auditBefore = await auditCount();

      const dry = await postWorkbook(bytes, '?dryRun=true');
      expect(dry.status).toBe(200);
      const dryBody = (await dry.json()) as ImportBody;
      expect(dryBody).toMatchObject({ dryRun: true, stored: false, projectRevision: projectBefore.revision });
      expect(dryBody.entities).toEqual([{ collection: 'assets', id, revision: before.revision + 1 }]);
      expect(await auditCount()).toBe(auditBefore);
      expect(((await (await get(`entities/assets/${id}`)).json()) as EntityBody).revision).toBe(
        before.revision,
      );

      const applied = await postWorkbook(bytes);
      expect(applied.status).toBe(200);
      const body = (await applied.json()) as ImportBody;
      expect(body).toMatchObject({
        dryRun: false,
        stored: true,
        projectRevision: projectBefore.revision + 1,
      });
      expect(body.counts.updated).toBe(1);
      expect(body.changes.filter((change) => change.kind === 'updated')).toEqual([
        {
          register: 'assets',
          sheet: 'Assets',
          row: 2,
          key: id,
          kind: 'updated',
          fields: [
            {
              field: 'owner',
              to: 'Night shift lead',
              ...(before.body['owner'] === undefined ? {} : { from: before.body['owner'] }),
            },
          ],
        },
      ]);
      const after = (await (await get(`entities/assets/${id}`)).json()) as EntityBody;
      expect(after.revision).toBe(before.revision + 1);
      expect(after.body['owner']).toBe('Night shift lead');
      const assets = (await (await get('entities/assets?limit=1000')).json()) as { items: EntityBody[] };
      expect(assets.items.filter((asset) => asset.revision !== 1).map((asset) => asset.id)).toEqual([id]);
      expect(await auditCount()).toBe(auditBefore + 1);
      const audit = await listAuditEvents(server.deps.store.db, {
        chainId: projectChainId(projectId),
        limit: 1,
      });
      expect(audit.items[0]).toMatchObject({ action: 'entity.update', targetKind: 'assets', targetId: id });

      // The same workbook again: nothing left to change, and the model is no longer the exported one.
      const again = (await (await postWorkbook(bytes)).json()) as ImportBody;
      expect(again).toMatchObject({ stored: false, projectRevision: projectBefore.revision + 1 });
      expect(again.counts.updated).toBe(0);
      expect(again.warnings).toEqual([
        expect.objectContaining({ code: 'register-model-changed', severity: 'warning' }),
      ]);
    }, 120_000);

    it('imports an edit of an entity that carries unknown fields from its import, keeping them', async () => {
      const system = aSystem();
      const file = {
        ...system,
        assets: (system.assets ?? []).map((item) => ({ ...item, 'x-cmdb-id': `CI-${item.id}` })),
      };
      const carrying = await createImportedProject(alice, JSON.stringify(file), { format: 'json' });
      const exported = await bytesOf(await get('registers', alice, carrying));
      const { bytes, id } = await editCell(exported, 'Assets', 2, 'Owner', 'Night shift lead');
      const applied = await postWorkbook(bytes, '', alice, carrying);
      expect(applied.status).toBe(200);
      expect(((await applied.json()) as ImportBody).counts.updated).toBe(1);
      const after = (await (await get(`entities/assets/${id}`, alice, carrying)).json()) as EntityBody;
      expect(after.body).toMatchObject({ owner: 'Night shift lead', 'x-cmdb-id': `CI-${id}` });
    }, 120_000);

    it('refuses a workbook with a bad status with 422 and the cell, storing nothing', async () => {
      const exported = await bytesOf(await get('registers'));
      const { bytes } = await editCell(exported, 'Vulnerabilities', 2, 'Status', 'fixed-ish');
      const auditBefore = await auditCount();
      const refused = await postWorkbook(bytes);
      expect(refused.status).toBe(422);
      const body = (await refused.json()) as ErrorBody;
      expect(body.error.code).toBe('invalid-input');
      expect(
        body.error.diagnostics?.filter((d) => d.severity === 'error').map((d) => [d.code, d.path]),
      ).toEqual([['register-bad-status', ['vulnerabilities', 2, 'Status']]]);
      expect(await auditCount()).toBe(auditBefore);
      const notWorkbook = await postWorkbook(new TextEncoder().encode('id,owner\n'));
      expect(notWorkbook.status).toBe(422);
      expect(((await notWorkbook.json()) as ErrorBody).error.diagnostics?.[0]?.code).toBe('xlsx-unreadable');
    }, 60_000);
  });
}
