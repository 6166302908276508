import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../src/io';
import { runCli } from '../src/main';

const PHARMA = readFileSync(
  new URL('../../../examples/pharma-tablet-plant/assessment.yaml', import.meta.url),
  'utf8',
);

describe('zonewise import registers: model changed since the export', () => {
  it('warns register-model-changed only when the model differs from the exported one, and still imports', async () => {
    const { io, files, output } = memoryIo({ 'plant.yaml': PHARMA });
    expect(await runCli(['export', 'registers', 'plant.yaml', '-o', 'registers.xlsx'], io)).toBe(0);
    expect(await runCli(['import', 'registers', 'registers.xlsx', '--into', 'plant.yaml'], io)).toBe(0);
    expect(output.stderr).not.toContain('register-model-changed');

    const match = /^(\s*name:\s*)(.+)$/m.exec(PHARMA);
    if (match?.[1] === undefined) throw new Error('the example has no name line');
    const changed = PHARMA.replace(match[0], `${match[1]}Renamed plant`);
    files.set('plant.yaml', changed);
    expect(await runCli(['import', 'registers', 'registers.xlsx', '--into', 'plant.yaml'], io)).toBe(0);
    expect(output.stderr).toMatch(/warning register-model-changed/);
    expect(files.get('plant.yaml')).toBe(changed);
  }, 60_000);
});
