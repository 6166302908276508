import { resolveSystem, type SystemFileInput } from '@zonewise/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadImportMapping } from '../tabular/import-mapping';
import { readTable } from '../tabular/read-table';
import type { Table } from '../tabular/table';
import { importPha, isPhaHeader } from './import-pha';
import { ALL_SAFEGUARDS_HACKABLE_MARKER } from './merge-pha-study';
import { parsePhaMapping, type PhaMapping } from './pha-mapping';

/** A HAZOP worksheet: title line, filled-down nodes, hackable markers and a hackable column, a continuation row. */
const HAZOP = [
  'HAZOP Reactor area R-100 (2023 revalidation),,,,,,,,,,,',
  'Ref,Node,Deviation,Cause,Consequence,Safety Severity,Env. Severity,Financial Severity,Likelihood,Safeguards,Hackable,Recommendations',
  '1.1,1. Reactor R-101,High pressure,"PIC-101 fails, feed valve FV-101 fully open","Overpressure of R-101, rupture, toxic release",5,4,4,3,"BPCS high-pressure alarm PAH-101 [H]\nSIS trip PZT-101 closes XV-101 [H]\nPSV-101 relief to flare [NH]",,',
  '1.2,,High pressure,Cooling water failure,"Runaway reaction, overpressure",5,3,4,2,TAH-102 high temperature alarm; SIS trip TZT-102 closes feed,y; y,R-1: review SIS network',
  '1.3,,Low level,LIC-103 fails,"Pump P-101 cavitation, seal leak",2,2,3,3,LAL-103 low level alarm; Pump trip on low flow (hard-wired),y; n,',
  ',,,,,,,,,Operator rounds [NH],,',
  '2.1,2. Chlorine dosing,More flow,Dosing pump speed setpoint changed,Overdosing of drinking water,4,4,2,2,High chlorine analyser alarm AAH-201; Dosing pump hardware speed limiter,AAH-201,',
  '2.2,,Less flow,Dosing pump stops,Under-disinfected water to customers,4,1,2,3,Low chlorine alarm AAL-202; SCADA interlock stops outflow,yes,',
  '2.3,,Reverse flow,No credible cause,,,,,,,,',
  '2.2,,Less flow,Duplicate line,Under-disinfected water,4,1,2,3,,,',
].join('\r\n');

