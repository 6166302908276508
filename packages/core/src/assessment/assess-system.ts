import { SEVERITIES } from '../findings/finding';
import { orphanTriage, runRules } from '../findings/run-rules';
import { assessApprovals } from '../completeness/assess-approvals';
import { assessCompleteness } from '../completeness/assess-completeness';
import { assembleCrs } from '../crs/assemble-crs';
import { modelSha256, type Sha256Digest } from '../hash/canonical-json';
import type { SystemModel } from '../model/system-model';
import { deriveAttackPaths } from '../paths/attack-paths';
import { deriveRequirements } from '../requirements/derive-requirements';
import { assessInitialRisk } from '../risk/assess-initial-risk';
import { assessScenarios } from '../risk/assess-scenarios';
import { deriveHeatMaps } from '../risk/heat-map';
import type { RuleContext } from '../rules/rule';
import { deriveTargetLevels } from '../security-levels/derive-target-levels';
import { generateScenarios } from '../threats/generate-scenarios';
import type { Assessment } from './assessment';

/** Version of the engine's rules and methods, recorded in every result so a report says what produced it. */
export const ENGINE_VERSION = '0.1.0';

/** Host-provided speed-ups; the result is the same with or without them. */
export interface AssessOptions {
  /** A faster SHA-256 for the model digest (e.g. Node's crypto); the pure built-in one otherwise. */
  readonly createDigest?: () => Sha256Digest;
}

/**
 * The one entry point of the engine: model → Assessment (IEC 62443-3-2 ZCR 1–7). Pure and deterministic: the same
 * model gives the same value, byte for byte once serialised. The CLI, the server and the web UI call this and never
 * reimplement a step.
 */
export const assessSystem = (model: SystemModel, options: AssessOptions = {}): Assessment => {
  // ZCR 2 and ZCR 4: worst-case risk per zone and conduit.
  const { initialRisk, systemInitialRisk } = assessInitialRisk(model);
  // ZCR 5.1–5.12: scenarios from the file and from the threat rules, with unmitigated, residual, projected risk.
  const scenarios = assessScenarios(model, generateScenarios(model));
  const heatMaps = deriveHeatMaps(model.riskCriteria, initialRisk, scenarios);
  // ZCR 5.6: SL-T per zone and conduit, each FR with its reason.
  const targets = deriveTargetLevels(model, scenarios, initialRisk);
  const targetIndex = new Map(targets.map((target) => [target.subject.id, target]));
  const context: RuleContext = {
    targetOf: (id) => targetIndex.get(id)?.target,
    derivedTargetOf: (id) => targetIndex.get(id)?.derived,
  };
  // ZCR 3 partitioning and consistency rules (some read the SL-T).
  const findings = runRules(model, context);
  // ZCR 6: requirements, SL-C, SL-A; the CRS.
  const requirements = deriveRequirements(model, targets);
  const crs = assembleCrs(model, targets, requirements);
  // ZCR 7: approvals are bound to the SHA-256 of the canonical model.
  const sha256 = modelSha256(model.file, options.createDigest);
  const approvals = assessApprovals(model, sha256);
  const attackPaths = deriveAttackPaths(model, targets);
  const completeness = assessCompleteness({
    model,
    findings,
    initialRisk,
    scenarios,
    targets,
    requirements,
    approvals,
  });

  const findingsBySeverity = Object.fromEntries(
    SEVERITIES.map((severity) => [
      severity,
      findings.filter((finding) => finding.severity === severity).length,
    ]),
  );
  return {
    engineVersion: ENGINE_VERSION,
    modelSha256: sha256,
    system:
      model.system.id === undefined
        ? { name: model.system.name }
        : { name: model.system.name, id: model.system.id },
    counts: {
      assets: model.assets.length,
      zones: model.zones.length,
      conduits: model.conduits.length,
      accessPoints: model.accessPoints.length,
      dataFlows: model.dataFlows.length,
      scenarios: scenarios.length,
      vulnerabilities: model.vulnerabilities.length,
      countermeasures: model.countermeasures.length,
    },
    warnings: orphanTriage(model, findings),
    findings,
    initialRisk,
    ...(systemInitialRisk === undefined ? {} : { systemInitialRisk }),
    scenarios,
    heatMaps,
    targets,
    requirements,
    attackPaths,
    completeness,
    crs,
    approvals,
    summary: {
      scenariosAboveTolerable: {
        unmitigated: scenarios.filter((scenario) => !scenario.unmitigated.isTolerable).length,
        residual: scenarios.filter((scenario) => !scenario.residual.isTolerable).length,
        projected: scenarios.filter((scenario) => !scenario.projected.isTolerable).length,
      },
      findingsBySeverity,
      openFindings: findings.filter((finding) => finding.status === 'open').length,
      requirementGaps: requirements.reduce((total, result) => total + result.counts.gaps, 0),
      isComplete: completeness.every((step) => step.isComplete),
      hasValidApproval: approvals.some((state) => !state.isStale && state.approval.meaning === 'approved'),
    },
  };
};
