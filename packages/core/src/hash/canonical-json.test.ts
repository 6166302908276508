import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseSystemFile } from '../schema/parse-system-file';
import type { SystemFile } from '../schema/system-file';
import { aSystem, resolveOrThrow } from '../testing/builders';
import { canonicalJson, modelSha256 } from './canonical-json';

const fileOf = (input: unknown): SystemFile => resolveOrThrow(input).file;

describe('canonicalJson', () => {
  it('sorts keys, drops undefined properties and keeps array order without whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { d: undefined, c: 'x' }], e: undefined })).toBe(
      '{"a":[3,1,{"c":"x"}],"b":1}',
    );
  });

  it('keeps array positions with null and escapes strings as JSON does', () => {
    expect(canonicalJson([undefined, Number.NaN, 'a"b\n', true, null])).toBe(
      '[null,null,"a\\"b\\n",true,null]',
    );
  });

  it('sorts keys by code unit, not by locale', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3 })).toBe('{"Z":2,"a":3,"é":1}');
  });

  it('sorts numeric-looking keys as text too', () => {
    expect(canonicalJson({ a: 3, 10: 1, 2: 2, '-b': 4 })).toBe('{"-b":4,"10":1,"2":2,"a":3}');
    expect(canonicalJson([[{ 2: 'x', 10: 'y' }]])).toBe('[[{"10":"y","2":"x"}]]');
  });

  it('keeps an own "__proto__" key', () => {
    const value = JSON.parse('{"b":1,"__proto__":{"x":1}}') as unknown;
    expect(canonicalJson([[value]])).toBe('[[{"__proto__":{"x":1},"b":1}]]');
  });

  it('drops functions and symbols in objects and writes null for them in arrays', () => {
    const fn = () => 1;
    expect(canonicalJson({ a: fn, b: Symbol('s'), c: [fn, 1] })).toBe('{"c":[null,1]}');
  });

  // A direct restatement of the definition, to check the fast path against.
  const reference = (value: unknown): string => {
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
  };

  test.prop([fc.jsonValue({ maxDepth: 5 })], { seed: 62443, numRuns: 300 })(
    'matches the definition on any JSON',
    (value) => {
      expect(canonicalJson(value)).toBe(reference(value));
    },
  );

  test.prop([fc.array(fc.object({ maxDepth: 3 }), { maxLength: 5 })], { seed: 62443, numRuns: 200 })(
    'matches the definition at every nesting level, with undefined values',
    (value) => {
      expect(canonicalJson({ z: value, a: [value] })).toBe(reference({ z: value, a: [value] }));
    },
  );
});

describe('modelSha256', () => {
  it('ignores approvals and $schema', () => {
    const base = fileOf(aSystem());
    const withApproval = fileOf({
      ...aSystem(),
      $schema: './assessment.schema.json',
      approvals: [
        {
          id: 'ap-1',
          approver: 'Plant manager',
          meaning: 'approved',
          signedAt: '2024-05-01',
          modelSha256: '0'.repeat(64),
        },
      ],
    });
    expect(modelSha256(withApproval)).toBe(modelSha256(base));
  });

  it('changes when any content changes', () => {
    const base = fileOf(aSystem());
    const renamed = fileOf({ ...aSystem(), system: { name: 'Other name', intendedUse: 'Testing' } });
    expect(modelSha256(renamed)).not.toBe(modelSha256(base));
  });

  it('is a 64-digit lowercase hex digest', () => {
    const parsed = parseSystemFile(aSystem());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(modelSha256(parsed.value)).toMatch(/^[0-9a-f]{64}$/);
  });
});
