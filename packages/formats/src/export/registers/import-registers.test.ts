import { readFileSync } from 'node:fs';
import type { SystemFileInput } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { buildRegisters } from './build-registers';
import { importRegisters } from './import-registers';
import { readRegisterCsv, readRegisterWorkbook } from './read-register-tables';
import { assessFile, exampleFile } from './testing/register-fixtures';
import { writeRegistersCsv } from './write-registers-csv';
import { writeRegistersXlsx } from './write-registers-xlsx';

const readText = (url: URL): string => readFileSync(url, 'utf8');

const file = exampleFile('pharma-tablet-plant', readText);
const { model, assessment } = assessFile(file);
const set = buildRegisters(model, assessment);
const exported = await writeRegistersXlsx(set);

/** Opens the exported workbook, lets `edit` change cells by sheet title and header, and saves it again. */
const editWorkbook = async (
  edit: (cell: (sheet: string, row: number, header: string) => { value: unknown }) => void,
): Promise<Uint8Array> => {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(exported.slice().buffer);
  edit((sheetName, row, header) => {
    const sheet = workbook.getWorksheet(sheetName);
    if (sheet === undefined) throw new Error(`no sheet ${sheetName}`);
    const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value));
    const column = headers.indexOf(header);
    if (column < 1) throw new Error(`no column ${header}`);
    return sheet.getRow(row).getCell(column);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};

/** The sheet row (1-based, header = 1) of the first data row whose first columns are `keys`. */
const rowOf = (registerTitle: string, ...keys: string[]): number => {
  const register = set.registers.find((entry) => entry.title === registerTitle);
  const offset = registerTitle === 'Compliance matrix' ? 1 : 0;
  const index = register?.rows.findIndex((row) => keys.every((key, at) => row[at + offset] === key)) ?? -1;
  if (index < 0) throw new Error(`no row ${keys.join('/')}`);
  return index + 2;
};

const importWorkbook = async (bytes: Uint8Array) => {
  const read = await readRegisterWorkbook(bytes, 'registers.xlsx');
  expect(read.diagnostics).toEqual([]);
  return importRegisters(file, read.tables);
};

const changed = (result: Awaited<ReturnType<typeof importWorkbook>>) =>
  result.changes
    .filter((change) => change.kind !== 'unchanged')
    .map((change) => ({ kind: change.kind, key: change.key, fields: change.fields, reason: change.reason }));

const firstGap = assessment.requirements
  .flatMap((result) => result.requirements.map((row) => ({ subject: result.subject.id, row })))
  .find(
    ({ subject, row }) =>
      !model.requirementStatus.some(
        (entry) => entry.subject === subject && entry.requirement === row.requirement.id,
      ),
  );
const asset = model.assets[0];
const vulnerability = model.vulnerabilities[0];
const countermeasure = model.countermeasures.find((entry) => entry.status === 'planned');

