import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeJsonFile, writeYamlFile, yamlScalar } from './model-files';
import { generateSyntheticModel } from './synthetic-model';

// The YAML reader of @zonewise/formats (its dependency, hoisted to the root); the root package.json does not list it,
// so it is loaded by name at run time rather than declared as a bench dependency.
const YAML_PACKAGE: string = 'yaml';
const { parse } = (await import(YAML_PACKAGE)) as { parse: (text: string) => unknown };

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
    expect(JSON.parse(text)).toEqual(expected);
  });

  it('writes YAML that parses back to the same document', () => {
    const path = join(dir, 'model.yaml');
    writeYamlFile(path, file, 'test');
    expect(parse(readFileSync(path, 'utf8'))).toEqual(expected);
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
      expect(parse(`v: ${yamlScalar(value)}`), value).toEqual({ v: value });
    }
    expect(yamlScalar('plc-1')).toBe('plc-1');
  });
});
