import { describe, expect, it } from 'vitest';
import { hasDuplicateJsonKey, loadAssessmentText } from './load-assessment-text';

describe('hasDuplicateJsonKey', () => {
  it.each([
    ['{"a":1,"b":2}', false],
    ['{"a":1,"a":2}', true],
    ['{"a":{"b":1},"c":{"b":2}}', false],
    ['[{"a":1},{"a":1}]', false],
    ['{"a":[{"x":1}],"x":2}', false],
    ['{"a" : 1, "\\u0061": 2}', true],
    ['{"k":"a\\"b","a\\"b":1}', false],
    ['{"list":["a","a"]}', false],
    ['{"o":{"p":1,"p":2}}', true],
  ])('%s → %s', (text, expected) => {
    expect(hasDuplicateJsonKey(text)).toBe(expected);
  });

  it('still places diagnostics at line:column without a duplicate (the YAML document is built on demand)', () => {
    const loaded = loadAssessmentText('{\n  "formatVersion": 1,\n  "zones": [\n    { "id": "a" }\n  ]\n}', {
      fileName: 'a.json',
    });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.lineOf(['zones', 0, 'id'])).toMatchObject({ line: 4 });
  });
});
