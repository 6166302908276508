import type { Fr } from '../catalogs/foundational-requirements';
import type { SecurityLevel } from '../catalogs/security-levels';
import type { RequirementDefinition } from '../catalogs/system-requirements';
import type { Finding, StandardReference } from '../findings/finding';
import type { EntityRef, SecurityLevelVector, SystemModel } from '../model/system-model';
import type { Diagnostic } from '../resolve/diagnostic';

/** A risk rating: likelihood × worst impact → band (ZCR 2, 5.5, 5.10). */
export interface RiskRating {
  readonly likelihood: number;
  readonly impact: number;
  readonly band: string;
  /** Index of the band, 0 = lowest. */
  readonly rank: number;
  readonly isTolerable: boolean;
}

/** ZCR 2 + ZCR 4 for one zone or conduit: worst-case risk with likelihood at its maximum. */
export interface InitialRisk {
  readonly subject: EntityRef;
  readonly rating: RiskRating;
  /** Impact per category (worst over the zone's assets). */
  readonly impacts: Readonly<Record<string, number>>;
  /** The assets that set the worst impact. */
  readonly drivers: readonly EntityRef[];
  /** ZCR 4.1: initial risk exceeds tolerable, so a detailed assessment (ZCR 5) is required. */
  readonly requiresDetailedAssessment: boolean;
}

/** Where a scenario came from: the file, or a threat rule applied to the model. */
export type ScenarioOrigin = { readonly kind: 'file' } | { readonly kind: 'rule'; readonly ruleId: string };

/** One step that changed a likelihood, for the rationale. */
export interface LikelihoodFactor {
  readonly label: string;
  readonly delta: number;
  readonly evidence?: readonly EntityRef[];
}

/** ZCR 5.1–5.11 for one threat scenario. */
export interface ScenarioAssessment {
  readonly id: string;
  readonly title: string;
  readonly origin: ScenarioOrigin;
  readonly source: EntityRef & { readonly capability: SecurityLevel };
  readonly entryPoint?: EntityRef;
  /** The zone or conduit this scenario is assessed in. */
  readonly subject: EntityRef;
  readonly targets: readonly EntityRef[];
  readonly techniques: readonly string[];
  readonly vulnerabilities: readonly EntityRef[];
  readonly frs: readonly Fr[];
  readonly consequences: Readonly<Record<string, number>>;
  readonly consequenceReference?: string;
  readonly likelihoodFactors: readonly LikelihoodFactor[];
  readonly unmitigated: RiskRating;
  /** Existing countermeasures credited (ZCR 5.8). */
  readonly existingCountermeasures: readonly EntityRef[];
  /** With existing countermeasures (ZCR 5.9–5.11). */
  readonly residual: RiskRating;
  readonly plannedCountermeasures: readonly EntityRef[];
  /** With existing and planned countermeasures (ZCR 5.12). */
  readonly projected: RiskRating;
  /** SL this scenario asks for, by the selected method, and why. */
  readonly securityLevel: SecurityLevel;
  readonly securityLevelReason: string;
  /** ZCR 5.12: requirements that address the scenario's FRs and are not yet met, when residual > tolerable. */
  readonly suggestedRequirements: readonly string[];
  readonly description?: string;
}

/** Why one FR of an SL-T vector has its value. */
export interface FrReason {
  readonly fr: Fr;
  readonly level: SecurityLevel;
  readonly basis: 'scenario' | 'floor' | 'explicit' | 'zones' | 'rule';
  /** Scenario ids, zone ids or rule ids that set this level. */
  readonly sources: readonly string[];
  readonly text: string;
}

/** SL-T of one zone or conduit (ZCR 5.6). */
export interface TargetLevels {
  readonly subject: EntityRef;
  readonly method: 'risk-band' | 'attacker-capability' | 'explicit' | 'zones';
  readonly target: SecurityLevelVector;
  /** What the scenarios alone would give (equals target unless set explicitly). */
  readonly derived: SecurityLevelVector;
  readonly reasons: readonly FrReason[];
  readonly justification?: string;
}

/** Derived status of one requirement in one zone or conduit. */
export type RequirementState = 'met' | 'partial' | 'not-met' | 'compensated' | 'not-applicable' | 'open';

export interface RequirementResult {
  readonly requirement: RequirementDefinition;
  readonly status: RequirementState;
  /** Where the status comes from. */
  readonly basis: 'status-entry' | 'countermeasure' | 'capability' | 'none';
  readonly countermeasures: readonly EntityRef[];
  readonly evidence?: string;
  readonly justification?: string;
  /** True when the requirement is selected but not satisfied (not-met, partial or open). */
  readonly isGap: boolean;
}

/** ZCR 6 per zone or conduit: requirements by SL-T, SL-C, SL-A and gaps. */
export interface RequirementsResult {
  readonly subject: EntityRef;
  readonly target: SecurityLevelVector;
  /** Per FR, the weakest SL-C of the assets in the zone that declare one (undefined when none do). */
  readonly capability?: SecurityLevelVector;
  /** SL-A per FR: the file's, or the highest level whose requirements are all satisfied. */
  readonly achieved: SecurityLevelVector;
  readonly achievedBasis: 'declared' | 'derived';
  readonly requirements: readonly RequirementResult[];
  readonly counts: {
    readonly selected: number;
    readonly satisfied: number;
    readonly gaps: number;
    readonly srs: number;
    readonly res: number;
  };
  /** FRs where SL-C < SL-T, with the assets that limit it. */
  readonly capabilityGaps: readonly {
    readonly fr: Fr;
    readonly target: SecurityLevel;
    readonly capability: SecurityLevel;
    readonly assets: readonly EntityRef[];
  }[];
}

