import type { InitialRisk, RiskRating } from '../assessment/assessment';
import type { EntityRef, SystemModel } from '../model/system-model';
import { mostLikelyLevel } from './likelihood-scale';
import { refTo } from './ref-to';
import { rateRisk, worstImpact } from './risk-matrix';
import { mergeConsequences, worstConsequences } from './worst-consequences';

/** ZCR 2 + ZCR 4 results: one initial risk per zone then per conduit (each sorted by id), and the SuC's worst. */
export interface InitialRiskAssessment {
  readonly initialRisk: readonly InitialRisk[];
  /** Worst-case risk of the whole SuC: the worst impact over every in-scope asset; absent when there is none. */
  readonly systemInitialRisk?: RiskRating;
}

const uniqueSorted = (refs: readonly EntityRef[]): readonly EntityRef[] =>
  [...new Map(refs.map((ref) => [ref.id, ref])).values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );

/**
 * Initial, worst-case risk (IEC 62443-3-2 ZCR 2.1) compared with tolerable risk (ZCR 4.1). Each zone is rated with
 * the worst impact per category over its in-scope assets and the likelihood at the most likely end of the scale, so
 * that only zones whose worst case is already tolerable skip the detailed assessment. A conduit carries the worst
 * case of the zones it joins, since a compromise of the conduit exposes all of them.
 */
export const assessInitialRisk = (model: SystemModel): InitialRiskAssessment => {
  const criteria = model.riskCriteria;
  const likelihood = mostLikelyLevel(criteria);

  const zones = model.zones.map((zone) => {
    const assets = model.assetsIn(zone.id);
    const impacts = worstConsequences(assets);
    const worst = worstImpact(impacts);
    const rating = rateRisk(criteria, likelihood, worst);
    const drivers = worst > 0 ? assets.filter((asset) => asset.worstImpact === worst) : [];
    return {
      subject: refTo(model, 'zone', zone.id),
      rating,
      impacts,
      drivers: drivers.map((asset) => refTo(model, 'asset', asset.id)),
      requiresDetailedAssessment: !rating.isTolerable,
    } satisfies InitialRisk;
  });
  const byZone = new Map(zones.map((risk) => [risk.subject.id, risk]));

  const conduits = model.conduits.map((conduit) => {
    const joined = conduit.zones.map((id) => byZone.get(id)).filter((risk) => risk !== undefined);
    const impacts = mergeConsequences(joined.map((risk) => risk.impacts));
    const worst = worstImpact(impacts);
    const rating = rateRisk(criteria, likelihood, worst);
    const drivers =
      worst > 0
        ? joined.filter((risk) => worstImpact(risk.impacts) === worst).flatMap((risk) => risk.drivers)
        : [];
    return {
      subject: refTo(model, 'conduit', conduit.id),
      rating,
      impacts,
      drivers: uniqueSorted(drivers),
      requiresDetailedAssessment: !rating.isTolerable,
    } satisfies InitialRisk;
  });

  const inScope = model.assets.filter((asset) => asset.isInScope);
  if (inScope.length === 0) return { initialRisk: [...zones, ...conduits] };
  const systemWorst = Math.max(0, ...inScope.map((asset) => asset.worstImpact));
  return {
    initialRisk: [...zones, ...conduits],
    systemInitialRisk: rateRisk(criteria, likelihood, systemWorst),
  };
};