describe('importRegisters', () => {
  it('reports every row of an unedited export as unchanged and changes nothing', async () => {
    const result = await importWorkbook(exported);
    expect(result.diagnostics).toEqual([]);
    expect(changed(result)).toEqual([]);
    expect(result.file).toEqual(file);
    expect(result.readOnly).toEqual(['registers.xlsx[Zones and conduits]', 'registers.xlsx[Risk register]']);
    const rows = set.registers
      .filter((register) => !['zones-conduits', 'risk-register'].includes(register.id))
      .reduce((sum, register) => sum + register.rows.length, 0);
    expect(result.changes).toHaveLength(rows);
  });

  it('brings back exactly the edited status, owner, evidence and due dates', async () => {
    if (!firstGap || !asset || !vulnerability || !countermeasure) throw new Error('fixture lacks rows');
    const gapRow = rowOf('Compliance matrix', firstGap.subject, firstGap.row.requirement.id);
    const bytes = await editWorkbook((cell) => {
      cell('Compliance matrix', gapRow, 'Status').value = 'partial';
      cell('Compliance matrix', gapRow, 'Evidence').value = 'Audit 2026-11, finding 7';
      cell('Compliance matrix', gapRow, 'Owner').value = 'OT Security';
      cell('Compliance matrix', gapRow, 'Due date').value = new Date(Date.UTC(2027, 2, 31));
      cell('Assets', rowOf('Assets', asset.id), 'Owner').value = 'Maintenance';
      cell('Vulnerabilities', rowOf('Vulnerabilities', vulnerability.id), 'Status').value = 'Mitigated';
      cell('Countermeasures', rowOf('Countermeasures', countermeasure.id), 'Status').value = 'existing';
      cell('Countermeasures', rowOf('Countermeasures', countermeasure.id), 'Due date').value = '2027-01-15';
    });
    const result = await importWorkbook(bytes);
    expect(result.diagnostics).toEqual([]);
    expect(changed(result)).toEqual([
      {
        kind: 'updated',
        key: asset.id,
        fields: [{ field: 'owner', ...(asset.owner ? { from: asset.owner } : {}), to: 'Maintenance' }],
        reason: undefined,
      },
      {
        kind: 'added',
        key: `${firstGap.subject} / ${firstGap.row.requirement.id}`,
        fields: [
          { field: 'status', to: 'partial' },
          { field: 'evidence', to: 'Audit 2026-11, finding 7' },
          { field: 'owner', to: 'OT Security' },
          { field: 'dueDate', to: '2027-03-31' },
        ],
        reason: undefined,
      },
      {
        kind: 'updated',
        key: countermeasure.id,
        fields: [
          { field: 'status', from: 'planned', to: 'existing' },
          {
            field: 'dueDate',
            ...(countermeasure.dueDate ? { from: countermeasure.dueDate } : {}),
            to: '2027-01-15',
          },
        ],
        reason: undefined,
      },
      {
        kind: 'updated',
        key: vulnerability.id,
        fields: [{ field: 'status', to: 'mitigated' }],
        reason: undefined,
      },
    ]);
    const next = result.file as SystemFileInput;
    expect(next.requirementStatus?.at(-1)).toEqual({
      subject: firstGap.subject,
      requirement: firstGap.row.requirement.id,
      status: 'partial',
      evidence: 'Audit 2026-11, finding 7',
      owner: 'OT Security',
      dueDate: '2027-03-31',
    });
    expect(next.assets?.find((entry) => entry.id === asset.id)?.owner).toBe('Maintenance');
    expect(next.vulnerabilities?.find((entry) => entry.id === vulnerability.id)?.status).toBe('mitigated');
    expect(next.countermeasures?.find((entry) => entry.id === countermeasure.id)).toMatchObject({
      status: 'existing',
      dueDate: '2027-01-15',
    });
    // Everything else is untouched.
    expect({
      ...next,
      assets: file.assets,
      requirementStatus: file.requirementStatus,
      vulnerabilities: file.vulnerabilities,
      countermeasures: file.countermeasures,
    }).toEqual(file);
  });

  it('reports unknown ids, bad statuses and bad dates at sheet, row and column, and returns no file', async () => {
    if (!firstGap || !asset || !vulnerability) throw new Error('fixture lacks rows');
    const gapRow = rowOf('Compliance matrix', firstGap.subject, firstGap.row.requirement.id);
    const vulnerabilityRow = rowOf('Vulnerabilities', vulnerability.id);
    const assetRow = rowOf('Assets', asset.id);
    const bytes = await editWorkbook((cell) => {
      cell('Compliance matrix', gapRow, 'Status').value = 'done';
      cell('Compliance matrix', gapRow + 1, 'Subject').value = 'no-such-zone';
      cell('Compliance matrix', gapRow + 2, 'Status').value = 'compensated';
      cell('Vulnerabilities', vulnerabilityRow, 'Due date').value = '31.03.2027';
      cell('Assets', assetRow, 'Id').value = 'ghost-asset';
    });
    const result = await importWorkbook(bytes);
    expect(result.file).toBeUndefined();
    expect(
      result.diagnostics.map((diagnostic) => ({
        code: diagnostic.code,
        file: diagnostic.file,
        line: diagnostic.line,
        column: diagnostic.column,
      })),
    ).toEqual([
      { code: 'register-unknown-id', file: 'registers.xlsx[Assets]', line: assetRow, column: 1 },
      { code: 'register-bad-status', file: 'registers.xlsx[Compliance matrix]', line: gapRow, column: 11 },
      { code: 'register-unknown-id', file: 'registers.xlsx[Compliance matrix]', line: gapRow + 1, column: 2 },
      {
        code: 'register-missing-countermeasure',
        file: 'registers.xlsx[Compliance matrix]',
        line: gapRow + 2,
        column: 12,
      },
      {
        code: 'register-bad-date',
        file: 'registers.xlsx[Vulnerabilities]',
        line: vulnerabilityRow,
        column: 13,
      },
    ]);
    expect(result.diagnostics[1]?.message).toContain('row');
  });

  it('skips a status emptied on an existing entry, with the reason', async () => {
    const entry = model.requirementStatus.find((candidate) =>
      set.registers
        .find((register) => register.id === 'compliance-matrix')
        ?.rows.some((row) => row[1] === candidate.subject && row[2] === candidate.requirement),
    );
    if (!entry) throw new Error('fixture has no recorded requirement status');
    const bytes = await editWorkbook((cell) => {
      cell(
        'Compliance matrix',
        rowOf('Compliance matrix', entry.subject, entry.requirement),
        'Status',
      ).value = null;
    });
    const result = await importWorkbook(bytes);
    expect(result.diagnostics).toEqual([]);
    expect(changed(result)).toMatchObject([
      { kind: 'skipped', key: `${entry.subject} / ${entry.requirement}` },
    ]);
    expect(result.file).toEqual(file);
  });

  it('reads the CSV folder back the same way (formula neutralisation undone)', () => {
    const csv = writeRegistersCsv(set, { withBom: true }).find((entry) => entry.name === 'assets.csv');
    if (!csv || !asset) throw new Error('no assets.csv');
    const text = new TextDecoder()
      .decode(csv.bytes)
      .replace(
        new RegExp(`^(${asset.id},.*),([^,\\r\\n]*)\\r$`, 'm'),
        (_line, start: string) => `${start},'=cmd|' /C calc'!A0\r`,
      );
    const read = readRegisterCsv(new TextEncoder().encode(text), 'assets.csv', 'assets');
    const result = importRegisters(file, read.tables);
    expect(result.diagnostics).toEqual([]);
    expect(changed(result)).toEqual([
      {
        kind: 'updated',
        key: asset.id,
        fields: [{ field: 'owner', ...(asset.owner ? { from: asset.owner } : {}), to: "=cmd|' /C calc'!A0" }],
        reason: undefined,
      },
    ]);
  });

  it('finds nothing to import in a workbook without register sheets', () => {
    expect(importRegisters(file, []).diagnostics.map((diagnostic) => diagnostic.code)).toEqual([
      'register-none-found',
    ]);
  });
});
