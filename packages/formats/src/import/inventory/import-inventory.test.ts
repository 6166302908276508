import { resolveSystem, type SystemFileInput } from '@zonewise/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadImportMapping } from '../tabular/import-mapping';
import { readTable } from '../tabular/read-table';
import type { Table } from '../tabular/table';
import { importInventory, isInventoryHeader } from './import-inventory';
import { parseInventoryMapping, type InventoryMapping } from './inventory-mapping';

const BOM = [0xef, 0xbb, 0xbf];

/** A Claroty CTD-style asset export: semicolons, a BOM, CRLF, a title line, quoted values. */
const CLAROTY_EXPORT = [
  'Claroty CTD asset export;;;;;;;;',
  'Asset Name;IP Address;MAC Address;Vendor;Model;Firmware Version;Asset Type;Site Name;Purdue Level',
  'PLC-FILL-01;10.10.20.11;00:1D:9C:C8:12:01;Rockwell Automation;1756-L83E ControlLogix 5580;33.011;PLC;Line 1;1',
  'HMI-FILL-01;10.10.20.21;00-0C-29-3A-11-02;Siemens;"TP1500 Comfort; 15"" panel";V17 Update 4;HMI;Line 1;2',
  'EWS-01;10.10.30.5;;Dell;Precision 3660;Windows 10 22H2;Engineering Station;Control room;2',
  'SW-CELL-01;10.10.0.2;00:1B:1B:AA:BB:CC;Siemens;SCALANCE XC208;V4.4;Network Switch;Line 1;2',
  'ENBT-01;10.10.20.30;00:00:BC:11:22:33;Rockwell Automation;1756-ENBT/A;6.006;OT Device;Line 1;1',
  ';;;;;;;;',
  'Unnamed;;;;;;Printer;;',
  ';;;;;;;;',
].join('\r\n');

/** A Nozomi Guardian-style node export: commas, snake_case headers, several IPs in one cell. */
const NOZOMI_EXPORT = [
  'ip,mac_address,label,vendor,product_name,firmware_version,type,zone',
  '10.10.20.11,00:1d:9c:c8:12:01,PLC-FILL-01,Rockwell Automation,1756-L83E,34.011,controller,cell-1',
  '10.10.40.7,,historian-01,OSIsoft,PI Server 2018,,historian,Level 3',
  '10.10.40.8,,,Microsoft,Windows Server,,computer,',
  '10.10.40.8,,dup,Microsoft,Windows Server,,computer,',
  '"10.10.50.1, 10.10.51.1",00:11:22:33:44:55,gw-01,Moxa,NPort 5150,3.9,OT_device,',
  ',,,,,,controller,',
].join('\n');

const csvTable = async (text: string, withBom = false, mapping?: InventoryMapping): Promise<Table> => {
  const bytes = new Uint8Array([...(withBom ? BOM : []), ...new TextEncoder().encode(text)]);
  const result = await readTable(bytes, {
    fileName: 'assets.csv',
    isKnownHeader: (name) => isInventoryHeader(name, mapping),
  });
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  if (result.table === undefined) throw new Error('no table');
  return result.table;
};

const mappingOf = (text: string, fileName = 'map.yaml') => {
  const loaded = loadImportMapping(text, fileName);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return parseInventoryMapping(loaded.reader);
};

const assessment = (): SystemFileInput => ({
  formatVersion: 1,
  system: { name: 'Bottling plant' },
  zones: [
    { id: 'cell-1', name: 'Filling cell' },
    { id: 'supervisory', name: 'Level 3', assets: ['historian'] },
  ],
  assets: [
    {
      id: 'plc-filler',
      name: 'Filler PLC',
      kind: 'plc',
      vendor: 'Rockwell Automation',
      product: '1756-L83E',
      version: '32.011',
      zone: 'cell-1',
      interfaces: [{ ip: '10.10.20.11' }],
    },
    { id: 'ews-01', name: 'EWS-01', kind: 'engineering-workstation', zone: 'cell-1' },
    { id: 'historian', name: 'Historian-01', kind: 'historian', interfaces: [{ ip: '10.10.40.7' }] },
  ],
});

const codes = (result: { diagnostics: readonly { code: string }[] }) =>
  result.diagnostics.map((diagnostic) => diagnostic.code);

