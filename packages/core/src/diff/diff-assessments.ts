import type { Assessment, RiskRating, ScenarioAssessment, TargetLevels } from '../assessment/assessment';
import { FOUNDATIONAL_REQUIREMENTS, type Fr } from '../catalogs/foundational-requirements';
import type { Finding, FindingStatus } from '../findings/finding';
import type { EntityRef, SecurityLevelVector } from '../model/system-model';

/** A risk band before and after; `isWorse` when the band's rank rose. */
export interface BandChange {
  readonly before: string;
  readonly after: string;
  readonly isWorse: boolean;
}

/** A scenario present in both versions whose unmitigated or residual band changed. */
export interface ScenarioRiskChange {
  readonly id: string;
  readonly title: string;
  readonly subject: EntityRef;
  readonly unmitigated?: BandChange;
  readonly residual?: BandChange;
}

/** A scenario present in only one version, with its bands. */
export interface ScenarioRiskSummary {
  readonly id: string;
  readonly title: string;
  readonly subject: EntityRef;
  readonly unmitigated: string;
  readonly residual: string;
}

/** An SL-T vector that changed, appeared or disappeared for one zone or conduit. */
export interface TargetChange {
  readonly subject: EntityRef;
  readonly before?: SecurityLevelVector;
  readonly after?: SecurityLevelVector;
  /** FRs whose level differs (all seven when one side is missing). */
  readonly frs: readonly Fr[];
}

/** Requirement selection and status changes for one zone or conduit. */
export interface RequirementChange {
  readonly subject: EntityRef;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly statusChanges: readonly { readonly id: string; readonly before: string; readonly after: string }[];
}

/** Validity of an approval: valid, stale, or not present in that version. */
export type ApprovalValidity = 'valid' | 'stale' | 'absent';

/** An approval whose validity differs between the versions (e.g. valid → stale after a model change). */
export interface ApprovalChange {
  readonly id: string;
  readonly approver: string;
  readonly before: ApprovalValidity;
  readonly after: ApprovalValidity;
}