const table = async (text: string, mapping?: PhaMapping): Promise<Table> => {
  const result = await readTable(new TextEncoder().encode(text), {
    fileName: 'hazop-r100.csv',
    isKnownHeader: (name) => isPhaHeader(name, mapping),
  });
  if (result.table === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.table;
};

const mappingOf = (text: string) => {
  const loaded = loadImportMapping(text, 'pha-map.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  return parsePhaMapping(loaded.reader);
};

const assessment = (): SystemFileInput => ({
  formatVersion: 1,
  system: { name: 'Reactor area', references: [{ id: 'pid-r100', title: 'P&ID R-100' }] },
  zones: [
    { id: 'bpcs', name: 'BPCS' },
    { id: 'sis', name: 'SIS' },
  ],
  threatScenarios: [
    {
      id: 'ts-sis-bypass',
      title: 'SIS bypassed from the engineering workstation',
      description: 'Written by the team.',
      source: 'nation-state',
      zone: 'sis',
      consequences: { 'health-safety': 4 },
      consequenceReference: '1.2',
      likelihood: 2,
    },
  ],
});

const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((diagnostic) => diagnostic.code);

describe('importPha', () => {
  it('reads a HAZOP worksheet into scenarios with severities per impact category and safeguards', async () => {
    const result = importPha(await table(HAZOP));
    const study = result.study;
    expect(study).toMatchObject({
      id: 'hazop-r100',
      columns: {
        id: 'Ref',
        node: 'Node',
        deviation: 'Deviation',
        cause: 'Cause',
        consequence: 'Consequence',
        safeguards: 'Safeguards',
        hackable: 'Hackable',
      },
      severityColumns: {
        'Safety Severity': 'health-safety',
        'Env. Severity': 'environment',
        'Financial Severity': 'financial',
      },
    });
    expect(
      study?.scenarios.map((scenario) => [
        scenario.id,
        scenario.row,
        scenario.node,
        scenario.hasOnlyHackableSafeguards,
      ]),
    ).toEqual([
      ['1.1', 3, '1. Reactor R-101', false],
      ['1.2', 6, '1. Reactor R-101', true],
      ['1.3', 7, '1. Reactor R-101', false],
      ['2.1', 9, '2. Chlorine dosing', false],
      ['2.2', 10, '2. Chlorine dosing', true],
    ]);
    expect(study?.scenarios[0]).toMatchObject({
      reference: 'hazop-r100#1.1',
      severities: { 'health-safety': 5, environment: 4, financial: 4 },
      safeguards: [
        { name: 'BPCS high-pressure alarm PAH-101', isHackable: true },
        { name: 'SIS trip PZT-101 closes XV-101', isHackable: true },
        { name: 'PSV-101 relief to flare', isHackable: false },
      ],
    });
    // The continuation row adds "Operator rounds" to 1.3.
    expect(
      study?.scenarios[2]?.safeguards.map((safeguard) => [safeguard.name, safeguard.isHackable]),
    ).toEqual([
      ['LAL-103 low level alarm', true],
      ['Pump trip on low flow (hard-wired)', false],
      ['Operator rounds', false],
    ]);
    expect(study?.skipped.map(({ row, code }) => [row, code])).toEqual([
      [11, 'pha-row-without-consequence'],
      [12, 'pha-duplicate-scenario-id'],
    ]);
    expect(result.summary?.allSafeguardsHackable.map((entry) => entry.scenario)).toEqual(['1.2', '2.2']);
    expect(codes(result.diagnostics)).toEqual([
      'pha-row-without-consequence',
      'pha-duplicate-scenario-id',
      'pha-all-safeguards-hackable',
      'pha-all-safeguards-hackable',
      'pha-defaults-applied',
    ]);
    expect(
      result.diagnostics.find((diagnostic) => diagnostic.code === 'pha-all-safeguards-hackable'),
    ).toMatchObject({
      severity: 'warning',
      file: 'hazop-r100.csv',
      line: 6,
    });
  });

  it('links threat scenarios to the PHA scenarios and copies the consequences, keeping what the team wrote', async () => {
    const result = importPha(await table(HAZOP), { into: assessment() });
    const file = result.file;
    if (file === undefined) throw new Error('no file');
    expect(file.system.references?.map((reference) => reference.id)).toEqual(['pid-r100', 'hazop-r100']);
    expect(result.summary?.updated).toEqual([
      {
        row: 6,
        scenario: '1.2',
        id: 'ts-sis-bypass',
        fields: ['consequences', 'description', 'hasOnlyHackableSafeguards'],
      },
    ]);
    expect(
      file.threatScenarios
        ?.filter((scenario) => scenario.hasOnlyHackableSafeguards === true)
        .map((scenario) => scenario.id),
    ).toEqual(['ts-sis-bypass', 'ts-hazop-r100-2-2']);
    expect(result.summary?.created.map((entry) => entry.id)).toEqual([
      'ts-hazop-r100-1-1',
      'ts-hazop-r100-1-3',
      'ts-hazop-r100-2-1',
      'ts-hazop-r100-2-2',
    ]);
    const bypass = file.threatScenarios?.find((scenario) => scenario.id === 'ts-sis-bypass');
    expect(bypass).toMatchObject({
      title: 'SIS bypassed from the engineering workstation',
      source: 'nation-state',
      consequences: { 'health-safety': 5, environment: 3, financial: 4 },
      consequenceReference: '1.2',
      likelihood: 2,
    });
    expect(bypass?.description?.split('\n')[0]).toBe('Written by the team.');
    expect(bypass?.description).toContain(ALL_SAFEGUARDS_HACKABLE_MARKER);
    const created = file.threatScenarios?.find((scenario) => scenario.id === 'ts-hazop-r100-1-1');
    expect(created).toMatchObject({
      title:
        'Cyber-induced high pressure at 1. Reactor R-101 (cause: PIC-101 fails, feed valve FV-101 fully open)',
      source: 'hacktivist',
      likelihood: 5,
      consequences: { 'health-safety': 5, environment: 4, financial: 4 },
      consequenceReference: 'hazop-r100#1.1',
    });
    expect(created?.description).not.toContain(ALL_SAFEGUARDS_HACKABLE_MARKER);
    expect(result.summary?.allSafeguardsHackable).toEqual([
      { row: 6, scenario: '1.2', threatScenario: 'ts-sis-bypass' },
      { row: 10, scenario: '2.2', threatScenario: 'ts-hazop-r100-2-2' },
    ]);
    expect(resolveSystem(file).ok).toBe(true);
  });

  it('changes nothing when the same worksheet is imported again', async () => {
    const first = importPha(await table(HAZOP), { into: assessment() });
    if (first.file === undefined) throw new Error('no file');
    const second = importPha(await table(HAZOP), { into: first.file });
    expect(second.summary?.created).toEqual([]);
    expect(second.summary?.updated).toEqual([]);
    expect(second.summary?.unchanged).toHaveLength(5);
    expect(second.file).toEqual(first.file);
  });

  it('removes the marker when a safeguard is no longer hackable', async () => {
    const first = importPha(await table(HAZOP), { into: assessment() });
    if (first.file === undefined) throw new Error('no file');
    const fixed = HAZOP.replace('y; y,R-1', 'y; n,R-1');
    const second = importPha(await table(fixed), { into: first.file });
    expect(second.summary?.updated).toEqual([
      { row: 6, scenario: '1.2', id: 'ts-sis-bypass', fields: ['description', 'hasOnlyHackableSafeguards'] },
    ]);
    expect(second.file?.threatScenarios?.[0]?.description).toBe('Written by the team.');
    expect(second.file?.threatScenarios?.[0]?.hasOnlyHackableSafeguards).toBeUndefined();
  });

  it('uses a mapping: study, severity columns, descending scale, defaults and only hackable scenarios', async () => {
    const { mapping, diagnostics } = mappingOf(`
study: { id: hazop-2023, title: HAZOP R-100 revalidation 2023, url: 'https://dms.example/hazop-2023' }
columns: { id: Ref, safeguards: Safeguards }
severities: { Safety Severity: health-safety, Env. Severity: environment }
severityScale: descending
defaults: { source: malicious-insider, likelihood: 3, zone: sis }
scenarios: hackable
`);
    expect(diagnostics).toEqual([]);
    const result = importPha(await table(HAZOP, mapping), { into: assessment(), mapping });
    expect(result.reference).toEqual({
      id: 'hazop-2023',
      title: 'HAZOP R-100 revalidation 2023',
      description: expect.any(String) as string,
      url: 'https://dms.example/hazop-2023',
    });
    // 2.1 has a hackable alarm, so it is created; 1.1 too; 1.3 has the hackable LAL-103.
    expect(result.summary?.created.map((entry) => entry.scenario)).toEqual(['1.1', '1.3', '2.1', '2.2']);
    const created = result.threatScenarios.find(
      (scenario) => scenario.consequenceReference === 'hazop-2023#1.1',
    );
    expect(created).toMatchObject({
      source: 'malicious-insider',
      likelihood: 3,
      zone: 'sis',
      consequences: { 'health-safety': 1, environment: 2 },
    });
    expect(codes(result.diagnostics)).not.toContain('pha-defaults-applied');
    const existingOnly = importPha(await table(HAZOP), {
      into: assessment(),
      mapping: { ...mapping, scenarios: 'existing' },
    });
    expect(existingOnly.summary?.created).toEqual([]);
    expect(existingOnly.summary?.updated.map((entry) => entry.id)).toEqual(['ts-sis-bypass']);
  });

  it('reads a generic severity column for the default category, with a warning', async () => {
    const result = importPha(
      await table('ID;Node;Deviation;Consequence;Severity;Risk\nA1;Tank;High level;Overflow;3;6\n'),
    );
    expect(result.study?.severityColumns).toEqual({ Severity: 'health-safety' });
    expect(result.study?.scenarios[0]?.severities).toEqual({ 'health-safety': 3 });
    expect(codes(result.diagnostics)).toContain('pha-severity-category-assumed');
  });

  it('drops severities it cannot read or that are off the scale', async () => {
    const result = importPha(
      await table('ID,Consequence,Safety Severity,Env Severity\nA1,Fire,7,B\nA2,Spill,,2\nA3,Leak,2,1\n'),
    );
    expect(result.study?.scenarios.map((scenario) => scenario.severities)).toEqual([
      {},
      { environment: 2 },
      { 'health-safety': 2, environment: 1 },
    ]);
    expect(
      result.diagnostics
        .filter(
          (diagnostic) =>
            diagnostic.code.startsWith('pha-severity') || diagnostic.code === 'pha-invalid-severity',
        )
        .map(({ code, line }) => [code, line]),
    ).toEqual([
      ['pha-severity-out-of-range', 2],
      ['pha-invalid-severity', 2],
    ]);
  });

  it('refuses a worksheet without a severity column, and mapping mistakes, as errors', async () => {
    const missing = importPha(
      await table('Node,Deviation,Consequence,Safeguards\nTank,High level,Overflow,LAH\n'),
    );
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ code: 'pha-missing-column', severity: 'error', line: 1 }),
    ]);
    const { mapping } = mappingOf(
      'severities: { Safety Severity: safety }\ndefaults: { source: apt, zone: nowhere }\n',
    );
    const wrong = importPha(await table(HAZOP), { into: assessment(), mapping });
    expect(wrong.diagnostics.map(({ code, file, line }) => [code, file, line])).toEqual([
      ['mapping-unknown-threat-source', 'pha-map.yaml', 2],
      ['mapping-unknown-zone', 'pha-map.yaml', 2],
      ['mapping-unknown-impact-category', 'pha-map.yaml', 1],
    ]);
    expect(wrong.file).toBeUndefined();
  });

  it('reads an XLSX worksheet with merged node cells like the CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('HAZOP');
    sheet.addRow([
      'Ref',
      'Node',
      'Deviation',
      'Cause',
      'Consequence',
      'Safety Severity',
      'Safeguards',
      'Hackable',
    ]);
    sheet.addRow([
      '1.1',
      'Reactor R-101',
      'High pressure',
      'PIC-101 fails',
      'Rupture',
      5,
      'PAH-101\nSIS trip PZT-101',
      'y\ny',
    ]);
    sheet.addRow([
      '1.2',
      null,
      'High temperature',
      'Cooling failure',
      'Runaway',
      4,
      'TAH-102 [H]\nPSV-101 [NH]',
      null,
    ]);
    sheet.mergeCells('B2:B3');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readTable(bytes, { fileName: 'hazop.xlsx' });
    if (read.table === undefined) throw new Error('no table');
    const result = importPha(read.table);
    expect(
      result.study?.scenarios.map((scenario) => [
        scenario.reference,
        scenario.node,
        scenario.severities,
        scenario.hasOnlyHackableSafeguards,
      ]),
    ).toEqual([
      ['hazop#1.1', 'Reactor R-101', { 'health-safety': 5 }, true],
      ['hazop#1.2', 'Reactor R-101', { 'health-safety': 4 }, false],
    ]);
  });
});
