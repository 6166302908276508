import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FOUNDATIONAL_REQUIREMENTS } from '../catalogs/foundational-requirements';
import { toSecurityLevel, type SecurityLevel } from '../catalogs/security-levels';
import { SYSTEM_REQUIREMENTS } from '../catalogs/system-requirements';
import {
  parseSecurityLevelVector,
  uniformVector,
  vectorFrom,
} from '../security-levels/security-level-vector';
import { selectRequirements } from './select-requirements';

const split = (vector: Parameters<typeof selectRequirements>[0]) => {
  const selected = selectRequirements(vector);
  return {
    total: selected.length,
    srs: selected.filter((requirement) => !requirement.isEnhancement).length,
    res: selected.filter((requirement) => requirement.isEnhancement).length,
  };
};

const levelArbitrary = fc.constantFrom<SecurityLevel>(0, 1, 2, 3, 4);
const vectorArbitrary = fc
  .tuple(
    levelArbitrary,
    levelArbitrary,
    levelArbitrary,
    levelArbitrary,
    levelArbitrary,
    levelArbitrary,
    levelArbitrary,
  )
  .map((levels) => vectorFrom((_fr, index) => levels[index] ?? 0));

describe('selectRequirements', () => {
  it.each([
    { level: 0, total: 0, srs: 0, res: 0 },
    { level: 1, total: 37, srs: 37, res: 0 },
    { level: 2, total: 60, srs: 49, res: 11 },
    { level: 3, total: 91, srs: 51, res: 40 },
    { level: 4, total: 100, srs: 51, res: 49 },
  ] as const)('selects $total requirements for a uniform SL-T of $level', ({ level, total, srs, res }) => {
    expect(split(uniformVector(level))).toEqual({ total, srs, res });
  });

  it('selects per FR for the 3-3 Annex A BPCS example {2 2 0 1 3 1 3}', () => {
    const selected = selectRequirements(parseSecurityLevelVector('{2 2 0 1 3 1 3}'));
    const perFr = Object.fromEntries(
      FOUNDATIONAL_REQUIREMENTS.map((fr) => [
        fr,
        selected.filter((requirement) => requirement.fr === fr).length,
      ]),
    );
    expect(perFr).toEqual({ FR1: 16, FR2: 12, FR3: 0, FR4: 2, FR5: 10, FR6: 1, FR7: 13 });
    expect(selected).toHaveLength(54);
    expect(selected.map((requirement) => requirement.id)).toContain('SR 5.1 RE 1');
    expect(selected.map((requirement) => requirement.id)).not.toContain('SR 3.1');
  });

  it('keeps catalog order and honours a custom catalog', () => {
    const catalog = SYSTEM_REQUIREMENTS.filter((requirement) => requirement.fr === 'FR6');
    expect(selectRequirements(uniformVector(4), catalog).map((requirement) => requirement.id)).toEqual(
      catalog.map((requirement) => requirement.id),
    );
  });

  test.prop(
    [vectorArbitrary, fc.constantFrom(...FOUNDATIONAL_REQUIREMENTS), fc.integer({ min: 1, max: 4 })],
    {
      seed: 62443,
    },
  )('never removes a requirement when one SL-T element rises', (vector, fr, step) => {
    const raised = vectorFrom((each) => (each === fr ? toSecurityLevel(vector[each] + step) : vector[each]));
    const before = new Set(selectRequirements(vector).map((requirement) => requirement.id));
    const after = new Set(selectRequirements(raised).map((requirement) => requirement.id));
    for (const id of before) expect(after.has(id)).toBe(true);
  });
});