/** What a model change did to the derived results: findings, risk, SL-T, requirements, approvals. */
export interface AssessmentDiff {
  readonly findings: {
    readonly added: readonly Finding[];
    readonly resolved: readonly Finding[];
    readonly statusChanges: readonly {
      readonly id: string;
      readonly before: FindingStatus;
      readonly after: FindingStatus;
    }[];
  };
  /** Initial (ZCR 2) band changes per zone or conduit present in both versions. */
  readonly initialRisk: readonly { readonly subject: EntityRef; readonly change: BandChange }[];
  readonly scenarios: {
    readonly added: readonly ScenarioRiskSummary[];
    readonly removed: readonly ScenarioRiskSummary[];
    readonly changed: readonly ScenarioRiskChange[];
  };
  readonly targets: readonly TargetChange[];
  readonly requirements: readonly RequirementChange[];
  readonly approvals: readonly ApprovalChange[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byId = <T extends { readonly id: string }>(list: readonly T[]): Map<string, T> =>
  new Map(list.map((item) => [item.id, item]));

const bySubject = <T extends { readonly subject: EntityRef }>(list: readonly T[]): Map<string, T> =>
  new Map(list.map((item) => [`${item.subject.kind}:${item.subject.id}`, item]));

const unionKeys = (a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] =>
  [...new Set([...a.keys(), ...b.keys()])].sort(compareText);

const bandChange = (before: RiskRating, after: RiskRating): BandChange | undefined =>
  before.band === after.band && before.rank === after.rank
    ? undefined
    : { before: before.band, after: after.band, isWorse: after.rank > before.rank };

const summary = (scenario: ScenarioAssessment): ScenarioRiskSummary => ({
  id: scenario.id,
  title: scenario.title,
  subject: scenario.subject,
  unmitigated: scenario.unmitigated.band,
  residual: scenario.residual.band,
});

const diffFindings = (before: Assessment, after: Assessment): AssessmentDiff['findings'] => {
  const old = byId(before.findings);
  const now = byId(after.findings);
  const ids = unionKeys(old, now);
  const added: Finding[] = [];
  const resolved: Finding[] = [];
  const statusChanges: { id: string; before: FindingStatus; after: FindingStatus }[] = [];
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    if (a === undefined && b !== undefined) added.push(b);
    else if (a !== undefined && b === undefined) resolved.push(a);
    else if (a !== undefined && b !== undefined && a.status !== b.status) {
      statusChanges.push({ id, before: a.status, after: b.status });
    }
  }
  return { added, resolved, statusChanges };
};

const diffScenarios = (before: Assessment, after: Assessment): AssessmentDiff['scenarios'] => {
  const old = byId(before.scenarios);
  const now = byId(after.scenarios);
  const added: ScenarioRiskSummary[] = [];
  const removed: ScenarioRiskSummary[] = [];
  const changed: ScenarioRiskChange[] = [];
  for (const id of unionKeys(old, now)) {
    const a = old.get(id);
    const b = now.get(id);
    if (a === undefined && b !== undefined) added.push(summary(b));
    else if (a !== undefined && b === undefined) removed.push(summary(a));
    else if (a !== undefined && b !== undefined) {
      const unmitigated = bandChange(a.unmitigated, b.unmitigated);
      const residual = bandChange(a.residual, b.residual);
      if (unmitigated === undefined && residual === undefined) continue;
      changed.push({
        id,
        title: b.title,
        subject: b.subject,
        ...(unmitigated === undefined ? {} : { unmitigated }),
        ...(residual === undefined ? {} : { residual }),
      });
    }
  }
  return { added, removed, changed };
};

const diffTargets = (before: readonly TargetLevels[], after: readonly TargetLevels[]): TargetChange[] => {
  const old = bySubject(before);
  const now = bySubject(after);
  const changes: TargetChange[] = [];
  for (const key of unionKeys(old, now)) {
    const a = old.get(key);
    const b = now.get(key);
    const frs = FOUNDATIONAL_REQUIREMENTS.filter((fr) => a?.target[fr] !== b?.target[fr]);
    if (frs.length === 0) continue;
    changes.push({
      subject: (b ?? a)?.subject as EntityRef,
      ...(a === undefined ? {} : { before: a.target }),
      ...(b === undefined ? {} : { after: b.target }),
      frs,
    });
  }
  return changes;
};

const diffRequirements = (before: Assessment, after: Assessment): RequirementChange[] => {
  const old = bySubject(before.requirements);
  const now = bySubject(after.requirements);
  const changes: RequirementChange[] = [];
  for (const key of unionKeys(old, now)) {
    const a = new Map(
      (old.get(key)?.requirements ?? []).map((result) => [result.requirement.id, result.status]),
    );
    const b = new Map(
      (now.get(key)?.requirements ?? []).map((result) => [result.requirement.id, result.status]),
    );
    const ids = unionKeys(a, b);
    const added = ids.filter((id) => !a.has(id) && b.has(id));
    const removed = ids.filter((id) => a.has(id) && !b.has(id));
    const statusChanges = ids.flatMap((id) => {
      const was = a.get(id);
      const is = b.get(id);
      return was !== undefined && is !== undefined && was !== is ? [{ id, before: was, after: is }] : [];
    });
    if (added.length + removed.length + statusChanges.length === 0) continue;
    changes.push({
      subject: (now.get(key) ?? old.get(key))?.subject as EntityRef,
      added,
      removed,
      statusChanges,
    });
  }
  return changes;
};

const diffApprovals = (before: Assessment, after: Assessment): ApprovalChange[] => {
  const validity = (assessment: Assessment): Map<string, { approver: string; validity: ApprovalValidity }> =>
    new Map(
      assessment.approvals.map((state) => [
        state.approval.id,
        {
          approver: state.approval.approver,
          validity: state.isStale ? 'stale' : 'valid',
        },
      ]),
    );
  const old = validity(before);
  const now = validity(after);
  return unionKeys(old, now).flatMap((id) => {
    const was = old.get(id);
    const is = now.get(id);
    const beforeValidity = was?.validity ?? 'absent';
    const afterValidity = is?.validity ?? 'absent';
    if (beforeValidity === afterValidity) return [];
    return [{ id, approver: (is ?? was)?.approver ?? '', before: beforeValidity, after: afterValidity }];
  });
};

/**
 * What a model change did to the results: findings added, resolved or re-triaged; initial and scenario risk band
 * changes (unmitigated and residual); SL-T vector changes per zone and conduit; requirement selections added or
 * removed and status changes; approvals whose validity changed (valid → stale when the model changed). Every list
 * is in id order.
 */
export const diffAssessments = (before: Assessment, after: Assessment): AssessmentDiff => {
  const oldInitial = bySubject(before.initialRisk);
  const nowInitial = bySubject(after.initialRisk);
  const initialRisk = unionKeys(oldInitial, nowInitial).flatMap((key) => {
    const a = oldInitial.get(key);
    const b = nowInitial.get(key);
    if (a === undefined || b === undefined) return [];
    const change = bandChange(a.rating, b.rating);
    return change === undefined ? [] : [{ subject: b.subject, change }];
  });
  return {
    findings: diffFindings(before, after),
    initialRisk,
    scenarios: diffScenarios(before, after),
    targets: diffTargets(before.targets, after.targets),
    requirements: diffRequirements(before, after),
    approvals: diffApprovals(before, after),
  };
};
