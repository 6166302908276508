import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildRegisters } from './build-registers';
import { readRegisterCsv, readRegisterWorkbook, REGISTER_TITLES } from './read-register-tables';
import { REGISTER_IDS } from './register';
import { EXAMPLES, assessFile, exampleFile, workbookValues, zipParts } from './testing/register-fixtures';
import { writeRegistersCsv } from './write-registers-csv';
import { writeRegistersXlsx } from './write-registers-xlsx';

const readText = (url: URL): string => readFileSync(url, 'utf8');

const GENERATED_AT = '2026-11-25T10:00:00Z';

const registersOf = (name: string) => {
  const { model, assessment } = assessFile(exampleFile(name, readText));
  return buildRegisters(model, assessment, { generatedAt: GENERATED_AT });
};

const escapeCell = (text: string): string =>
  text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');

const goldenText = (sheets: Map<string, string[][]>): string =>
  [...sheets]
    .map(([name, rows]) => [`## ${name}`, ...rows.map((row) => row.map(escapeCell).join('\t'))].join('\n'))
    .join('\n\n')
    .concat('\n');

describe.each(EXAMPLES)('registers of examples/%s', (name) => {
  const set = registersOf(name);

  it('match the golden sheet values when the workbook is read back with exceljs', async () => {
    const sheets = await workbookValues(await writeRegistersXlsx(set, { generatedAt: GENERATED_AT }));
    expect([...sheets.keys()]).toEqual([...REGISTER_IDS.map((id) => REGISTER_TITLES[id]), 'About']);
    await expect(goldenText(sheets)).toMatchFileSnapshot(`./__golden__/${name}.registers.tsv`);
  });

  it('write the same values to CSV as to the workbook', async () => {
    const workbook = await readRegisterWorkbook(await writeRegistersXlsx(set), 'registers.xlsx');
    const csv = writeRegistersCsv(set, { withBom: true });
    expect(csv.map((file) => file.name)).toEqual(REGISTER_IDS.map((id) => `${id}.csv`));
    for (const [index, file] of csv.entries()) {
      const id = REGISTER_IDS[index] ?? 'assets';
      const fromCsv = readRegisterCsv(file.bytes, file.name, id);
      expect(fromCsv.diagnostics).toEqual([]);
      const fromXlsx = workbook.tables.find((table) => table.register === id)?.table;
      const texts = (rows: readonly { cells: readonly { text: string }[] }[] | undefined) =>
        rows?.map((row) => row.cells.map((cell) => cell.text));
      expect(fromCsv.tables[0]?.table.columns).toEqual(fromXlsx?.columns);
      expect(texts(fromCsv.tables[0]?.table.rows)).toEqual(texts(fromXlsx?.rows));
    }
  });

  it('write an OOXML zip whose every XML part is well-formed', async () => {
    const parts = zipParts(await writeRegistersXlsx(set));
    expect(parts.has('[Content_Types].xml')).toBe(true);
    expect(parts.has('xl/workbook.xml')).toBe(true);
    const xmlParts = [...parts].filter(([path]) => /\.(xml|rels|vml)$/.test(path));
    expect(xmlParts.length).toBeGreaterThan(8);
    for (const [path, text] of xmlParts) {
      expect({ path, valid: XMLValidator.validate(text) }).toEqual({ path, valid: true });
    }
  });

  it('freeze the header row, filter it, validate status columns and colour the risk columns', async () => {
    const parts = zipParts(await writeRegistersXlsx(set));
    const sheetXml = (index: number): string => parts.get(`xl/worksheets/sheet${index}.xml`) ?? '';
    for (const index of REGISTER_IDS.map((_, position) => position + 1)) {
      const xml = sheetXml(index);
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(xml).toMatch(/<autoFilter ref="A1:[A-Z]+1"/);
      expect(xml).toContain('<dataValidation type="list"');
      expect(xml).not.toContain('<f>');
    }
    // Risk register: the band columns carry one rule per band; the compliance matrix colours statuses.
    const risk = sheetXml(REGISTER_IDS.indexOf('risk-register') + 1);
    expect(risk).toContain('<conditionalFormatting');
    expect(risk).toContain('<colorScale>');
    expect(risk.match(/type="cellIs"/g)?.length).toBeGreaterThanOrEqual(set.bands.length * 3);
    const compliance = sheetXml(REGISTER_IDS.indexOf('compliance-matrix') + 1);
    expect(compliance).toMatch(
      /<dataValidation type="list" allowBlank="1" showErrorMessage="1"[^>]*sqref="K2:K\d+"/,
    );
    expect(compliance).toContain('&quot;met,partial,not-met,compensated,not-applicable&quot;');
  });
});
