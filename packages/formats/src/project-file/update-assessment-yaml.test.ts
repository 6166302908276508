import { parseSystemFile, type SystemFileInput } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { loadAssessmentText } from './load-assessment-text';
import { saveAssessmentYaml } from './save-assessment';
import { aFullAssessment } from './testing/full-assessment';
import { updateAssessmentYaml } from './update-assessment-yaml';

const original = `# Line 4 assessment, kept by hand
formatVersion: 1

# ZCR 1.1: the system under consideration
system:
  name: Line 4 # short name
  description: 'Press and coater'
  assumptions: [Cabinets are locked]
  references: # ZCR 5.13
    - id: hazop-7
      title: HAZOP study 7

zones:
  # the DMZ comes first
  - id: dmz
    name: DMZ
  # the cell
  - id: control
    name: Control # as on the drawings

assets:
  - id: plc-1
    name: Press PLC
    kind: plc
    zone: control
`;

type Data = {
  formatVersion: 1;
  system: { name: string; description?: string; assumptions?: string[]; references?: unknown[] };
  zones: { id: string; name: string }[];
  assets: { id: string; name: string; kind: string; zone: string; isInScope?: boolean }[];
  [key: string]: unknown;
};

const load = (text: string): Data => {
  const result = loadAssessmentText(text, { fileName: 'a.yaml' });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.file as Data;
};

const update = (text: string, file: unknown): string => {
  const result = updateAssessmentYaml(text, file as SystemFileInput);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
};

