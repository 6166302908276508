import type { Assessment, RiskRating, SystemModel } from '@zonewise/core';

/**
 * A value as Hono's JSON typing accepts it: arrays mutable, properties writable, and optional properties typed as
 * present (JSON drops absent ones; the OpenAPI schemas still mark them optional).
 */
export type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { -readonly [K in keyof T]-?: Plain<Exclude<T[K], undefined>> }
    : T;

/** The engine's readonly results as the JSON a route returns (no copy: the shapes are the same at run time). */
export const plain = <T>(value: T): Plain<T> => value as Plain<T>;

/** One page of a filtered list. */
export const pageOf = <T>(
  items: readonly T[],
  query: { readonly offset: number; readonly limit: number },
) => ({
  items: plain(items.slice(query.offset, query.offset + query.limit)),
  total: items.length,
  offset: query.offset,
  limit: query.limit,
});

/** A comma-separated query value as a set, or undefined when absent (no filter). */
export const setOf = (value: string | undefined): ReadonlySet<string> | undefined =>
  value === undefined
    ? undefined
    : new Set(
        value
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== ''),
      );

/** How many ratings fall in each band of the model's risk criteria, lowest band first. */
const countBands = (model: SystemModel, ratings: readonly RiskRating[]) =>
  model.riskCriteria.bands.map((band, rank) => ({
    band: band.id,
    label: band.label,
    count: ratings.filter((rating) => rating.band === band.id).length,
    isTolerable:
      rank <=
      model.riskCriteria.bands.findIndex((candidate) => candidate.id === model.riskCriteria.tolerable),
  }));

/** Risk per band: initial risk of the zones and conduits, and the scenarios before and after countermeasures. */
export const riskBandsOf = (model: SystemModel, assessment: Assessment) => ({
  initial: countBands(
    model,
    assessment.initialRisk.map((risk) => risk.rating),
  ),
  unmitigated: countBands(
    model,
    assessment.scenarios.map((scenario) => scenario.unmitigated),
  ),
  residual: countBands(
    model,
    assessment.scenarios.map((scenario) => scenario.residual),
  ),
  projected: countBands(
    model,
    assessment.scenarios.map((scenario) => scenario.projected),
  ),
});

/** SL-T per zone and conduit joined with SL-C and SL-A from the requirements step. */
export const securityLevelsOf = (assessment: Assessment) => {
  const requirements = new Map(assessment.requirements.map((result) => [result.subject.id, result]));
  return assessment.targets.map((target) => {
    const result = requirements.get(target.subject.id);
    return {
      ...target,
      ...(result?.capability === undefined ? {} : { capability: result.capability }),
      ...(result === undefined ? {} : { achieved: result.achieved, achievedBasis: result.achievedBasis }),
    };
  });
};
