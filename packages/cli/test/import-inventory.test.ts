import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSystem } from '@zonewise/core';
import { loadAssessmentText } from '@zonewise/formats';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importInventoryCommand } from '../src/commands/import-inventory';
import { memoryIo } from '../src/io';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'import');
const fixtures = Object.fromEntries(
  readdirSync(FIXTURES).map((name) => [name, new Uint8Array(readFileSync(join(FIXTURES, name)))]),
);

const text = (files: Map<string, string | Uint8Array>, path: string): string => {
  const content = files.get(path);
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
};

const run = async (
  inputs: string[],
  options: Parameters<typeof importInventoryCommand>[2],
  extra: Record<string, string | Uint8Array> = {},
) => {
  const { io, output, files } = memoryIo({ ...fixtures, ...extra });
  const code = await importInventoryCommand(io, inputs, options);
  return { code, ...output, files };
};

const workbook = async (rows: readonly (readonly (string | number)[])[]): Promise<Uint8Array> => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Summary').addRow(['Exported from the asset register']);
  const sheet = book.addWorksheet('Devices');
  for (const row of rows) sheet.addRow([...row]);
  return new Uint8Array(await book.xlsx.writeBuffer());
};

describe('zonewise import inventory', () => {
  it('prints the assets found in a Claroty-style export, with the columns it used', async () => {
    const result = await run(['claroty-assets.csv'], { format: 'text' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^claroty-assets\.csv: 6 assets, 1 row skipped; columns: name ← "Asset Name", ip ← "IP Address"/,
    );
    expect(result.stdout).toMatch(
      /^ {2}plc-fill-01 +plc +10\.10\.20\.11 +Rockwell Automation 1756-L83E ControlLogix 5580 34\.011$/m,
    );
    expect(result.stdout).toMatch(/^ {2}kuhlwasser-pumpe-vfd +drive /m);
    expect(result.stdout).toContain('row 10 skipped: it has neither a name nor an IP address');
    expect(result.stderr).toMatch(/^claroty-assets\.csv:10:1 warning inventory-row-without-identity: /m);
  });

  it('prints JSON for machines: assets, per-file summary and diagnostics', async () => {
    const result = await run(['claroty-assets.csv'], { format: 'json' });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      assets: { id: string; kind: string; interfaces?: { ip?: string; mac?: string }[] }[];
      files: { file: string; key: string; summary: { added: unknown[]; skipped: { row: number }[] } }[];
      diagnostics: { code: string; line: number }[];
    };
    expect(json.assets.map((asset) => asset.kind)).toEqual([
      'plc',
      'hmi',
      'engineering-workstation',
      'switch',
      'io-module',
      'drive',
    ]);
    expect(json.assets[1]?.interfaces).toEqual([{ ip: '10.10.20.21', mac: '00:0c:29:3a:11:02' }]);
    expect(json.files).toMatchObject([
      { file: 'claroty-assets.csv', key: 'ip', summary: { skipped: [{ row: 10 }] } },
    ]);
    expect(json.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['inventory-row-without-identity']);
  });

  it('merges into an assessment with --map: no duplicates, updates reported, comments kept, file still valid', async () => {
    const result = await run(['claroty-assets.csv'], {
      format: 'text',
      into: 'plant.yaml',
      map: 'inventory-map.yaml',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'claroty-assets.csv: 4 added, 2 updated, 0 unchanged, 1 skipped (matched by ip)',
    );
    expect(result.stdout).toContain(
      '  ~ plc-filler: product, version, location, purdueLevel, interfaces (row 3)',
    );
    expect(result.stdout).toContain(
      '  ~ ews-01: vendor, product, version, location, purdueLevel, interfaces (row 5)',
    );
    expect(result.stdout).toContain('  + enbt-01 "ENBT-01" (row 7)');
    expect(result.stdout).toContain('updated plant.yaml');
    const written = text(result.files, 'plant.yaml');
    expect(written).toContain('# Bottling plant: assessment kept by hand');
    expect(written).toContain('# ZCR 3.1');
    const loaded = loadAssessmentText(written, { fileName: 'plant.yaml' });
    if (!loaded.ok) throw new Error('unreadable');
    const resolved = resolveSystem(loaded.file);
    expect(resolved.ok).toBe(true);
    const assets = (
      loaded.file as { assets: { id: string; kind: string; zone?: string; version?: string }[] }
    ).assets;
    expect(assets.map((asset) => asset.id)).toEqual([
      'plc-filler',
      'ews-01',
      'hmi-fill-01',
      'sw-cell-01',
      'enbt-01',
      'kuhlwasser-pumpe-vfd',
    ]);
    expect(assets.find((asset) => asset.id === 'plc-filler')).toMatchObject({
      version: '34.011',
      zone: 'cell-1',
    });
    expect(assets.find((asset) => asset.id === 'enbt-01')).toMatchObject({
      kind: 'io-module',
      zone: 'cell-1',
    });
    expect(assets.find((asset) => asset.id === 'ews-01')).toMatchObject({ zone: 'supervisory' });

    const again = await run(
      ['claroty-assets.csv'],
      { format: 'text', into: 'plant.yaml', map: 'inventory-map.yaml' },
      { 'plant.yaml': written },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('claroty-assets.csv: 0 added, 0 updated, 6 unchanged, 1 skipped');
    expect(text(again.files, 'plant.yaml')).toBe(written);
  });

  it('reads an XLSX sheet chosen with --sheet', async () => {
    const bytes = await workbook([
      ['Hostname', 'IP Address', 'MAC', 'Manufacturer', 'Model', 'Firmware', 'Device Type'],
      [
        'PLC-FILL-01',
        '10.10.20.11',
        '00:1D:9C:C8:12:01',
        'Rockwell Automation',
        '1756-L83E',
        '35.011',
        'PLC',
      ],
      ['RTU-WELL-3', '10.30.0.3', '', 'Schneider Electric', 'SCADAPack 470', 9.8, 'RTU'],
    ]);
    const result = await run(
      ['assets.xlsx'],
      { format: 'text', into: 'plant.yaml', sheet: 'Devices' },
      { 'assets.xlsx': bytes },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'assets.xlsx: 1 added, 1 updated, 0 unchanged, 0 skipped (matched by ip)',
    );
    expect(result.stdout).toContain('  + rtu-well-3 "RTU-WELL-3" (row 3)');
    expect(result.stdout).toContain('1 imported asset has no zone');
  });

  it('exits 2 for a truncated XLSX or a missing sheet, naming the file and the fix', async () => {
    const bytes = await workbook([
      ['Name', 'IP'],
      ['PLC', '10.0.0.1'],
    ]);
    const truncated = await run(
      ['assets.xlsx'],
      { format: 'text' },
      { 'assets.xlsx': bytes.subarray(0, 600) },
    );
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toMatch(/^assets\.xlsx error xlsx-unreadable: .*damaged or truncated/m);
    const missing = await run(['assets.xlsx'], { format: 'text', sheet: 'Nodes' }, { 'assets.xlsx': bytes });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^assets\.xlsx error xlsx-sheet-not-found: .*"Summary", "Devices"/m);
  });

  it('exits 2 without a name or IP column, with the row, column and the fix', async () => {
    const result = await run(['no-name-column.csv'], { format: 'text', into: 'plant.yaml' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^no-name-column\.csv:1:1 error inventory-missing-column: .*--map/m);
    expect(result.stderr).toContain('plant.yaml: nothing was written.');
    expect(result.files.get('plant.yaml')).toBe(fixtures['plant.yaml']);
  });

  it('exits 2 at an unterminated quote, at its line and column', async () => {
    const result = await run(['broken-quote.csv'], { format: 'json' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^broken-quote\.csv:3:1 error csv-unterminated-quote: /m);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for mapping mistakes, placed in the mapping file', async () => {
    const map = 'columns:\n  name: Device Name\nkinds:\n  OT Device: io\n';
    const result = await run(
      ['claroty-assets.csv'],
      { format: 'text', map: 'bad-map.yaml' },
      { 'bad-map.yaml': map },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^bad-map\.yaml:4:\d+ error mapping-unknown-kind kinds\.OT Device: /m);
    const columns = await run(
      ['claroty-assets.csv'],
      { format: 'text', map: 'cols.yaml' },
      { 'cols.yaml': 'columns:\n  name: Device Name\n' },
    );
    expect(columns.code).toBe(2);
    expect(columns.stderr).toMatch(
      /^cols\.yaml:2:\d+ error mapping-column-not-found columns\.name: .*"Asset Name"/m,
    );
  });

  it('reads a tab-separated Windows-1252 export and says how it was decoded', async () => {
    const result = await run(['legacy-export.txt'], { format: 'json' });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      assets: { id: string; name: string; kind: string; location?: string }[];
    };
    expect(json.assets).toEqual([
      expect.objectContaining({
        id: 'dosierpumpe-sud',
        name: 'Dosierpumpe Süd',
        kind: 'drive',
        location: 'Halle 2',
      }),
      expect.objectContaining({
        id: 'prufstand-pc',
        name: 'Prüfstand-PC',
        kind: 'workstation',
        location: 'Labor',
      }),
    ]);
    expect(result.stderr).toMatch(/^legacy-export\.txt:2:\d+ warning text-decoded-as-windows-1252: /m);
  });

  it('merges several files among themselves when printing', async () => {
    const second = 'name,ip,firmware\nPLC-FILL-01,10.10.20.11,35.000\nNEW-1,10.10.99.1,1.0\n';
    const result = await run(
      ['claroty-assets.csv', 'second.csv'],
      { format: 'json' },
      { 'second.csv': second },
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { assets: { id: string; version?: string }[] };
    expect(json.assets.map((asset) => asset.id)).toEqual([
      'plc-fill-01',
      'hmi-fill-01',
      'ews-01',
      'sw-cell-01',
      'enbt-01',
      'kuhlwasser-pumpe-vfd',
      'new-1',
    ]);
    expect(json.assets[0]?.version).toBe('35.000');
  });
});
