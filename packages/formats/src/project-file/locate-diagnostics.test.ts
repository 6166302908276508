import { error, warning } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { loadAssessmentText, type LoadedAssessment } from './load-assessment-text';
import { locateDiagnostics } from './locate-diagnostics';

const load = (text: string, fileName: string): LoadedAssessment => {
  const result = loadAssessmentText(text, { fileName });
  if (!result.ok) throw new Error(`fixture does not parse: ${JSON.stringify(result.diagnostics)}`);
  return result;
};

const yamlText = `# Line 4
formatVersion: 1
system:
  name: Line 4
zones:
  - id: dmz
    name: DMZ
  - id: control # the cell
    name: Control
conduits:
  # the only conduit
  - id: dmz-control
    name: DMZ to control
    zones:
      - dmz
      - dmz-2
    channels: [{ protocol: opc-ua, from: dmz, to: control }]
    enforcement:
    devices: [fw-1, fw-2]
`;

const jsonText = `{
  "formatVersion": 1,
  "system": { "name": "Line 4" },
  "conduits": [
    {
      "id": "dmz-control",
      "zones": [
        "dmz",
        "dmz-2"
      ]
    }
  ]
}
`;

describe('lineOf', () => {
  const yaml = load(yamlText, 'assessment.yaml');
  const json = load(jsonText, 'assessment.json');

  it.each([
    ['a sequence item deep in the file', ['conduits', 0, 'zones', 1], 16, 9],
    ['a scalar value', ['zones', 1, 'name'], 9, 11],
    ['an item that is a mapping (its first key)', ['zones', 1], 8, 5],
    ['a key whose value is a block list (the key)', ['conduits', 0, 'zones'], 14, 5],
    ['a key with no value (the key)', ['conduits', 0, 'enforcement'], 18, 5],
    ['an item of a flow list', ['conduits', 0, 'devices', 1], 19, 21],
    ['a key inside a flow mapping', ['conduits', 0, 'channels', 0, 'to'], 17, 51],
    ['a missing key (its parent mapping)', ['system', 'intendedUse'], 3, 1],
    ['a missing item (its parent list)', ['zones', 7, 'name'], 5, 1],
    ['the whole document', [], 2, 1],
  ] as const)('points in YAML at %s', (_case, path, line, column) => {
    expect(yaml.lineOf(path)).toEqual({ line, column });
  });

  it.each([
    ['a sequence item deep in the file', ['conduits', 0, 'zones', 1], 9, 9],
    ['an object in a list', ['conduits', 0], 5, 5],
    ['a value in an inline object', ['system', 'name'], 3, 23],
    ['a missing key (its parent object)', ['conduits', 0, 'name'], 5, 5],
  ] as const)('points in JSON at %s', (_case, path, line, column) => {
    expect(json.lineOf(path)).toEqual({ line, column });
  });
});

describe('locateDiagnostics', () => {
  it('fills file, line and column from each path and keeps positions already known', () => {
    const source = load(yamlText, 'assessment.yaml');
    const located = locateDiagnostics(
      [
        error('unknown-reference', ['conduits', 0, 'zones', 1], 'zone "dmz-2" is not defined'),
        warning('unknown-field', ['zones', 0], 'unknown field'),
        { ...error('invalid-yaml', [], 'kept'), line: 40, column: 2, file: 'other.yaml' },
      ],
      source,
    );
    expect(located.map(({ code, file, line, column }) => ({ code, file, line, column }))).toEqual([
      { code: 'unknown-reference', file: 'assessment.yaml', line: 16, column: 9 },
      { code: 'unknown-field', file: 'assessment.yaml', line: 6, column: 5 },
      { code: 'invalid-yaml', file: 'other.yaml', line: 40, column: 2 },
    ]);
  });

  it('leaves line and column out when the source cannot place the path', () => {
    const [located] = locateDiagnostics([error('missing-field', ['system'], 'x')], {
      fileName: 'api',
      lineOf: () => undefined,
    });
    expect(located).toEqual({ ...error('missing-field', ['system'], 'x'), file: 'api' });
  });
});