describe('updateAssessmentYaml', () => {
  it('returns the text unchanged when the data did not change', () => {
    expect(update(original, load(original))).toBe(original);
  });

  it('sets changed values in place and keeps every comment, blank line and quote style', () => {
    const file = load(original);
    file.system.name = 'Line 4 (2027)';
    file.system.description = 'Press, coater and blister';
    file.zones[1] = { id: 'control', name: 'Cell 4' };
    const text = update(original, file);
    expect(text).toBe(
      original
        .replace('name: Line 4 # short name', 'name: Line 4 (2027) # short name')
        .replace("description: 'Press and coater'", "description: 'Press, coater and blister'")
        .replace('name: Control # as on the drawings', 'name: Cell 4 # as on the drawings'),
    );
    expect(load(text)).toEqual(file);
  });

  it('keeps a comment that follows a key on its line when the value under it changes', () => {
    const file = load(original);
    file.system.references = [{ id: 'hazop-8', title: 'HAZOP study 8' }];
    expect(update(original, file)).toBe(
      original.replace(
        '    - id: hazop-7\n      title: HAZOP study 7',
        '    - id: hazop-8\n      title: HAZOP study 8',
      ),
    );
  });

  it('matches entities by id, so comments move with their entity and new ones are appended', () => {
    const file = load(original);
    file.zones = [
      { id: 'control', name: 'Control' },
      { id: 'dmz', name: 'DMZ' },
      { id: 'safety', name: 'Safety' },
    ];
    const text = update(original, file);
    expect(text).toContain(
      [
        'zones:',
        '  # the cell',
        '  - id: control',
        '    name: Control # as on the drawings',
        '  # the DMZ comes first',
        '  - id: dmz',
        '    name: DMZ',
        '  - id: safety',
        '    name: Safety',
        '',
      ].join('\n'),
    );
    expect(load(text)).toEqual(file);
  });

  it('deletes removed entities and keys', () => {
    const file = load(original);
    file.zones = [{ id: 'control', name: 'Control' }];
    delete file.system.description;
    const text = update(original, file);
    expect(text).not.toContain('dmz');
    expect(text).not.toContain('description');
    expect(text).toContain('  # the cell\n  - id: control\n');
    expect(load(text)).toEqual(file);
  });

  it('inserts new keys where the schema puts them and skips values equal to their default', () => {
    const file = {
      ...load(original),
      assessment: { title: 'RA' },
      conduits: [{ id: 'dmz-control', name: 'DMZ to control', zones: ['dmz', 'control'] }],
      triage: [],
    };
    file.assets.push({ id: 'plc-2', name: 'Spare PLC', kind: 'plc', zone: 'control', isInScope: false });
    file.assets[0] = { ...file.assets[0]!, isInScope: true };
    const text = update(original, file);
    expect(text.indexOf('assessment:')).toBeGreaterThan(text.indexOf('formatVersion:'));
    expect(text.indexOf('assessment:')).toBeLessThan(text.indexOf('system:'));
    expect(text.indexOf('conduits:')).toBeGreaterThan(text.indexOf('zones:'));
    expect(text.indexOf('conduits:')).toBeLessThan(text.indexOf('assets:'));
    expect(text).toContain('formatVersion: 1\n\nassessment:\n  title: RA\n\n# ZCR 1.1');
    expect(text).toContain('\n\nconduits:\n');
    expect(text).not.toContain('triage');
    expect(text).toContain('    zone: control\n  - id: plc-2\n');
    expect(text).toContain('    zone: control\n    isInScope: false\n');
    const { triage: _triage, ...withoutDefaults } = file;
    withoutDefaults.assets[0] = { id: 'plc-1', name: 'Press PLC', kind: 'plc', zone: 'control' };
    expect(load(text)).toEqual(withoutDefaults);
  });

  it('turns an empty inline list into a block list when mappings are added to it', () => {
    const text = 'formatVersion: 1\nsystem:\n  name: x\n  regulations: [] # ZCR 6.9\n';
    const file = { formatVersion: 1, system: { name: 'x', regulations: [{ id: 'nis2', title: 'NIS2' }] } };
    const updated = update(text, file);
    expect(updated).toContain('  regulations:');
    expect(updated).toContain('    - id: nis2\n      title: NIS2\n');
    expect(load(updated)).toEqual(file);
  });

  it('keeps inline lists of plain values inline', () => {
    const file = load(original);
    file.system.assumptions = ['Cabinets are locked', 'No wireless'];
    expect(update(original, file)).toContain('  assumptions: [Cabinets are locked, No wireless]\n');
  });

  it('keeps lists written flush with their key flush', () => {
    const text = 'formatVersion: 1\nsystem:\n  name: x\nzones:\n- id: a\n  name: A # first\n';
    const file = {
      formatVersion: 1,
      system: { name: 'x' },
      zones: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
    };
    const updated = update(text, file);
    expect(updated).toBe(`${text}- id: b\n  name: B\n`);
  });

  it('replaces a value whose type changed and keeps its comment', () => {
    const text =
      'formatVersion: 1\nsystem:\n  name: x\nthreatSources:\n  - id: t\n    name: T\n    capability: "2" # was text\n';
    const file = {
      formatVersion: 1,
      system: { name: 'x' },
      threatSources: [{ id: 't', name: 'T', capability: 2 }],
    };
    const updated = update(text, file);
    expect(updated).toContain('    capability: 2 # was text\n');
    expect(load(updated)).toEqual(file);
  });

  it('writes the new data where the file shares a value through an anchor and alias', () => {
    const text = [
      'formatVersion: 1',
      'system:',
      '  name: x',
      '  assumptions: &common [Locked cabinets]',
      'zones:',
      '  - id: a',
      '    name: A',
      '    assumptions: *common',
      '',
    ].join('\n');
    const file = {
      formatVersion: 1,
      system: { name: 'x', assumptions: ['Locked cabinets', 'No wireless'] },
      zones: [{ id: 'a', name: 'A', assumptions: ['Locked cabinets'] }],
    };
    expect(load(update(text, file))).toEqual(file);
  });

  it('fills an empty document and a file whose root is not a mapping', () => {
    const file = aFullAssessment();
    expect(parseSystemFile(load(update('', file)))).toEqual(parseSystemFile(file));
    expect(parseSystemFile(load(update('# just a comment\n- a\n', file)))).toEqual(parseSystemFile(file));
  });

  it('merges a whole different assessment into a commented file without writing default values', () => {
    const file = aFullAssessment();
    const updated = update(original, file);
    expect(parseSystemFile(load(updated))).toEqual(parseSystemFile(file));
    expect(updated).toContain('# ZCR 1.1: the system under consideration\nsystem:\n');
    expect(updated).not.toContain('isInScope: true');
    expect(updated).toContain('isInScope: false');
  });

  it('leaves a file written by saveAssessmentYaml unchanged when given the same data', () => {
    const parsed = parseSystemFile(aFullAssessment());
    if (!parsed.ok) throw new Error('fixture is invalid');
    const saved = saveAssessmentYaml(parsed.value);
    expect(update(saved, parsed.value)).toBe(saved);
  });

  it('keeps the exact text of unchanged values: folded lines, number spelling, flow spacing, indentation', () => {
    const text = [
      'formatVersion: 1',
      'system:',
      '    name: x',
      '    description: >-',
      '        A long description folded',
      '        by hand at a narrow width.',
      '    intendedUse: a plain scalar',
      '        continued on a second line',
      'vulnerabilities:',
      '    - id: v1',
      '      cvss: { version: "3.1", score: 9.80 }',
      '      assets: [ plc-1 ]',
      '      remediation: |',
      '          Step 1',
      '            indented detail',
      '',
    ].join('\n');
    const file = load(text) as unknown as Record<string, unknown> & {
      vulnerabilities: Record<string, unknown>[];
    };
    file.vulnerabilities.unshift({ id: 'v0', title: 'New', assets: ['hmi-1'] });
    const updated = update(text, file);
    expect(updated).toBe(
      text.replace(
        'vulnerabilities:\n',
        'vulnerabilities:\n    - id: v0\n      title: New\n      assets:\n          - hmi-1\n',
      ),
    );
    expect(load(updated)).toEqual(file);
  });

  it('rewrites a changed folded value and keeps its neighbours', () => {
    const text =
      'formatVersion: 1\nsystem:\n  name: x\n  description: >-\n    old text\n    on two lines\n  site: Hall 4\n';
    const file = { formatVersion: 1, system: { name: 'x', description: 'new text', site: 'Hall 4' } };
    expect(update(text, file)).toBe(
      'formatVersion: 1\nsystem:\n  name: x\n  description: >-\n    new text\n  site: Hall 4\n',
    );
  });

  it('returns the syntax diagnostics when the original text is not valid YAML', () => {
    const result = updateAssessmentYaml('a: [1\n', aFullAssessment(), { fileName: 'mine.yaml' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics.map(({ code, file }) => ({ code, file }))).toEqual([
      { code: 'invalid-yaml', file: 'mine.yaml' },
    ]);
  });
});
