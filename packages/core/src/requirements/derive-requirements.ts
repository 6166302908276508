import type {
  RequirementResult,
  RequirementsResult,
  RequirementState,
  TargetLevels,
} from '../assessment/assessment';
import { FOUNDATIONAL_REQUIREMENTS, type Fr } from '../catalogs/foundational-requirements';
import type { SecurityLevel } from '../catalogs/security-levels';
import {
  normaliseRequirementId,
  SYSTEM_REQUIREMENTS,
  type RequirementDefinition,
} from '../catalogs/system-requirements';
import type {
  Asset,
  Countermeasure,
  RequirementStatusEntry,
  SecurityLevelVector,
  SystemModel,
} from '../model/system-model';
import { refTo } from '../risk/ref-to';
import { deriveSubjectAssets } from '../risk/subject-assets';
import { vectorFrom } from '../security-levels/security-level-vector';

const SATISFIED: ReadonlySet<RequirementState> = new Set(['met', 'compensated', 'not-applicable']);
const GAPS: ReadonlySet<RequirementState> = new Set(['not-met', 'partial', 'open']);

/** True when a requirement state counts as satisfied for SL-A (met, compensated or not applicable). */
export const isSatisfiedState = (state: RequirementState): boolean => SATISFIED.has(state);

const byId = (a: { readonly id: string }, b: { readonly id: string }): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Per FR, the weakest SL-C over the assets that declare one (IEC 62443-3-3 Annex A: SL-C of the zone's parts). */
const capabilityOf = (assets: readonly Asset[]): SecurityLevelVector | undefined => {
  const declaring = assets.filter((asset) => asset.securityLevelCapability !== undefined);
  if (declaring.length === 0) return undefined;
  return vectorFrom((fr) =>
    declaring.reduce<SecurityLevel>((low, asset) => {
      const level = asset.securityLevelCapability?.[fr] ?? 0;
      return level < low ? level : low;
    }, 4),
  );
};

interface SubjectFacts {
  readonly statusOf: ReadonlyMap<string, RequirementStatusEntry>;
  readonly countermeasuresOf: ReadonlyMap<string, readonly Countermeasure[]>;
  readonly memberCount: number;
  /** capable[fr][level]: how many members declare an SL-C of at least `level` in that FR. */
  readonly capable: Readonly<Record<Fr, readonly number[]>>;
}

const countCapable = (members: readonly Asset[]): Record<Fr, number[]> => {
  const capable = Object.fromEntries(FOUNDATIONAL_REQUIREMENTS.map((fr) => [fr, [0, 0, 0, 0, 0]])) as Record<
    Fr,
    number[]
  >;
  for (const asset of members) {
    const vector = asset.securityLevelCapability;
    if (vector === undefined) continue;
    for (const fr of FOUNDATIONAL_REQUIREMENTS) {
      const counts = capable[fr];
      for (let level = 1; level <= vector[fr]; level += 1) counts[level] = (counts[level] ?? 0) + 1;
    }
  }
  return capable;
};

const evaluate = (model: SystemModel, requirement: RequirementDefinition, facts: SubjectFacts) => {
  const entry = facts.statusOf.get(requirement.id);
  if (entry) {
    return {
      status: entry.status,
      basis: 'status-entry',
      countermeasures:
        entry.countermeasure === undefined ? [] : [refTo(model, 'countermeasure', entry.countermeasure)],
      ...(entry.evidence === undefined ? {} : { evidence: entry.evidence }),
      ...(entry.justification === undefined ? {} : { justification: entry.justification }),
    } as const;
  }
  const countermeasures = facts.countermeasuresOf.get(requirement.id) ?? [];
  if (countermeasures.length > 0) {
    const isCompensated = countermeasures.every((countermeasure) => countermeasure.isCompensating === true);
    return {
      status: isCompensated ? 'compensated' : 'met',
      basis: 'countermeasure',
      countermeasures: countermeasures.map((countermeasure) =>
        refTo(model, 'countermeasure', countermeasure.id),
      ),
    } as const;
  }
  const capable = facts.capable[requirement.fr][requirement.minLevel] ?? 0;
  if (capable > 0) {
    const isAll = capable === facts.memberCount;
    return {
      status: isAll ? 'met' : 'partial',
      basis: 'capability',
      countermeasures: [],
      evidence: isAll
        ? `SL-C of every asset reaches ${requirement.minLevel} in ${requirement.fr}`
        : `SL-C reaches ${requirement.minLevel} in ${requirement.fr} for ${capable} of ${facts.memberCount} assets`,
    } as const;
  }
  return { status: 'open', basis: 'none', countermeasures: [] } as const;
};

/** SL-A per FR: the highest level whose requirements (whole catalog, not only the selected ones) are all satisfied. */
const achievedFrom = (
  catalog: readonly RequirementDefinition[],
  stateOf: ReadonlyMap<string, RequirementState>,
): SecurityLevelVector => {
  const lowestUnsatisfied = new Map<Fr, number>();
  for (const requirement of catalog) {
    if (SATISFIED.has(stateOf.get(requirement.id) ?? 'open')) continue;
    const lowest = lowestUnsatisfied.get(requirement.fr) ?? 5;
    if (requirement.minLevel < lowest) lowestUnsatisfied.set(requirement.fr, requirement.minLevel);
  }
  return vectorFrom((fr) => ((lowestUnsatisfied.get(fr) ?? 5) - 1) as SecurityLevel);
};

/**
 * Requirements per zone and conduit from its SL-T vector (IEC 62443-3-2 ZCR 6.4 l; 62443-3-3 Annex B), with each
 * requirement's status. Precedence: the file's requirementStatus entry; else an existing countermeasure that lists
 * the requirement and applies to the subject or one of its assets ('met', or 'compensated' when every such
 * countermeasure is compensating); else the SL-C of the subject's assets ('met' when all reach the requirement's
 * level in its FR, 'partial' when some do); else 'open'. SL-A is the declared one or, per FR, the highest level all
 * of whose catalog requirements are satisfied.
 */
export const deriveRequirements = (
  model: SystemModel,
  targets: readonly TargetLevels[],
  catalog: readonly RequirementDefinition[] = SYSTEM_REQUIREMENTS,
): readonly RequirementsResult[] => {
  const subjectAssets = deriveSubjectAssets(model);
  const statusBySubject = new Map<string, Map<string, RequirementStatusEntry>>();
  for (const entry of model.requirementStatus) {
    const entries = statusBySubject.get(entry.subject) ?? new Map<string, RequirementStatusEntry>();
    entries.set(normaliseRequirementId(entry.requirement), entry);
    statusBySubject.set(entry.subject, entries);
  }

  return targets.map((targetLevels): RequirementsResult => {
    const subject = targetLevels.subject;
    const members = subjectAssets(subject.id);
    const applicable = new Map<string, Countermeasure>();
    for (const id of [subject.id, ...members.map((asset) => asset.id)]) {
      for (const countermeasure of model.countermeasuresFor(id)) {
        if (countermeasure.status === 'existing') applicable.set(countermeasure.id, countermeasure);
      }
    }
    const countermeasuresOf = new Map<string, Countermeasure[]>();
    for (const countermeasure of [...applicable.values()].sort(byId)) {
      for (const requirement of new Set((countermeasure.requirements ?? []).map(normaliseRequirementId))) {
        const list = countermeasuresOf.get(requirement) ?? [];
        list.push(countermeasure);
        countermeasuresOf.set(requirement, list);
      }
    }
    const facts: SubjectFacts = {
      statusOf: statusBySubject.get(subject.id) ?? new Map(),
      countermeasuresOf,
      memberCount: members.length,
      capable: countCapable(members),
    };

    const target = targetLevels.target;
    const stateOf = new Map<string, RequirementState>();
    const requirements: RequirementResult[] = [];
    for (const requirement of catalog) {
      const result = evaluate(model, requirement, facts);
      stateOf.set(requirement.id, result.status);
      if (requirement.minLevel <= target[requirement.fr]) {
        requirements.push({ requirement, ...result, isGap: GAPS.has(result.status) });
      }
    }

    const capability = capabilityOf(members);
    const capabilityGaps = capability
      ? FOUNDATIONAL_REQUIREMENTS.filter((fr: Fr) => capability[fr] < target[fr]).map((fr) => ({
          fr,
          target: target[fr],
          capability: capability[fr],
          assets: members
            .filter(
              (asset) =>
                asset.securityLevelCapability !== undefined && asset.securityLevelCapability[fr] < target[fr],
            )
            .map((asset) => refTo(model, 'asset', asset.id)),
        }))
      : [];

    const declared =
      subject.kind === 'zone'
        ? model.zone(subject.id)?.securityLevelAchieved
        : model.conduit(subject.id)?.securityLevelAchieved;

    return {
      subject,
      target,
      ...(capability === undefined ? {} : { capability }),
      achieved: declared ?? achievedFrom(catalog, stateOf),
      achievedBasis: declared ? 'declared' : 'derived',
      requirements,
      counts: {
        selected: requirements.length,
        satisfied: requirements.filter((result) => SATISFIED.has(result.status)).length,
        gaps: requirements.filter((result) => result.isGap).length,
        srs: requirements.filter((result) => !result.requirement.isEnhancement).length,
        res: requirements.filter((result) => result.requirement.isEnhancement).length,
      },
      capabilityGaps,
    };
  });
};
