import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRegisters } from './build-registers';
import { readRegisterCsv, readRegisterWorkbook } from './read-register-tables';
import { REGISTER_MODEL_CHANGED, checkRegisterModel } from './register-model-check';
import { assessFile, exampleFile } from './testing/register-fixtures';
import { writeRegistersCsv } from './write-registers-csv';
import { writeRegistersXlsx } from './write-registers-xlsx';

const file = exampleFile('water-treatment', (url) => readFileSync(url, 'utf8'));
const { model, assessment } = assessFile(file);
const set = buildRegisters(model, assessment);

describe('register model check', () => {
  it('reads the model SHA-256 back from the About sheet', async () => {
    const read = await readRegisterWorkbook(await writeRegistersXlsx(set), 'registers.xlsx');
    expect(read.modelSha256).toBe(assessment.modelSha256);
    expect(checkRegisterModel(read.modelSha256, assessment.modelSha256, 'registers.xlsx')).toEqual([]);
  });

  it('warns with register-model-changed when the model differs, and not without a digest', async () => {
    const read = await readRegisterWorkbook(await writeRegistersXlsx(set), 'registers.xlsx');
    const other = 'f'.repeat(64);
    const diagnostics = checkRegisterModel(read.modelSha256, other, 'registers.xlsx');
    expect(diagnostics.map(({ code, severity, file: source }) => ({ code, severity, source }))).toEqual([
      { code: REGISTER_MODEL_CHANGED, severity: 'warning', source: 'registers.xlsx' },
    ]);
    const csv = writeRegistersCsv(set)[0];
    if (csv === undefined) throw new Error('no CSV');
    const fromCsv = readRegisterCsv(csv.bytes, csv.name, 'assets');
    expect(fromCsv.modelSha256).toBeUndefined();
    expect(checkRegisterModel(fromCsv.modelSha256, other, csv.name)).toEqual([]);
  });
});