describe('importInventory', () => {
  it('reads a Claroty-style export (BOM, semicolons, title line) with guessed columns and kinds', async () => {
    const table = await csvTable(CLAROTY_EXPORT, true);
    expect(table).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
    const result = importInventory(table);
    expect(result.columns).toEqual({
      name: 'Asset Name',
      ip: 'IP Address',
      mac: 'MAC Address',
      vendor: 'Vendor',
      product: 'Model',
      version: 'Firmware Version',
      kind: 'Asset Type',
      location: 'Site Name',
      purdueLevel: 'Purdue Level',
    });
    expect(result.key).toBe('ip');
    expect(result.assets.map(({ id, kind }) => [id, kind])).toEqual([
      ['plc-fill-01', 'plc'],
      ['hmi-fill-01', 'hmi'],
      ['ews-01', 'engineering-workstation'],
      ['sw-cell-01', 'switch'],
      ['enbt-01', 'io-module'],
      ['unnamed', 'other'],
    ]);
    expect(result.assets[1]).toEqual({
      id: 'hmi-fill-01',
      name: 'HMI-FILL-01',
      kind: 'hmi',
      vendor: 'Siemens',
      product: 'TP1500 Comfort; 15" panel',
      version: 'V17 Update 4',
      purdueLevel: 2,
      location: 'Line 1',
      interfaces: [{ ip: '10.10.20.21', mac: '00:0c:29:3a:11:02' }],
    });
    expect(result.summary.added).toHaveLength(6);
    expect(result.summary.skipped).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads a Nozomi-style export and skips rows without identity or with a repeated key', async () => {
    const result = importInventory(await csvTable(NOZOMI_EXPORT));
    expect(result.columns).toMatchObject({
      ip: 'ip',
      mac: 'mac_address',
      name: 'label',
      product: 'product_name',
      version: 'firmware_version',
      kind: 'type',
      zone: 'zone',
    });
    expect(result.assets.map((asset) => asset.id)).toEqual([
      'plc-fill-01',
      'historian-01',
      '10-10-40-8',
      'gw-01',
    ]);
    expect(result.assets[2]).toMatchObject({ name: '10.10.40.8', kind: 'workstation' });
    expect(result.assets[3]).toMatchObject({
      kind: 'other',
      interfaces: [{ ip: '10.10.50.1', mac: '00:11:22:33:44:55' }, { ip: '10.10.51.1' }],
    });
    expect(result.summary.skipped.map(({ row, code }) => [row, code])).toEqual([
      [5, 'inventory-duplicate-key'],
      [7, 'inventory-row-without-identity'],
    ]);
    expect(result.summary.skipped[0]?.reason).toContain('row 4');
    // "Level 3" is not an id: without an assessment, zone texts are kept only when they are ids.
    expect(codes(result).sort()).toEqual([
      'inventory-duplicate-key',
      'inventory-row-without-identity',
      'inventory-unknown-kind',
      'inventory-unknown-zone',
    ]);
    const unknownKind = result.diagnostics.find((diagnostic) => diagnostic.code === 'inventory-unknown-kind');
    expect(unknownKind).toMatchObject({ file: 'assets.csv', line: 6 });
    expect(unknownKind?.message).toContain('OT_device');
  });

  it('merges into an assessment without duplicates and reports what changed', async () => {
    const into = assessment();
    const result = importInventory(await csvTable(NOZOMI_EXPORT), { into });
    expect(result.summary.updated).toEqual([
      { row: 2, id: 'plc-filler', fields: ['version', 'interfaces'] },
      { row: 3, id: 'historian', fields: ['vendor', 'product'] },
    ]);
    expect(result.summary.added.map((entry) => entry.id)).toEqual(['10-10-40-8', 'gw-01']);
    const file = result.file;
    if (file === undefined) throw new Error('no file');
    expect(file.assets?.map((asset) => asset.id)).toEqual([
      'plc-filler',
      'ews-01',
      'historian',
      '10-10-40-8',
      'gw-01',
    ]);
    const plc = file.assets?.[0];
    // The hand-written name is kept; the MAC joins the known interface.
    expect(plc).toMatchObject({
      name: 'Filler PLC',
      version: '34.011',
      interfaces: [{ ip: '10.10.20.11', mac: '00:1d:9c:c8:12:01' }],
    });
    // "Level 3" names the supervisory zone, which already lists the historian: nothing to change.
    expect(file.assets?.[2]?.zone).toBeUndefined();
    expect(resolveSystem(file).ok).toBe(true);
    expect(into.assets).toHaveLength(3);
  });

  it('matches an asset modelled without an address by its name, and is idempotent', async () => {
    const first = importInventory(await csvTable(CLAROTY_EXPORT, true), { into: assessment() });
    expect(first.summary.updated.map((entry) => [entry.id, entry.fields])).toEqual([
      ['plc-filler', ['product', 'version', 'location', 'purdueLevel', 'interfaces']],
      ['ews-01', ['vendor', 'product', 'version', 'location', 'purdueLevel', 'interfaces']],
    ]);
    expect(first.file?.assets?.filter((asset) => asset.name.toLowerCase() === 'ews-01')).toHaveLength(1);
    if (first.file === undefined) throw new Error('no file');
    const second = importInventory(await csvTable(CLAROTY_EXPORT, true), { into: first.file });
    expect(second.summary.added).toEqual([]);
    expect(second.summary.updated).toEqual([]);
    expect(second.summary.unchanged).toHaveLength(first.summary.added.length + first.summary.updated.length);
    expect(second.file).toEqual(first.file);
  });

  it('keeps a specific kind and a zone given by the zone list, with warnings', async () => {
    const into = assessment();
    const text =
      'name,ip,type,zone\nHistorian-01,10.10.40.7,server,cell-1\nFiller PLC,10.10.20.11,HMI,nowhere\n';
    const result = importInventory(await csvTable(text), { into });
    expect(codes(result).sort()).toEqual([
      'inventory-kind-differs',
      'inventory-kind-differs',
      'inventory-unknown-zone',
      'inventory-zone-conflict',
    ]);
    expect(result.summary.updated).toEqual([]);
    expect(
      result.diagnostics.find((diagnostic) => diagnostic.code === 'inventory-unknown-zone'),
    ).toMatchObject({ line: 3, column: 28 });
  });

  it('skips a row that matches two assets', async () => {
    const into = assessment();
    into.assets = [
      ...(into.assets ?? []),
      { id: 'plc-2', name: 'PLC 2', kind: 'plc', interfaces: [{ mac: '00:1D:9C:C8:12:01' }] },
    ];
    const result = importInventory(await csvTable('name;ip;mac\nX;10.10.20.11;00:1d:9c:c8:12:01'), {
      into,
      mapping: { columns: {}, kinds: new Map(), defaults: {}, key: 'mac' },
    });
    expect(result.summary.skipped).toEqual([]);
    expect(result.summary.updated).toEqual([{ row: 2, id: 'plc-2', fields: ['interfaces'] }]);
    const byIp = importInventory(await csvTable('name;ip\nX;10.10.20.11\nY;10.10.40.7'), {
      into: {
        ...into,
        assets: [
          ...(into.assets ?? []),
          { id: 'dup', name: 'dup', kind: 'plc', interfaces: [{ ip: '10.10.20.11' }] },
        ],
      },
    });
    expect(byIp.summary.skipped.map(({ row, code }) => [row, code])).toEqual([
      [2, 'inventory-ambiguous-match'],
    ]);
    expect(byIp.summary.skipped[0]?.reason).toContain('dup, plc-filler');
  });

  it('uses a mapping: named columns, kinds by product text, defaults and the key', async () => {
    const { mapping, diagnostics } = mappingOf(`
columns:
  name: [Device, Tag]
  ip: Address
  kind: Family
kinds:
  ControlLogix: plc
  Stratix: switch
defaults:
  zone: cell-1
  location: Hall A
key: name
`);
    expect(diagnostics).toEqual([]);
    const table = await csvTable(
      'Tag,Address,Family,Location\nfiller plc,10.10.20.99,ControlLogix 5580,\nSW-9,10.10.0.9,Stratix 5700,Hall B\n',
      false,
      mapping,
    );
    const result = importInventory(table, { into: assessment(), mapping });
    expect(result.key).toBe('name');
    expect(result.summary.updated).toEqual([{ row: 2, id: 'plc-filler', fields: ['interfaces'] }]);
    expect(result.assets[1]).toMatchObject({
      id: 'sw-9',
      kind: 'switch',
      zone: 'cell-1',
      location: 'Hall B',
    });
    expect(result.file?.assets?.[0]?.interfaces).toEqual([{ ip: '10.10.20.11' }, { ip: '10.10.20.99' }]);
  });

  it('reports mapping mistakes in the mapping file, with line and column', async () => {
    const { mapping, diagnostics } = mappingOf(
      'columns:\n  ipp: IP\n  name: Device Name\nkinds:\n  ControlLogix: plcc\ndefaults:\n  zone: nowhere\nkey: serial\n',
    );
    expect(diagnostics.map(({ code, line }) => [code, line])).toEqual([
      ['mapping-unknown-key', 2],
      ['mapping-unknown-kind', 5],
      ['mapping-invalid-value', 8],
    ]);
    expect(diagnostics[1]?.message).toContain('"plc"');
    const result = importInventory(await csvTable('Name,IP\nx,10.0.0.1'), { into: assessment(), mapping });
    expect(result.diagnostics.map(({ code, file, line }) => [code, file, line])).toEqual([
      ['mapping-column-not-found', 'map.yaml', 3],
      ['mapping-unknown-zone', 'map.yaml', 7],
    ]);
    expect(result.assets).toEqual([]);
  });

  it('refuses a table with neither a name nor an IP column', async () => {
    const result = importInventory(await csvTable('Vendor;Model\nSiemens;S7-1500'));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'inventory-missing-column',
        severity: 'error',
        file: 'assets.csv',
        line: 1,
      }),
    ]);
  });

  it('reads an XLSX export the same way as the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Assets');
    for (const line of CLAROTY_EXPORT.split('\r\n').slice(1, 7)) {
      sheet.addRow(line.replace('"TP1500 Comfort; 15"" panel"', 'TP1500 Comfort, 15" panel').split(';'));
    }
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readTable(bytes, {
      fileName: 'assets.xlsx',
      isKnownHeader: (name) => isInventoryHeader(name),
    });
    if (read.table === undefined) throw new Error('no table');
    const fromXlsx = importInventory(read.table);
    const fromCsv = importInventory(await csvTable(CLAROTY_EXPORT, true));
    expect(fromXlsx.assets.map((asset) => ({ ...asset, product: '' }))).toEqual(
      fromCsv.assets.slice(0, 5).map((asset) => ({ ...asset, product: '' })),
    );
    expect(fromXlsx.summary.added[0]).toEqual({ row: 2, id: 'plc-fill-01', name: 'PLC-FILL-01' });
  });
});
