import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table';
import { cellValueText, readXlsxTable } from './read-xlsx-table';

const workbookBytes = async (build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};

describe('readXlsxTable', () => {
  it('reads the first sheet into the table shape, with sheet rows and columns as places', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Assets');
      sheet.addRow(['Inventory export']);
      sheet.addRow([]);
      sheet.addRow(['Name', 'IP', 'Commissioned', 'Notes']);
      sheet.addRow([
        'PLC-1',
        '10.0.0.1',
        new Date(Date.UTC(2021, 4, 3)),
        { richText: [{ text: 'rack ' }, { text: 'A' }] },
      ]);
      sheet.addRow([
        'HMI-1',
        { formula: 'B4', result: '10.0.0.2' },
        null,
        { text: 'manual', hyperlink: 'https://example.org' },
      ]);
      workbook.addWorksheet('Other').addRow(['x']);
    });
    const result = await readTable(bytes, { fileName: 'a.xlsx', isKnownHeader: (name) => name === 'IP' });
    expect(result.diagnostics).toEqual([]);
    expect(result.table).toMatchObject({
      format: 'xlsx',
      sheet: 'Assets',
      columns: ['Name', 'IP', 'Commissioned', 'Notes'],
    });
    expect(result.table?.rows.map((row) => [row.row, row.cells.map((cell) => cell.text)])).toEqual([
      [4, ['PLC-1', '10.0.0.1', '2021-05-03', 'rack A']],
      [5, ['HMI-1', '10.0.0.2', '', 'manual']],
    ]);
    expect(result.table?.rows[0]?.cells[1]).toMatchObject({ line: 4, column: 2 });
  });

  it('picks a sheet by name or number and names the sheets when it is missing', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Summary').addRow(['a']);
      const sheet = workbook.addWorksheet('Devices');
      sheet.addRow(['name']);
      sheet.addRow(['x']);
    });
    expect((await readXlsxTable(bytes, { fileName: 'a.xlsx', sheet: 'devices' })).table?.sheet).toBe(
      'Devices',
    );
    expect((await readXlsxTable(bytes, { fileName: 'a.xlsx', sheet: '2' })).table?.sheet).toBe('Devices');
    const missing = await readXlsxTable(bytes, { fileName: 'a.xlsx', sheet: 'Nodes' });
    expect(missing.table).toBeUndefined();
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ code: 'xlsx-sheet-not-found', severity: 'error' }),
    ]);
    expect(missing.diagnostics[0]?.message).toContain('"Devices"');
  });

  it('reports a truncated workbook, a legacy .xls and a non-workbook as errors', async () => {
    const bytes = await workbookBytes((workbook) => workbook.addWorksheet('A').addRow(['name']));
    const truncated = await readTable(bytes.subarray(0, Math.floor(bytes.length / 2)), {
      fileName: 'a.xlsx',
    });
    expect(truncated.diagnostics).toEqual([
      expect.objectContaining({ code: 'xlsx-unreadable', severity: 'error' }),
    ]);
    const legacy = await readTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), {
      fileName: 'a.xls',
    });
    expect(legacy.diagnostics).toEqual([expect.objectContaining({ code: 'xlsx-legacy-xls' })]);
    const text = await readTable(new TextEncoder().encode('name,ip'), { fileName: 'renamed.xlsx' });
    expect(text.diagnostics).toEqual([expect.objectContaining({ code: 'xlsx-unreadable' })]);
  });

  it('reads CSV bytes through readTable when they are not a workbook', async () => {
    const result = await readTable(new TextEncoder().encode('name;ip\nplc;1.2.3.4'), { fileName: 'a.csv' });
    expect(result.table?.format).toBe('csv');
  });
});

describe('cellValueText', () => {
  it.each([
    [null, ''],
    [42, '42'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2020, 0, 2, 3, 4, 5)), '2020-01-02T03:04:05Z'],
    [{ error: '#N/A' }, ''],
    [{ formula: 'A1' }, ''],
    [{ sharedFormula: 'A1', result: 7 }, '7'],
    [{ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' }, 'ab'],
  ])('turns %j into %j', (value, text) => {
    expect(cellValueText(value)).toBe(text);
  });
});
