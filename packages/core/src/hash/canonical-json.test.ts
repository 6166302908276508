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
