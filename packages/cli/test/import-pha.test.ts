import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSystem } from '@zonewise/core';
import { ALL_SAFEGUARDS_HACKABLE_MARKER, loadAssessmentText } from '@zonewise/formats';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importPhaCommand } from '../src/commands/import-pha';
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
  options: Parameters<typeof importPhaCommand>[2],
  extra: Record<string, string | Uint8Array> = {},
) => {
  const { io, output, files } = memoryIo({ ...fixtures, ...extra });
  const code = await importPhaCommand(io, inputs, options);
  return { code, ...output, files };
};

interface Scenario {
  id: string;
  title: string;
  description?: string;
  source: string;
  zone?: string;
  consequences?: Record<string, number>;
  consequenceReference?: string;
  likelihood: number;
}

describe('zonewise import pha', () => {
  it('prints the PHA scenarios with severities and flags those whose every safeguard is hackable', async () => {
    const result = await run(['hazop-r100.csv'], { format: 'text' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^hazop-r100\.csv: study hazop-r100, 5 scenarios, 1 row skipped; severities: "Safety Severity" → health-safety, "Env\. Severity" → environment, "Financial Severity" → financial$/m,
    );
    expect(result.stdout).toMatch(
      /^ {2}1\.2 .*health-safety 5, environment 3, financial 4 +safeguards 2 \(2 hackable\) {2}ALL SAFEGUARDS HACKABLE$/m,
    );
    expect(result.stdout).toMatch(/^ {2}1\.1 .*safeguards 3 \(2 hackable\)$/m);
    expect(result.stderr).toMatch(/^hazop-r100\.csv:6:1 warning pha-all-safeguards-hackable: /m);
    expect(result.stderr).toMatch(/^hazop-r100\.csv:10:1 warning pha-all-safeguards-hackable: /m);
    expect(result.stderr).toMatch(/^hazop-r100\.csv warning pha-defaults-applied: /m);
  });

  it('prints JSON for machines: the study reference, the scenarios and the threat scenarios it would create', async () => {
    const result = await run(['hazop-r100.csv'], { format: 'json' });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      references: { id: string }[];
      scenarios: {
        reference: string;
        hasOnlyHackableSafeguards: boolean;
        safeguards: { name: string; isHackable?: boolean }[];
      }[];
      threatScenarios: Scenario[];
      summaries: { allSafeguardsHackable: { scenario: string }[] }[];
      diagnostics: { code: string }[];
    };
    expect(json.references.map((reference) => reference.id)).toEqual(['hazop-r100']);
    expect(
      json.scenarios
        .filter((scenario) => scenario.hasOnlyHackableSafeguards)
        .map((scenario) => scenario.reference),
    ).toEqual(['hazop-r100#1.2', 'hazop-r100#2.2']);
    expect(json.scenarios[0]?.safeguards.map((safeguard) => safeguard.isHackable)).toEqual([
      true,
      true,
      false,
    ]);
    expect(json.threatScenarios.map((scenario) => scenario.consequenceReference)).toEqual([
      'hazop-r100#1.1',
      'hazop-r100#1.2',
      'hazop-r100#1.3',
      'hazop-r100#2.1',
      'hazop-r100#2.2',
    ]);
    expect(json.summaries[0]?.allSafeguardsHackable.map((entry) => entry.scenario)).toEqual(['1.2', '2.2']);
  });

  it('merges into an assessment: study reference, linked threat scenarios with the PHA consequences, comments kept', async () => {
    const result = await run(['hazop-r100.csv'], { format: 'text', into: 'plant.yaml', map: 'pha-map.yaml' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'hazop-r100.csv: study hazop-r100-2023 added to system.references (5 scenarios); threat scenarios: 4 created, 1 updated, 0 unchanged; 1 row skipped',
    );
    expect(result.stdout).toContain(
      '  ~ ts-sis-bypass ← 1.2: consequences, description, hasOnlyHackableSafeguards (row 6)',
    );
    expect(result.stdout).toContain(
      '  ! hazop-r100-2023#2.2: every safeguard is hackable (ts-hazop-r100-2023-2-2)',
    );
    expect(result.stdout).toContain('updated plant.yaml');
    expect(result.stderr).not.toContain('pha-defaults-applied');
    const written = text(result.files, 'plant.yaml');
    expect(written).toContain('# Bottling plant: assessment kept by hand');
    const loaded = loadAssessmentText(written, { fileName: 'plant.yaml' });
    if (!loaded.ok) throw new Error('unreadable');
    expect(resolveSystem(loaded.file).ok).toBe(true);
    const file = loaded.file as {
      system: { references: { id: string; title: string }[] };
      threatScenarios: Scenario[];
    };
    expect(file.system.references).toEqual([
      { id: 'pid-line-1', title: 'P&ID line 1' },
      expect.objectContaining({
        id: 'hazop-r100-2023',
        title: 'HAZOP Reactor area R-100, 2023 revalidation',
      }),
    ]);
    const created = file.threatScenarios.find(
      (scenario) => scenario.consequenceReference === 'hazop-r100-2023#2.2',
    );
    expect(created).toMatchObject({
      id: 'ts-hazop-r100-2023-2-2',
      source: 'cybercriminal',
      zone: 'cell-1',
      likelihood: 3,
      consequences: { 'health-safety': 4, environment: 1, financial: 2 },
    });
    expect(created?.description).toContain(ALL_SAFEGUARDS_HACKABLE_MARKER);
    expect(file.threatScenarios[0]).toMatchObject({
      id: 'ts-sis-bypass',
      source: 'nation-state',
      consequences: { 'health-safety': 5, environment: 3, financial: 4 },
    });

    const again = await run(
      ['hazop-r100.csv'],
      { format: 'text', into: 'plant.yaml', map: 'pha-map.yaml' },
      { 'plant.yaml': written },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'study hazop-r100-2023 updated in system.references (5 scenarios); threat scenarios: 0 created, 0 updated, 5 unchanged',
    );
    expect(text(again.files, 'plant.yaml')).toBe(written);
  });

  it('reads an XLSX worksheet', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('LOPA');
    sheet.addRow([
      'Scenario ID',
      'Node',
      'Initiating Event',
      'Consequence',
      'Severity (Safety)',
      'Severity (Environment)',
      'IPLs',
      'Hackable',
    ]);
    sheet.addRow([
      'L-01',
      'Chlorine storage',
      'BPCS loop failure opens XV-301',
      'Chlorine release',
      5,
      4,
      'SIS shutdown XV-302\nScrubber',
      'y\nn',
    ]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const result = await run(['lopa.xlsx'], { format: 'json' }, { 'lopa.xlsx': bytes });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      scenarios: { reference: string; cause: string; severities: Record<string, number> }[];
    };
    expect(json.scenarios).toEqual([
      expect.objectContaining({
        reference: 'lopa#L-01',
        cause: 'BPCS loop failure opens XV-301',
        severities: { 'health-safety': 5, environment: 4 },
      }),
    ]);
  });

  it('exits 2 for a worksheet without a severity column, and for mapping mistakes, writing nothing', async () => {
    const noSeverity = 'Node,Deviation,Consequence,Safeguards\nTank T-1,High level,Overflow,LAH-1\n';
    const missing = await run(
      ['hazop.csv'],
      { format: 'text', into: 'plant.yaml' },
      { 'hazop.csv': noSeverity },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^hazop\.csv:1:1 error pha-missing-column: .*severities/m);
    expect(missing.files.get('plant.yaml')).toBe(fixtures['plant.yaml']);
    const wrong = await run(['hazop-r100.csv'], {
      format: 'text',
      into: 'plant.yaml',
      map: 'pha-map-wrong.yaml',
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /^pha-map-wrong\.yaml:4:\d+ error mapping-invalid-value defaults\.likelihood: /m,
    );
    const category = await run(
      ['hazop-r100.csv'],
      { format: 'text', into: 'plant.yaml', map: 'map.yaml' },
      { 'map.yaml': 'severities:\n  Safety Severity: safety\n' },
    );
    expect(category.code).toBe(2);
    expect(category.stderr).toMatch(
      /^map\.yaml:2:\d+ error mapping-unknown-impact-category severities\.Safety Severity: .*health-safety/m,
    );
    expect(category.files.get('plant.yaml')).toBe(fixtures['plant.yaml']);
  });
});
