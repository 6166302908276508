import { parseSystemFile, type SystemFileInput } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { loadAssessmentText } from './load-assessment-text';
import { saveAssessmentJson, saveAssessmentYaml } from './save-assessment';
import { aFullAssessment } from './testing/full-assessment';

const loadData = (text: string, fileName: string): unknown => {
  const result = loadAssessmentText(text, { fileName });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.file;
};

const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reversedKeys(child)]),
  );
};

const topLevelKeys = (yaml: string): string[] =>
  yaml.split('\n').flatMap((line) => /^([$A-Za-z]+):/.exec(line)?.slice(1, 2) ?? []);

const savers = [
  ['YAML', saveAssessmentYaml, 'assessment.yaml'],
  ['JSON', saveAssessmentJson, 'assessment.json'],
] as const;

describe('saveAssessmentYaml and saveAssessmentJson', () => {
  it('checks that the fixture is a valid file', () => {
    expect(parseSystemFile(aFullAssessment())).toMatchObject({ ok: true, warnings: [] });
  });

  it.each(savers)('round-trips a file with every entity kind through %s', (_format, save, fileName) => {
    const file = aFullAssessment();
    expect(loadData(save(file), fileName)).toEqual(file);
  });

  it.each(savers)('round-trips a parsed file (defaults applied) through %s', (_format, save, fileName) => {
    const parsed = parseSystemFile(aFullAssessment());
    if (!parsed.ok) throw new Error('fixture is invalid');
    expect(parseSystemFile(loadData(save(parsed.value), fileName))).toEqual(parsed);
  });

  it.each(savers)('writes the same %s whatever order the keys were built in', (_format, save) => {
    const file = aFullAssessment();
    expect(save(reversedKeys(file) as SystemFileInput)).toBe(save(file));
  });

  it('writes top-level keys in schema order', () => {
    const { $schema: _schema, ...file } = aFullAssessment();
    expect(topLevelKeys(saveAssessmentYaml(reversedKeys(file) as SystemFileInput))).toEqual([
      'formatVersion',
      'assessment',
      'system',
      'riskCriteria',
      'threatSources',
      'accessPoints',
      'zones',
      'conduits',
      'assets',
      'dataFlows',
      'threatScenarios',
      'vulnerabilities',
      'countermeasures',
      'requirementStatus',
      'triage',
      'approvals',
    ]);
  });

  it('writes entity keys in schema order, id first', () => {
    const yaml = saveAssessmentYaml({
      formatVersion: 1,
      system: { name: 'x' },
      zones: [{ parent: 'b', name: 'A', id: 'a' }],
    });
    expect(yaml).toContain('zones:\n  - id: a\n    name: A\n    parent: b\n');
  });

  it('leaves out empty lists that default to empty, but keeps other empty lists', () => {
    const file: SystemFileInput = {
      formatVersion: 1,
      system: { name: 'x', assumptions: [] },
      threatSources: [],
      zones: [],
      triage: [],
    };
    expect(loadData(saveAssessmentYaml(file), 'a.yaml')).toEqual({
      formatVersion: 1,
      system: { name: 'x', assumptions: [] },
      threatSources: [],
    });
    expect(JSON.parse(saveAssessmentJson(file))).toEqual({
      formatVersion: 1,
      system: { name: 'x', assumptions: [] },
      threatSources: [],
    });
  });

  it('leaves out undefined values', () => {
    const yaml = saveAssessmentYaml({
      formatVersion: 1,
      system: { name: 'x', description: undefined },
    });
    expect(yaml).toBe('formatVersion: 1\nsystem:\n  name: x\n');
  });

  it('writes SL vectors and matrix rows on one line and never folds long text', () => {
    const long = 'word '.repeat(40).trim();
    const yaml = saveAssessmentYaml({
      formatVersion: 1,
      system: { name: long },
      zones: [
        { id: 'a', name: 'A', securityLevelTarget: { levels: [2, 2, 1, 1, 2, 1, 2], justification: 'j' } },
      ],
    });
    expect(yaml).toContain('      levels: [2, 2, 1, 1, 2, 1, 2]\n');
    expect(yaml).toContain(`  name: ${long}\n`);
    expect(saveAssessmentYaml(aFullAssessment())).toContain('  matrix:\n    - [low, low, high]\n');
  });

  it('writes a header comment that loads back as a comment', () => {
    const yaml = saveAssessmentYaml(
      { formatVersion: 1, system: { name: 'x' } },
      { header: 'Imported from a.csv\nby zonewise' },
    );
    expect(yaml.startsWith('# Imported from a.csv\n# by zonewise\n')).toBe(true);
    expect(loadData(yaml, 'a.yaml')).toEqual({ formatVersion: 1, system: { name: 'x' } });
  });

  it('ends JSON with a newline and indents by two spaces', () => {
    expect(saveAssessmentJson({ formatVersion: 1, system: { name: 'x' } })).toBe(
      '{\n  "formatVersion": 1,\n  "system": {\n    "name": "x"\n  }\n}\n',
    );
  });
});
