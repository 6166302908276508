import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCommand } from '../src/commands/demo';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

const root = join(import.meta.dirname, '..', '..', '..');
const PHARMA = 'examples/pharma-tablet-plant/assessment.yaml';
const WATER = 'examples/water-treatment/assessment.yaml';
const examples = {
  [PHARMA]: readFileSync(join(root, PHARMA), 'utf8'),
  [WATER]: readFileSync(join(root, WATER), 'utf8'),
};
const brokenDir = join(import.meta.dirname, 'fixtures', 'broken');
const broken = Object.fromEntries(
  readdirSync(brokenDir).map((name) => [`broken/${name}`, readFileSync(join(brokenDir, name), 'utf8')]),
);

const run = async (argv: string[], files: Record<string, string> = {}) => {
  const { io, output, files: store } = memoryIo({ ...examples, ...broken, ...files });
  const code = await runCli(argv, io);
  return { code, ...output, files: store };
};

describe('zonewise validate', () => {
  it('accepts both examples', async () => {
    const result = await run(['validate', PHARMA, WATER]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${PHARMA}: valid`);
    expect(result.stdout).toContain(`${WATER}: valid`);
  });

  it.each([
    ['bad-yaml.yaml', 'invalid-yaml'],
    ['unknown-reference.yaml', 'unknown-reference'],
    ['duplicate-id.yaml', 'duplicate-id'],
    ['wrong-type.yaml', 'invalid-type'],
    ['asset-in-two-zones.yaml', 'asset-in-two-zones'],
    ['conduit-joins-one-zone.yaml', 'conduit-joins-one-zone'],
    ['flow-without-conduit.yaml', 'flow-without-conduit'],
  ])('rejects %s with code %s, a line and a column, and exit 2', async (file, code) => {
    const result = await run(['validate', `broken/${file}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^broken/${file.replace('.', '\\.')}:\\d+:\\d+ error ${code}\\b`, 'm'),
    );
  });

  it('exits 2 with a clear message for a missing file', async () => {
    const result = await run(['validate', 'nowhere.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nowhere.yaml: no such file');
  });
});

describe('zonewise assess', () => {
  it('prints a summary of every ZCR step', async () => {
    const result = await run(['assess', PHARMA]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SL-T (ZCR 5.6)');
    expect(result.stdout).toContain('zone/wireless-devices-mixed@packaging-control');
  });

  it('prints the full results as JSON', async () => {
    const result = await run(['assess', WATER, '--format', 'json']);
    const assessment = JSON.parse(result.stdout) as {
      modelSha256: string;
      targets: unknown[];
      findings: unknown[];
    };
    expect(assessment.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(assessment.targets.length).toBeGreaterThan(0);
  });

  it('gives the same JSON twice (deterministic)', async () => {
    const first = await run(['assess', PHARMA, '--format', 'json']);
    const second = await run(['assess', PHARMA, '--format', 'json']);
    expect(first.stdout).toBe(second.stdout);
  });

  it('fails the residual-above-tolerable gate with exit 1 when a residual risk is above tolerable', async () => {
    const result = await run(['assess', PHARMA, '--fail-on', 'residual-above-tolerable']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('gate residual-above-tolerable: FAILED');
  });

  it('passes a gate that holds', async () => {
    const result = await run(['assess', PHARMA, '--fail-on', 'findings:critical']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('gate findings:critical: passed');
  });

  it('rejects an unknown gate with exit 2', async () => {
    const result = await run(['assess', PHARMA, '--fail-on', 'everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown gate');
  });

  it('exits 2 on an invalid file', async () => {
    const result = await run(['assess', 'broken/duplicate-id.yaml']);
    expect(result.code).toBe(2);
  });
});

describe('zonewise report', () => {
  it('writes a self-contained HTML report', async () => {
    const result = await run([
      'report',
      PHARMA,
      '--format',
      'html',
      '-o',
      'out/report.html',
      '--generated-at',
      '2026-11-25T10:00:00Z',
    ]);
    expect(result.code).toBe(0);
    const html = String(result.files.get('out/report.html'));
    expect(html).toContain('<svg');
    expect(html).toContain('Lindenau');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('writes Markdown and the CRS alone', async () => {
    const md = await run(['report', WATER, '--format', 'md', '--generated-at', '2026-11-25T10:00:00Z']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# /m);
    const crs = await run([
      'report',
      WATER,
      '--document',
      'crs',
      '--format',
      'md',
      '--generated-at',
      '2026-11-25T10:00:00Z',
    ]);
    expect(crs.code).toBe(0);
    expect(crs.stdout.length).toBeLessThan(md.stdout.length);
  });

  it('rejects a date that is not a date', async () => {
    const result = await run(['report', WATER, '--generated-at', 'yesterday']);
    expect(result.code).toBe(2);
  });
});

describe('zonewise diff', () => {
  it('reports no change for the same model', async () => {
    const result = await run(['diff', WATER, WATER]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No change to the model');
  });

  it('reports the model change and what it changed in the results', async () => {
    const changed = examples[PHARMA].replace('protocol: umas', 'protocol: modbus-tcp');
    const result = await run(['diff', PHARMA, 'changed.yaml', '--format', 'json'], {
      'changed.yaml': changed,
    });
    expect(result.code).toBe(0);
    const diff = JSON.parse(result.stdout) as {
      modelSha256: { isChanged: boolean };
      entities: { changes: { id: string; change: string; fields: string[] }[] };
      results: { findings: { resolved: { id: string }[] } };
    };
    expect(diff.modelSha256.isChanged).toBe(true);
    expect(diff.entities.changes).toContainEqual(
      expect.objectContaining({
        id: 'f-scada-packaging-plc-download',
        change: 'changed',
        fields: ['protocol'],
      }),
    );
    expect(diff.results.findings.resolved.map((finding) => finding.id)).toContain(
      'data-flow/not-allowed-by-conduit@f-scada-packaging-plc-download',
    );
  });
});

describe('zonewise explain', () => {
  it('explains a rule', async () => {
    const result = await run(['explain', 'zone/safety-assets-mixed']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('zone/safety-assets-mixed');
    expect(result.stdout).toContain('ZCR 3.3');
  });

  it('explains a requirement, a threat rule, an FR and a pattern', async () => {
    for (const id of [
      'SR 1.1 RE 2',
      'threat/external-access-compromise',
      'FR5',
      'pattern:vendor-remote-access',
    ]) {
      const result = await run(['explain', id]);
      expect(result.code, id).toBe(0);
    }
  });

  it('explains a finding in the context of a file', async () => {
    const result = await run(['explain', 'zone/wireless-devices-mixed@packaging-control', '--file', PHARMA]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wap-pack');
  });

  it('suggests the closest id for a typo, with exit 2', async () => {
    const result = await run(['explain', 'zone/safety-asets-mixed']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "zone/safety-assets-mixed"');
  });
});

describe('zonewise schema', () => {
  it('prints the JSON Schema of the file format', async () => {
    const result = await run(['schema']);
    const schema = JSON.parse(result.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('json-schema.org');
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['formatVersion', 'zones', 'conduits']),
    );
  });
});

describe('zonewise init', () => {
  it('scaffolds a file that validates', async () => {
    const created = await run(['init', 'my-plant']);
    expect(created.code).toBe(0);
    const text = String(created.files.get('my-plant/assessment.yaml'));
    const validated = await run(['validate', 'my-plant/assessment.yaml'], {
      'my-plant/assessment.yaml': text,
    });
    expect(validated.code).toBe(0);
  });

  it('adds integration-pattern conduits that follow their pattern', async () => {
    const created = await run([
      'init',
      'plant',
      '--template',
      'vendor-remote-access,historian-dmz-replication,cloud-one-way',
    ]);
    expect(created.code).toBe(0);
    const text = String(created.files.get('plant/assessment.yaml'));
    const assessed = await run(['assess', 'plant/assessment.yaml', '--format', 'json'], {
      'plant/assessment.yaml': text,
    });
    expect(assessed.code).toBe(0);
    const assessment = JSON.parse(assessed.stdout) as {
      findings: { ruleId: string }[];
      counts: { conduits: number };
    };
    expect(assessment.counts.conduits).toBe(4);
    expect(assessment.findings.map((finding) => finding.ruleId)).not.toContain('conduit/pattern-deviation');
  });

  it('refuses an unknown pattern and an existing file', async () => {
    expect((await run(['init', 'x', '--template', 'nope'])).code).toBe(2);
    expect((await run(['init', 'x'], { 'x/assessment.yaml': 'keep me' })).code).toBe(2);
  });
});

describe('zonewise rules and demo', () => {
  it('lists rules, threat rules and patterns', async () => {
    const result = await run(['rules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('data-flow/cross-zone-without-conduit');
    expect(result.stdout).toContain('pattern:cloud-one-way');
  });

  it('keeps docs/rules.md in step with the registry', async () => {
    const result = await run(['rules', '--format', 'md']);
    expect(readFileSync(join(root, 'docs', 'rules.md'), 'utf8')).toBe(result.stdout);
  });

  it('writes the demo reports', () => {
    const { io, output, files } = memoryIo(examples);
    const code = demoCommand(io, { out: 'demo', example: PHARMA });
    expect(code).toBe(0);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['demo/report.html', 'demo/report.md', 'demo/assessment.json']),
    );
    expect(output.stdout).toContain('demo/report.html');
  });
});
