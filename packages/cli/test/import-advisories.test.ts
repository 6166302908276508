import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importAdvisoriesCommand, type ImportAdvisoriesOptions } from '../src/commands/import-advisories';
import { CliError } from '../src/exit-codes';
import { memoryIo, type CliIo } from '../src/io';

/** ../shared/data: the CISA CSAF advisories and KEV catalog are read from there, as a user would pass them. */
const shared = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const ENBT_ADVISORY = 'cisa-csaf/selected-2017-2023/2018/icsa-18-310-02.json';
const KEV = 'cisa-kev/known_exploited_vulnerabilities.json';

const PLANT = `formatVersion: 1
system:
  name: EtherNet/IP test plant
zones:
  - id: control
    name: Control
assets:
  # Identified in the EtherNet/IP capture (ListIdentity).
  - id: enbt-1
    name: ControlLogix EtherNet/IP module
    kind: io-module
    zone: control
    vendor: Rockwell Automation/Allen-Bradley
    product: 1756-ENBT/A
    version: "6.006"
  - id: ups-1
    name: UPS monitoring server
    kind: server
    zone: control
    vendor: Delta Electronics, Inc.
    product: InfraSuite Device Master
    version: 1.0.5
  - id: clone-1
    name: Look-alike module
    kind: io-module
    zone: control
    vendor: Acme Industrial
    product: 1756-ENBT/A
    version: "6.006"
  - id: hmi-1
    name: Operator panel
    kind: hmi
    zone: control
`;

/** Memory IO for the assessment and test inputs; everything else is read from ../shared/data on disk. */
const sharedIo = (files: Record<string, string> = {}) => {
  const memory = memoryIo({ 'plant.yaml': PLANT, ...files });
  const readText = (path: string): string => {
    if (memory.files.has(path)) return memory.io.readText(path);
    try {
      return readFileSync(resolve(shared, path), 'utf8');
    } catch {
      throw new CliError(`${path}: no such file: check the path.`);
    }
  };
  const io: CliIo = { ...memory.io, cwd: shared, readText };
  return { ...memory, io };
};

const run = async (
  inputs: string[],
  options: Partial<ImportAdvisoriesOptions>,
  files?: Record<string, string>,
) => {
  const { io, output, files: store } = sharedIo(files);
  const code = await importAdvisoriesCommand(io, inputs, { format: 'text', ...options });
  return { code, ...output, files: store };
};

interface PlantFile {
  vulnerabilities?: {
    id: string;
    cve?: string;
    advisory?: string;
    assets: string[];
    cvss?: { version: string; score: number; vector?: string };
    isKnownExploited?: boolean;
    remediation?: string;
  }[];
}
const plantOf = (store: Map<string, string | Uint8Array>): PlantFile =>
  parse(String(store.get('plant.yaml'))) as PlantFile;

