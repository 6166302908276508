import { error, warning } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './format-diagnostic';

describe('formatDiagnostic', () => {
  it.each([
    [
      'a located error',
      {
        ...error('unknown-reference', ['conduits', 3, 'zones', 1], 'zone "dmz-2" is not defined'),
        file: 'assessment.yaml',
        line: 42,
        column: 7,
      },
      'assessment.yaml:42:7 error unknown-reference conduits[3].zones[1]: zone "dmz-2" is not defined',
    ],
    [
      'a syntax error at the document level',
      { ...error('invalid-yaml', [], 'Not valid YAML.'), file: 'a.yaml', line: 3, column: 1 },
      'a.yaml:3:1 error invalid-yaml: Not valid YAML.',
    ],
    [
      'a warning with a file but no position',
      { ...warning('unknown-field', ['zones', 0], 'ignored'), file: 'a.yaml' },
      'a.yaml warning unknown-field zones[0]: ignored',
    ],
    [
      'a diagnostic with no source',
      error('missing-field', ['system', 'name'], 'add it'),
      'error missing-field system.name: add it',
    ],
  ])('prints %s compiler-style', (_case, diagnostic, expected) => {
    expect(formatDiagnostic(diagnostic)).toBe(expected);
  });
});
