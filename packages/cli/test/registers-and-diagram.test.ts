import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

const PHARMA = readFileSync(
  new URL('../../../examples/pharma-tablet-plant/assessment.yaml', import.meta.url),
  'utf8',
);

const setup = () => memoryIo({ 'plant.yaml': PHARMA });

describe('zonewise export registers / import registers', () => {
  it('writes a workbook and a CSV folder, and an unedited export imports as unchanged', async () => {
    const { io, files, output } = setup();
    expect(await runCli(['export', 'registers', 'plant.yaml', '-o', 'registers.xlsx'], io)).toBe(0);
    const workbook = files.get('registers.xlsx') as Uint8Array;
    expect([...workbook.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(
      await runCli(['export', 'registers', 'plant.yaml', '--format', 'csv', '-o', 'out', '--bom'], io),
    ).toBe(0);
    expect([...files.keys()].filter((path) => path.startsWith('out/')).sort()).toEqual([
      'out/assets.csv',
      'out/compliance-matrix.csv',
      'out/countermeasures.csv',
      'out/risk-register.csv',
      'out/vulnerabilities.csv',
      'out/zones-conduits.csv',
    ]);
    expect(await runCli(['import', 'registers', 'out', '--into', 'plant.yaml'], io)).toBe(0);
    expect(output.stdout).toContain('out/assets.csv: 0 added, 0 updated');
    expect(files.get('plant.yaml')).toBe(PHARMA);
  });

  it('writes the edited owner into the file and reports it', async () => {
    const { io, files, output } = setup();
    await runCli(['export', 'registers', 'plant.yaml', '--format', 'csv', '-o', 'out'], io);
    const csv = new TextDecoder().decode(files.get('out/assets.csv') as Uint8Array);
    const [header, first, ...rest] = csv.split('\r\n');
    const id = first?.split(',')[0] ?? '';
    files.set(
      'out/assets.csv',
      [header, `${first?.replace(/,[^,]*$/, ',Night shift lead')}`, ...rest].join('\r\n'),
    );
    expect(await runCli(['import', 'registers', 'out/assets.csv', '--into', 'plant.yaml'], io)).toBe(0);
    expect(output.stdout).toContain(`~ row 2 ${id}: owner`);
    expect(files.get('plant.yaml')).toContain('owner: Night shift lead');
  });

  it('writes nothing and exits 2 when a row names an unknown id', async () => {
    const { io, files, output } = setup();
    await runCli(['export', 'registers', 'plant.yaml', '--format', 'csv', '-o', 'out'], io);
    const csv = new TextDecoder().decode(files.get('out/vulnerabilities.csv') as Uint8Array);
    files.set('out/vulnerabilities.csv', csv.replace(/\r\n[^,]+,/, '\r\nghost-vulnerability,'));
    expect(await runCli(['import', 'registers', 'out', '--into', 'plant.yaml'], io)).toBe(2);
    expect(output.stderr).toMatch(/out\/vulnerabilities\.csv:2:1 error register-unknown-id/);
    expect(files.get('plant.yaml')).toBe(PHARMA);
  });
});

describe('zonewise diagram', () => {
  it('writes an SVG and a PNG', async () => {
    const { io, files } = setup();
    expect(await runCli(['diagram', 'plant.yaml', '-o', 'zones.svg'], io)).toBe(0);
    expect(String(files.get('zones.svg'))).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(await runCli(['diagram', 'plant.yaml', '-o', 'zones.png', '--width', '800'], io)).toBe(0);
    const png = files.get('zones.png') as Uint8Array;
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('refuses an output that is neither SVG nor PNG', async () => {
    const { io, output } = setup();
    expect(await runCli(['diagram', 'plant.yaml', '-o', 'zones.pdf'], io)).toBe(2);
    expect(output.stderr).toContain('.svg or .png');
  });
});
