import type { RiskCriteria } from '../model/system-model';

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/** Number of levels on the likelihood scale (one matrix row each). */
export const likelihoodLevelCount = (criteria: RiskCriteria): number =>
  Math.max(1, criteria.likelihood.levels.length, criteria.matrix.length);

/** Number of levels on the impact scale (one matrix column each). */
export const impactLevelCount = (criteria: RiskCriteria): number =>
  Math.max(1, criteria.matrix[0]?.length ?? 1);

/**
 * The level that means "most likely": the top of an ascending scale, 1 on a descending one (IEC 62443-3-2 Annex B
 * numbers likelihood from 1 = most likely). ZCR 2 rates initial risk at this end.
 */
export const mostLikelyLevel = (criteria: RiskCriteria): number =>
  criteria.likelihood.direction === 'ascending' ? likelihoodLevelCount(criteria) : 1;

/** The level that means "least likely". */
export const leastLikelyLevel = (criteria: RiskCriteria): number =>
  criteria.likelihood.direction === 'ascending' ? 1 : likelihoodLevelCount(criteria);

/** Clamps a likelihood level to the scale. */
export const clampLikelihood = (criteria: RiskCriteria, level: number): number =>
  clamp(Math.round(level), 1, likelihoodLevelCount(criteria));

/** Clamps an impact level to the scale. */
export const clampImpact = (criteria: RiskCriteria, level: number): number =>
  clamp(Math.round(level), 1, impactLevelCount(criteria));

/**
 * The change in level numbers for moving `steps` towards "more likely" (negative steps: less likely). On a
 * descending scale more likely means a smaller number, so the sign flips.
 */
export const likelihoodDelta = (criteria: RiskCriteria, steps: number): number =>
  criteria.likelihood.direction === 'ascending' ? steps : -steps;

/** Moves a likelihood level `steps` towards "more likely" (negative: less likely), clamped to the scale. */
export const shiftLikelihood = (criteria: RiskCriteria, level: number, steps: number): number =>
  clampLikelihood(criteria, level + likelihoodDelta(criteria, steps));

/**
 * Converts a level given on an ascending 1 … n scale (1 = least likely) into the criteria's own numbering, clamped.
 * Built-in likelihood bases are written this way so that they hold for either direction.
 */
export const likelihoodFromAscending = (criteria: RiskCriteria, ascendingLevel: number): number => {
  const level = clampLikelihood(criteria, ascendingLevel);
  return criteria.likelihood.direction === 'ascending' ? level : likelihoodLevelCount(criteria) + 1 - level;
};

/** Positive when `a` is more likely than `b`, negative when less likely, 0 when equal. */
export const compareLikelihood = (criteria: RiskCriteria, a: number, b: number): number =>
  criteria.likelihood.direction === 'ascending' ? a - b : b - a;

/** The less likely of two levels. */
export const lessLikely = (criteria: RiskCriteria, a: number, b: number): number =>
  compareLikelihood(criteria, a, b) <= 0 ? a : b;
