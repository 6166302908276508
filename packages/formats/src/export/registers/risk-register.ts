import type { Assessment, RiskRating, SystemModel } from '@zonewise/core';
import type { Register, RegisterCellValue, RegisterColumn, RegisterHeat } from './register';
import { idList, yesNo } from './register-text';

/**
 * The risk register as a cyber-PHA worksheet (ZCR 5.1–5.12): one row per threat scenario with its source and
 * capability, entry point, targets, ATT&CK techniques, vulnerabilities, consequence per impact category, PHA
 * reference, then likelihood, impact and risk unmitigated, with existing countermeasures (residual) and with the
 * planned ones (projected), against the tolerable band. Read only: scenarios are edited in the model file.
 */
export const buildRiskRegister = (model: SystemModel, assessment: Assessment): Register => {
  const criteria = model.riskCriteria;
  const bandLabel = new Map(criteria.bands.map((band) => [band.id, band.label]));
  const likelihoodMax = Math.max(2, criteria.likelihood.levels.length);
  const impactMax = Math.max(2, ...criteria.impactCategories.map((category) => category.levels.length));
  // A descending scale puts the most likely level first, so its colours run the other way.
  const likelihoodHeat: RegisterHeat =
    criteria.likelihood.direction === 'descending'
      ? { kind: 'scale', min: likelihoodMax, max: 1 }
      : { kind: 'scale', min: 1, max: likelihoodMax };
  const impactHeat: RegisterHeat = { kind: 'scale', min: 1, max: impactMax };
  const rating = (prefix: string): RegisterColumn[] => [
    { header: `${prefix} likelihood`, width: 10, type: 'number', heat: likelihoodHeat },
    { header: `${prefix} impact`, width: 9, type: 'number', heat: impactHeat },
    { header: `${prefix} risk`, width: 11, type: 'text', heat: { kind: 'band' } },
  ];
  const ratingCells = (value: RiskRating): RegisterCellValue[] => [
    value.likelihood,
    value.impact,
    bandLabel.get(value.band) ?? value.band,
  ];
  const columns: RegisterColumn[] = [
    { header: 'Scenario', width: 22, type: 'text' },
    { header: 'Title', width: 40, type: 'text' },
    { header: 'Zone or conduit', width: 18, type: 'text' },
    { header: 'Origin', width: 16, type: 'text' },
    { header: 'Threat source', width: 18, type: 'text' },
    { header: 'Capability', width: 9, type: 'number', heat: { kind: 'scale', min: 1, max: 4 } },
    { header: 'Entry point', width: 18, type: 'text' },
    { header: 'Targets', width: 26, type: 'text' },
    { header: 'ATT&CK techniques', width: 16, type: 'text' },
    { header: 'Vulnerabilities', width: 18, type: 'text' },
    { header: 'FRs', width: 12, type: 'text' },
    ...criteria.impactCategories.map((category): RegisterColumn => ({
      header: `Consequence: ${category.name}`,
      width: 12,
      type: 'number',
      heat: impactHeat,
    })),
    { header: 'PHA reference', width: 16, type: 'text' },
    ...rating('Unmitigated'),
    { header: 'Existing countermeasures', width: 26, type: 'text' },
    ...rating('Residual'),
    { header: 'Residual tolerable', width: 10, type: 'text', choices: ['yes', 'no'] },
    { header: 'Planned countermeasures', width: 26, type: 'text' },
    ...rating('Projected'),
    { header: 'SL', width: 6, type: 'number', heat: { kind: 'scale', min: 0, max: 4 } },
    { header: 'Suggested requirements', width: 30, type: 'text' },
  ];
  const rows = assessment.scenarios.map((scenario): RegisterCellValue[] => [
    scenario.id,
    scenario.title,
    scenario.subject.id,
    scenario.origin.kind === 'file' ? 'file' : scenario.origin.ruleId,
    scenario.source.id,
    scenario.source.capability,
    scenario.entryPoint?.id,
    idList(scenario.targets),
    idList(scenario.techniques),
    idList(scenario.vulnerabilities),
    idList(scenario.frs),
    ...criteria.impactCategories.map((category) => scenario.consequences[category.id]),
    scenario.consequenceReference,
    ...ratingCells(scenario.unmitigated),
    idList(scenario.existingCountermeasures),
    ...ratingCells(scenario.residual),
    yesNo(scenario.residual.isTolerable),
    idList(scenario.plannedCountermeasures),
    ...ratingCells(scenario.projected),
    scenario.securityLevel,
    idList(scenario.suggestedRequirements),
  ]);
  return { id: 'risk-register', title: 'Risk register', columns, rows };
};
