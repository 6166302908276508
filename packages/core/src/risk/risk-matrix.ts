import type { RiskRating } from '../assessment/assessment';
import type { RiskCriteria } from '../model/system-model';
import { clampImpact, clampLikelihood } from './likelihood-scale';

/**
 * Rates a risk by the matrix of the risk criteria (ZCR 2, 5.5, 5.10): matrix[likelihood-1][impact-1] gives the band.
 * The matrix is indexed by level as written whatever the likelihood direction; both levels are clamped to the scale.
 * A rating is tolerable when its band ranks no higher than the tolerable band (ZCR 6.8).
 */
export const rateRisk = (criteria: RiskCriteria, likelihood: number, impact: number): RiskRating => {
  const l = clampLikelihood(criteria, likelihood);
  const i = clampImpact(criteria, impact);
  const bandId = criteria.matrix[l - 1]?.[i - 1];
  const band = criteria.bands.find((candidate) => candidate.id === bandId);
  const tolerable = criteria.bands.find((candidate) => candidate.id === criteria.tolerable);
  if (!band || !tolerable) throw new Error(`risk criteria without band for likelihood ${l}, impact ${i}`);
  return {
    likelihood: l,
    impact: i,
    band: band.id,
    rank: band.rank,
    isTolerable: band.rank <= tolerable.rank,
  };
};

/** The worst level over a record of impact ratings per category (0 when none is rated). */
export const worstImpact = (ratings: Readonly<Record<string, number>>): number =>
  Math.max(0, ...Object.values(ratings));

/** Orders ratings from least to most severe: band rank, then impact, then likelihood as written. */
export const compareRatings = (a: RiskRating, b: RiskRating): number =>
  a.rank - b.rank || a.impact - b.impact || a.likelihood - b.likelihood;

/** The most severe of some ratings (undefined for none). */
export const worstRating = (ratings: readonly RiskRating[]): RiskRating | undefined =>
  ratings.reduce<RiskRating | undefined>(
    (worst, rating) => (worst === undefined || compareRatings(rating, worst) > 0 ? rating : worst),
    undefined,
  );
