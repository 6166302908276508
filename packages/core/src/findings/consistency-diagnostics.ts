import type { SystemModel } from '../model/system-model';
import { error, type Diagnostic } from '../resolve/diagnostic';
import { crossZoneWithoutConduit } from '../rules/data-flow/cross-zone-without-conduit';
import { explicitTargetContext } from '../rules/explicit-target-context';
import type { AnyRule } from '../rules/rule';
import { runRules } from './run-rules';

/**
 * Rules whose open findings make a model inconsistent rather than merely risky: `zonewise validate` turns them into
 * errors (exit 2), while `assess` still reports them as findings. ZCR 3.1: every communication between zones goes
 * through a conduit, so a flow between zones that no conduit joins means the model is incomplete.
 */
export const CONSISTENCY_RULES: readonly { readonly rule: AnyRule; readonly code: string }[] = [
  { rule: crossZoneWithoutConduit, code: 'flow-without-conduit' },
];

/**
 * Error diagnostics for the open findings of the consistency rules, each pointing at the entity in the file (e.g.
 * `dataFlows[12]`). A finding triaged as accepted or false-positive is not an error.
 */
export const consistencyDiagnostics = (model: SystemModel): readonly Diagnostic[] => {
  const codes = new Map(CONSISTENCY_RULES.map(({ rule, code }) => [rule.id, code]));
  const findings = runRules(
    model,
    explicitTargetContext(model),
    CONSISTENCY_RULES.map(({ rule }) => rule),
  ).filter((finding) => finding.status === 'open');
  const flowIndex = new Map(model.file.dataFlows.map((flow, index) => [flow.id, index]));
  return findings.map((finding) => {
    const index = flowIndex.get(finding.subject.id);
    const path = index === undefined ? [] : ['dataFlows', index];
    return error(
      codes.get(finding.ruleId) ?? finding.ruleId,
      path,
      `${finding.because} Add a conduit with a channel for it, or triage finding "${finding.id}".`,
    );
  });
};