describe('zonewise import advisories --into', () => {
  it('links the 1756-ENBT/A module to ICSA-18-310-02 / CVE-2018-17924 and writes the vulnerability', async () => {
    const result = await run([ENBT_ADVISORY], { into: 'plant.yaml' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^enbt-1 {2}ICSA-18-310-02 {2}CVE-2018-17924 {2}CVSS 3\.0 8\.6 {2}high/m);
    expect(result.stdout).toContain('added 1 vulnerability');
    expect(result.stdout).toContain('known-exploited flags not set');
    const vulnerability = plantOf(result.files).vulnerabilities?.find(
      (item) => item.cve === 'CVE-2018-17924',
    );
    expect(vulnerability).toMatchObject({
      id: 'vuln-cve-2018-17924',
      advisory: 'ICSA-18-310-02',
      assets: ['enbt-1'],
      cvss: { version: '3.0', score: 8.6, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H' },
    });
    expect(vulnerability).not.toHaveProperty('isKnownExploited');
    expect(String(result.files.get('plant.yaml'))).toContain('# Identified in the EtherNet/IP capture');
  });

  it('matches a folder of advisories with the KEV flag and never the look-alike vendor', async () => {
    const result = await run(['cisa-csaf'], { into: 'plant.yaml', kev: KEV, format: 'json' });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      matches: { assetId: string; cve?: string }[];
      added: string[];
    };
    expect(report.matches.some((match) => match.assetId === 'clone-1')).toBe(false);
    expect(report.added).toEqual(expect.arrayContaining(['vuln-cve-2018-17924', 'vuln-cve-2023-46604']));
    const vulnerabilities = plantOf(result.files).vulnerabilities ?? [];
    expect(vulnerabilities.find((item) => item.cve === 'CVE-2023-46604')).toMatchObject({
      assets: ['ups-1'],
      advisory: 'ICSA-24-130-03',
      isKnownExploited: true,
    });
    expect(vulnerabilities.find((item) => item.cve === 'CVE-2018-17924')?.isKnownExploited).toBe(false);
    expect(result.stderr).toMatch(/^read 512 files: 511 advisories, 0 invalid, 1 not CSAF/m);
    expect(result.stderr).toMatch(
      /^cisa-csaf\/cisa-csaf-ot-feed-tlp-white\.json warning csaf-not-a-document/m,
    );
  });

  it('updates rather than duplicates on a second run', async () => {
    const first = await run([ENBT_ADVISORY], { into: 'plant.yaml' });
    const again = await run(
      [ENBT_ADVISORY],
      { into: 'plant.yaml' },
      { 'plant.yaml': String(first.files.get('plant.yaml')) },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('added 0 vulnerabilities, updated 0, unchanged 1');
    expect(plantOf(again.files).vulnerabilities).toHaveLength(1);
  });

  it('reports an advisory with a wrong base score and still imports it with the computed score', async () => {
    const document = JSON.parse(readFileSync(resolve(shared, ENBT_ADVISORY), 'utf8')) as {
      vulnerabilities: { scores: { cvss_v3: { baseScore: number } }[] }[];
    };
    const score = document.vulnerabilities[0]?.scores[0]?.cvss_v3;
    if (score) score.baseScore = 9.9;
    const result = await run(
      ['wrong-score.json'],
      { into: 'plant.yaml' },
      { 'wrong-score.json': JSON.stringify(document) },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^wrong-score\.json warning cvss-score-mismatch vulnerabilities\[0\]\.scores\[0\]\.cvss_v3\.baseScore: ICSA-18-310-02 CVE-2018-17924/m,
    );
    expect(plantOf(result.files).vulnerabilities?.[0]?.cvss?.score).toBe(8.6);
  });

  it('reports an invalid CSAF file with its path and code, skips it and imports the rest', async () => {
    const document = JSON.parse(readFileSync(resolve(shared, ENBT_ADVISORY), 'utf8')) as {
      document: { category: string };
    };
    document.document.category = 'csaf_security_advisory_typo';
    const result = await run(
      ['broken.json', ENBT_ADVISORY],
      { into: 'plant.yaml' },
      {
        'broken.json': JSON.stringify(document),
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^broken\.json error csaf-invalid document\.category: mandatory test 6\.1\.26/m,
    );
    expect(result.stderr).toContain('broken.json: not a valid CSAF 2.0 document, skipped.');
    expect(plantOf(result.files).vulnerabilities).toHaveLength(1);
  });

  it('writes fuzzy matches only with --min-confidence low', async () => {
    const plant = PLANT.replace('product: InfraSuite Device Master', 'product: InfraSuite');
    const medium = await run(
      ['cisa-csaf/2024/icsa-24-130-03.json'],
      { into: 'plant.yaml' },
      { 'plant.yaml': plant },
    );
    expect(medium.stdout).toMatch(/skipped \d+ match(es)? below --min-confidence medium/);
    expect(plantOf(medium.files).vulnerabilities ?? []).toEqual([]);
    const low = await run(
      ['cisa-csaf/2024/icsa-24-130-03.json'],
      { into: 'plant.yaml', minConfidence: 'low' },
      {
        'plant.yaml': plant,
      },
    );
    expect(plantOf(low.files).vulnerabilities?.map((item) => item.assets)).toContainEqual(['ups-1']);
  });
});

describe('zonewise import advisories without --into', () => {
  it('prints advisory statistics with the KEV count', async () => {
    const result = await run(['cisa-csaf/2024'], { kev: KEV });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^344 advisories, \d+ vulnerabilities/m);
    expect(result.stdout).toMatch(/Known exploited \(CISA KEV\): \d+ CVEs/);
    expect(result.stdout).toContain('CVE-2023-44487  ICSA-24-074-05, ICSA-24-165-04, ICSA-24-228-06');
  });

  it('prints statistics as JSON', async () => {
    const result = await run([ENBT_ADVISORY], { format: 'json' });
    const report = JSON.parse(result.stdout) as {
      files: { files: number };
      statistics: { advisories: number };
    };
    expect(report).toMatchObject({ files: { files: 1 }, statistics: { advisories: 1 } });
  });

  it('skips checksum and signature sidecars in a folder', async () => {
    const result = await run(['cisa-csaf/2024'], {});
    expect(result.stderr).not.toMatch(/\.sha512/);
  });
});

describe('zonewise import advisories with nothing to read', () => {
  it('exits 2 when no file is a CSAF advisory', async () => {
    const result = await run(['notes.json'], {}, { 'notes.json': '{"a": 1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^notes\.json:1:8 error invalid-json/m);
    expect(result.stderr).toContain('no CSAF advisory could be read');
  });

  it('exits 2 for a missing file', async () => {
    const result = await run(['nowhere.json'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nowhere.json: no such file');
  });

  it('exits 2 when the KEV file is not the KEV catalog', async () => {
    const result = await run([ENBT_ADVISORY], { kev: 'kev.json' }, { 'kev.json': '{"cves": []}' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^kev\.json error kev-invalid/m);
  });

  it('refuses to run without inputs', async () => {
    await expect(run([], {})).rejects.toThrow(CliError);
  });
});
