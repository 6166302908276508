import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

/** `--format json --into`: every importer that merges prints one JSON document saying what it merged. */

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const IMPORT_FIXTURES = join(import.meta.dirname, 'fixtures', 'import');
const fixtures: Record<string, string | Uint8Array> = Object.fromEntries(
  readdirSync(IMPORT_FIXTURES).map((name) => [
    name,
    new Uint8Array(readFileSync(join(IMPORT_FIXTURES, name))),
  ]),
);

const PLANT = `formatVersion: 1
system:
  name: JSON import plant # kept
zones:
  - id: control
    name: Control
    boundary:
      logical: VLAN 12, 10.100.1.0/24
assets:
  - id: hmi
    name: Line HMI
    kind: hmi
    zone: control
    interfaces: [{ ip: 10.1.1.167 }]
threatScenarios:
  - id: ts-default
    title: Default credentials on the line HMI web server
    source: cybercriminal
    targets: [hmi]
    likelihood: 3
`;

const run = async (argv: string[], files: Record<string, string | Uint8Array>) => {
  const { io, output, files: store } = memoryIo(files);
  const code = await runCli(argv, io);
  return { code, ...output, files: store };
};

const json = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

describe('zonewise import <kind> --format json --into', () => {
  it('capture: prints the assets and flows it merged as JSON, and writes the file', async () => {
    const capture = readFileSync(
      join(
        import.meta.dirname,
        '..',
        '..',
        'formats',
        'test',
        'fixtures',
        'captures',
        'enip_cip_example.pcap',
      ),
    );
    const result = await run(
      ['import', 'capture', 'plant.pcap', '--into', 'plant.yaml', '--format', 'json'],
      {
        'plant.pcap': capture,
        'plant.yaml': PLANT,
      },
    );
    expect(result.code).toBe(0);
    const document = json(result.stdout) as {
      into: string;
      written: boolean;
      captures: { assetsAdded: string[] }[];
    };
    expect(document).toMatchObject({ into: 'plant.yaml', written: true });
    expect(document.captures[0]?.assetsAdded.length).toBeGreaterThan(0);
    expect(String(result.files.get('plant.yaml'))).toContain('# kept');
  });

  it('firewall: prints the zones and conduits it added as JSON', async () => {
    const water = 'water_treatment_secure.xml';
    const result = await run(['import', 'firewall', water, '--into', 'plant.yaml', '--format', 'json'], {
      [water]: readFileSync(join(SHARED, 'ot-firewall-configs', water), 'utf8'),
      'plant.yaml': PLANT,
    });
    expect(result.code).toBe(0);
    const document = json(result.stdout) as {
      zonesAdded: string[];
      conduitsAdded: string[];
      skipped: unknown[];
    };
    expect(document.zonesAdded).toContain('historian-dmz');
    expect(document.conduitsAdded.length).toBeGreaterThan(0);
    expect(document.skipped).toContainEqual(
      expect.objectContaining({ kind: 'zone', id: 'scada-network-level-2-control' }),
    );
  });

  it('inventory: prints the per-file summary as JSON', async () => {
    const result = await run(
      [
        'import',
        'inventory',
        'claroty-assets.csv',
        '--map',
        'inventory-map.yaml',
        '--into',
        'plant.yaml',
        '--format',
        'json',
      ],
      fixtures,
    );
    expect(result.code).toBe(0);
    const document = json(result.stdout) as { files: { file: string; summary: { added: unknown[] } }[] };
    expect(document.files[0]?.file).toBe('claroty-assets.csv');
    expect(document.files[0]?.summary.added).toHaveLength(4);
  });

  it('pha: prints the study summary with the all-hackable scenarios as JSON', async () => {
    const result = await run(
      [
        'import',
        'pha',
        'hazop-r100.csv',
        '--map',
        'pha-map.yaml',
        '--into',
        'plant.yaml',
        '--format',
        'json',
      ],
      fixtures,
    );
    expect(result.code).toBe(0);
    const document = json(result.stdout) as {
      summaries: { created: unknown[]; allSafeguardsHackable: { scenario: string }[] }[];
    };
    expect(document.summaries[0]?.created).toHaveLength(4);
    expect(document.summaries[0]?.allSafeguardsHackable.map((entry) => entry.scenario)).toEqual([
      '1.2',
      '2.2',
    ]);
  });

  it('pha: marks all-hackable scenarios in the model, and assess reports them as zone findings', async () => {
    const { io, output, files } = memoryIo(fixtures);
    const argv = ['import', 'pha', 'hazop-r100.csv', '--map', 'pha-map.yaml', '--into', 'plant.yaml'];
    expect(await runCli([...argv, '--format', 'json'], io)).toBe(0);
    expect(String(files.get('plant.yaml'))).toContain('hasOnlyHackableSafeguards: true');
    output.stdout = '';
    expect(await runCli(['assess', 'plant.yaml', '--format', 'json'], io)).toBe(0);
    const assessment = JSON.parse(output.stdout) as { findings: { id: string }[] };
    expect(
      assessment.findings
        .map((finding) => finding.id)
        .filter((id) => id.startsWith('zone/all-safeguards-hackable')),
    ).toEqual([
      'zone/all-safeguards-hackable@cell-1#ts-hazop-r100-2023-2-2',
      'zone/all-safeguards-hackable@supervisory#ts-sis-bypass',
    ]);
  });

  it('attack: prints the scenarios whose techniques it filled as JSON', async () => {
    const bundle = 'ics-attack-18.1.json';
    const result = await run(['import', 'attack', bundle, '--into', 'plant.yaml', '--format', 'json'], {
      [bundle]: readFileSync(join(SHARED, 'mitre-attack-ics', bundle), 'utf8'),
      'plant.yaml': PLANT,
    });
    expect(result.code).toBe(0);
    const document = json(result.stdout) as { filled: { scenario: string; techniques: { id: string }[] }[] };
    expect(document.filled.map((entry) => entry.scenario)).toEqual(['ts-default']);
  });

  it('prints nothing on stdout and writes nothing when the merge would make the file invalid', async () => {
    const broken = `${PLANT}  - id: ts-default\n    title: Duplicate\n    source: cybercriminal\n    targets: [hmi]\n    likelihood: 1\n`;
    const bundle = 'ics-attack-18.1.json';
    const result = await run(['import', 'attack', bundle, '--into', 'plant.yaml', '--format', 'json'], {
      [bundle]: readFileSync(join(SHARED, 'mitre-attack-ics', bundle), 'utf8'),
      'plant.yaml': broken,
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.files.get('plant.yaml')).toBe(broken);
  });
});