/** One attack path from an access point to a zone holding critical assets, through conduits (zone level). */
export interface AttackPath {
  readonly id: string;
  readonly accessPoint: EntityRef;
  readonly target: EntityRef;
  /** Zones in order, entry zone first. */
  readonly zones: readonly EntityRef[];
  readonly conduits: readonly EntityRef[];
  /** Sum over conduits of their weakest SL-A (or SL-T when SL-A is unknown); lower = weaker. */
  readonly strength: number;
  /** Conduits on the path without any existing countermeasure or enforcement. */
  readonly unprotectedConduits: readonly EntityRef[];
  readonly isWeakest: boolean;
  readonly targetImpact: number;
}

/** Completeness of one ZCR step. */
export interface StepCompleteness {
  readonly step: string;
  readonly title: string;
  readonly reference: StandardReference;
  readonly isComplete: boolean;
  readonly missing: readonly string[];
}

/** ZCR 6.4 attributes a–n for one zone or conduit. */
export interface CrsCharacteristics {
  readonly subject: EntityRef;
  readonly a_identifier: string;
  readonly b_accountableOrganisation?: string;
  readonly c_logicalBoundary?: string;
  readonly d_physicalBoundary?: string;
  readonly e_isSafetyRelated: boolean;
  readonly f_logicalAccessPoints: readonly EntityRef[];
  readonly g_physicalAccessPoints: readonly EntityRef[];
  readonly h_dataFlows: readonly {
    readonly flow: EntityRef;
    readonly from: string;
    readonly to: string;
    readonly protocol: string;
    readonly port?: string;
    readonly accessPoint?: string;
  }[];
  readonly i_connected: readonly EntityRef[];
  readonly j_assets: readonly {
    readonly asset: EntityRef;
    readonly kind: string;
    readonly worstImpact: number;
    readonly isSafetyRelated: boolean;
  }[];
  readonly k_targetLevels: SecurityLevelVector;
  readonly l_requirements: readonly {
    readonly id: string;
    readonly status: RequirementState;
    readonly compensatedBy: readonly string[];
  }[];
  readonly m_policies: readonly EntityRef[] | readonly { readonly id: string; readonly title: string }[];
  readonly n_assumptions: readonly string[];
}

/** The CRS (ZCR 6.1–6.9). */
export interface Crs {
  readonly system: SystemModel['system'];
  readonly characteristics: readonly CrsCharacteristics[];
  readonly operatingEnvironmentAssumptions: readonly string[];
  readonly threatEnvironment: NonNullable<SystemModel['system']['threatEnvironment']>;
  readonly policies: readonly {
    readonly id: string;
    readonly title: string;
    readonly description?: string;
  }[];
  readonly tolerableRisk: {
    readonly band: string;
    readonly label: string;
    readonly criteria: SystemModel['riskCriteria'];
  };
  readonly regulations: readonly {
    readonly id: string;
    readonly title: string;
    readonly description?: string;
  }[];
}

/** ZCR 7: approval validity. */
export interface ApprovalState {
  readonly approval: SystemModel['approvals'][number];
  readonly isStale: boolean;
}

/** Counts for the heat map: matrix[likelihood-1][impact-1] = scenario ids. */
export type HeatMap = readonly (readonly (readonly string[])[])[];

/** Everything the engine derives from one model. Deterministic: same model, same value. */
export interface Assessment {
  readonly engineVersion: string;
  /** SHA-256 of the canonical model (approvals excluded): what an approval signs. */
  readonly modelSha256: string;
  readonly system: { readonly name: string; readonly id?: string };
  readonly counts: {
    readonly assets: number;
    readonly zones: number;
    readonly conduits: number;
    readonly accessPoints: number;
    readonly dataFlows: number;
    readonly scenarios: number;
    readonly vulnerabilities: number;
    readonly countermeasures: number;
  };
  readonly warnings: readonly Diagnostic[];
  readonly findings: readonly Finding[];
  readonly initialRisk: readonly InitialRisk[];
  /** Worst initial risk over the SuC (ZCR 2 / ZCR 4). */
  readonly systemInitialRisk?: RiskRating;
  readonly scenarios: readonly ScenarioAssessment[];
  readonly heatMaps: { readonly initial: HeatMap; readonly unmitigated: HeatMap; readonly residual: HeatMap };
  readonly targets: readonly TargetLevels[];
  readonly requirements: readonly RequirementsResult[];
  readonly attackPaths: readonly AttackPath[];
  readonly completeness: readonly StepCompleteness[];
  readonly crs: Crs;
  readonly approvals: readonly ApprovalState[];
  readonly summary: {
    readonly scenariosAboveTolerable: {
      readonly unmitigated: number;
      readonly residual: number;
      readonly projected: number;
    };
    readonly findingsBySeverity: Readonly<Record<string, number>>;
    readonly openFindings: number;
    readonly requirementGaps: number;
    readonly isComplete: boolean;
    readonly hasValidApproval: boolean;
  };
}
