import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { RiskCriteria } from '../model/system-model';
import { aSystem, resolveOrThrow } from '../testing/builders';
import { mostLikelyLevel, shiftLikelihood } from './likelihood-scale';
import { rateRisk, worstImpact, worstRating } from './risk-matrix';

const ascending: RiskCriteria = resolveOrThrow(aSystem()).riskCriteria;
/** The default matrix on an Annex B style scale where level 1 is the most likely. */
const descending: RiskCriteria = {
  ...ascending,
  likelihood: {
    direction: 'descending',
    levels: [...ascending.likelihood.levels]
      .reverse()
      .map((level, index) => ({ ...level, level: index + 1 })),
  },
  matrix: [...ascending.matrix].reverse(),
};

describe('rateRisk', () => {
  it.each([
    { likelihood: 1, impact: 1, band: 'low', isTolerable: true },
    { likelihood: 3, impact: 3, band: 'medium', isTolerable: true },
    { likelihood: 4, impact: 3, band: 'high', isTolerable: false },
    { likelihood: 5, impact: 5, band: 'critical', isTolerable: false },
  ])(
    'rates likelihood $likelihood × impact $impact as $band',
    ({ likelihood, impact, band, isTolerable }) => {
      expect(rateRisk(ascending, likelihood, impact)).toMatchObject({
        likelihood,
        impact,
        band,
        isTolerable,
      });
    },
  );

  it('clamps both levels to the scale', () => {
    expect(rateRisk(ascending, 9, 0)).toMatchObject({ likelihood: 5, impact: 1, band: 'medium' });
    expect(rateRisk(ascending, -2, 7)).toMatchObject({ likelihood: 1, impact: 5, band: 'medium' });
  });

  it('reads a descending scale by level as written', () => {
    expect(rateRisk(descending, 1, 5)).toMatchObject({ band: 'critical', rank: 3 });
    expect(rateRisk(descending, 5, 5)).toMatchObject({ band: 'medium', rank: 1 });
    expect(mostLikelyLevel(descending)).toBe(1);
    expect(shiftLikelihood(descending, 3, 1)).toBe(2);
  });

  for (const [name, criteria] of [
    ['ascending', ascending],
    ['descending', descending],
  ] as const) {
    test.prop(
      [
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
      ],
      { seed: 3232 },
    )(
      `never lowers the risk when likelihood or impact rises (${name} scale)`,
      (likelihood, impact, moreLikely, moreImpact) => {
        const before = rateRisk(criteria, likelihood, impact);
        const after = rateRisk(
          criteria,
          shiftLikelihood(criteria, likelihood, moreLikely),
          impact + moreImpact,
        );
        expect(after.rank).toBeGreaterThanOrEqual(before.rank);
      },
    );
  }
});

describe('worstImpact', () => {
  it('takes the highest level over the categories, 0 when none is rated', () => {
    expect(worstImpact({ production: 2, 'health-safety': 4 })).toBe(4);
    expect(worstImpact({})).toBe(0);
  });
});

describe('worstRating', () => {
  it('picks the highest band, then the higher impact', () => {
    const a = rateRisk(ascending, 5, 2);
    const b = rateRisk(ascending, 3, 4);
    const c = rateRisk(ascending, 1, 1);
    expect(a.band).toBe(b.band);
    expect(worstRating([a, b, c])).toBe(b);
    expect(worstRating([])).toBeUndefined();
  });
});
