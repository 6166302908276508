import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAssessmentText } from '@zonewise/formats';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonFile, writeYamlFile, yamlScalar } from './model-files';
import { generateSyntheticModel } from './synthetic-model';

const load = (text: string, fileName: string): unknown => {
  const loaded = loadAssessmentText(text, { fileName });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  return loaded.file;
};

const dir = mkdtempSync(join(tmpdir(), 'zonewise-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model files', () => {
  const { file } = generateSyntheticModel({ assets: 200 });
  const expected = JSON.parse(JSON.stringify(file)) as unknown;

  it('writes JSON that parses back to the same document', () => {
    const path = join(dir, 'model.json');
    const bytes = writeJsonFile(path, file);
    const text = readFileSync(path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(bytes);
    expect(load(text, 'model.json')).toEqual(expected);
  });

  it('writes YAML that parses back to the same document', () => {
    const path = join(dir, 'model.yaml');
    writeYamlFile(path, file, 'test');
    expect(load(readFileSync(path, 'utf8'), 'model.yaml')).toEqual(expected);
  });

  it('quotes scalars a YAML reader would take for something else', () => {
    for (const value of [
      'yes',
      'No',
      'null',
      '10.0.0.1',
      '1.0',
      'a: b',
      '# x',
      '',
      ' lead',
      'SR 1.1',
      '{2 2}',
    ]) {
      expect(load(`v: ${yamlScalar(value)}\n`, 'scalar.yaml'), value).toEqual({ v: value });
    }
    expect(yamlScalar('plc-1')).toBe('plc-1');
  });
});
