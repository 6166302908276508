import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assessSystem, resolveSystem } from '@zonewise/core';
import { assess } from '../src/engine';

describe('assess (CLI engine wrapper)', () => {
  it('gives the same model digest and results with Node crypto as the pure SHA-256', () => {
    const text = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'examples', 'pharma-tablet-plant', 'assessment.yaml'),
      'utf8',
    );
    const resolved = resolveSystem(parse(text));
    if (!resolved.ok) throw new Error('example does not resolve');
    expect(JSON.stringify(assess(resolved.value))).toBe(JSON.stringify(assessSystem(resolved.value)));
  });
});
