import type { HeatMap, InitialRisk, RiskRating, ScenarioAssessment } from '../assessment/assessment';
import type { RiskCriteria } from '../model/system-model';
import { impactLevelCount, likelihoodLevelCount } from './likelihood-scale';

/** The three heat maps of an assessment: initial risk per zone, scenarios unmitigated and residual. */
export interface HeatMaps {
  readonly initial: HeatMap;
  readonly unmitigated: HeatMap;
  readonly residual: HeatMap;
}

/**
 * Places ids on the risk matrix: heatMap[likelihood-1][impact-1] lists the ids rated there, sorted. The shape is
 * the matrix's, so an empty cell is an empty list.
 */
export const deriveHeatMap = (
  criteria: RiskCriteria,
  entries: readonly { readonly id: string; readonly rating: RiskRating }[],
): HeatMap => {
  const cells = Array.from({ length: likelihoodLevelCount(criteria) }, () =>
    Array.from({ length: impactLevelCount(criteria) }, () => [] as string[]),
  );
  for (const { id, rating } of entries) cells[rating.likelihood - 1]?.[rating.impact - 1]?.push(id);
  for (const row of cells) for (const cell of row) cell.sort();
  return cells;
};

/** Heat maps for the report (ZCR 2 initial risk per zone; ZCR 5.5 unmitigated and 5.10 residual per scenario). */
export const deriveHeatMaps = (
  criteria: RiskCriteria,
  initialRisk: readonly InitialRisk[],
  scenarios: readonly ScenarioAssessment[],
): HeatMaps => ({
  initial: deriveHeatMap(
    criteria,
    initialRisk
      .filter((risk) => risk.subject.kind === 'zone')
      .map((risk) => ({ id: risk.subject.id, rating: risk.rating })),
  ),
  unmitigated: deriveHeatMap(
    criteria,
    scenarios.map((scenario) => ({ id: scenario.id, rating: scenario.unmitigated })),
  ),
  residual: deriveHeatMap(
    criteria,
    scenarios.map((scenario) => ({ id: scenario.id, rating: scenario.residual })),
  ),
});
