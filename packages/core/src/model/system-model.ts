import type { AssetKindDefinition, AssetAttributeName } from '../catalogs/asset-kinds';
import type { Fr } from '../catalogs/foundational-requirements';
import type { SecurityLevel } from '../catalogs/security-levels';
import type { ThreatSourceDefinition } from '../catalogs/threat-sources';
import type {
  AccessPointInput,
  ApprovalInput,
  AssetInput,
  ChannelInput,
  ConduitInput,
  CountermeasureInput,
  DataFlowInput,
  RequirementStatusInput,
  SystemFile,
  ThreatScenarioInput,
  TriageInput,
  VulnerabilityInput,
  ZoneInput,
} from '../schema/system-file';

/** SL vector in FR order {IAC UC SI DC RDF TRE RA}, e.g. SL-T(BPCS zone) = {2 2 0 1 3 1 3}. */
export type SecurityLevelVector = Readonly<Record<Fr, SecurityLevel>>;

/** The kinds of entity in a model; ids are unique across all of them. */
export type EntityKind =
  | 'system'
  | 'asset'
  | 'zone'
  | 'conduit'
  | 'access-point'
  | 'data-flow'
  | 'threat-scenario'
  | 'vulnerability'
  | 'countermeasure'
  | 'approval'
  | 'threat-source';

/** A pointer to one entity, used as evidence and in diffs. */
export interface EntityRef {
  readonly kind: EntityKind;
  readonly id: string;
  readonly name?: string;
}

/** Asset attributes after applying the kind's defaults and the asset's overrides. */
export type AssetAttributes = Readonly<Record<AssetAttributeName, boolean>>;

export interface Asset extends Omit<AssetInput, 'kind' | 'securityLevelCapability' | 'attributes'> {
  readonly kind: AssetKindDefinition;
  readonly attributes: AssetAttributes;
  readonly securityLevelCapability?: SecurityLevelVector;
  /** Worst impact level over all categories (0 when not rated). */
  readonly worstImpact: number;
}

export interface Zone extends Omit<ZoneInput, 'securityLevelTarget' | 'securityLevelAchieved' | 'assets'> {
  readonly assetIds: readonly string[];
  readonly explicitTarget?: { readonly levels: SecurityLevelVector; readonly justification: string };
  readonly securityLevelAchieved?: SecurityLevelVector;
  /** Safety designation: the file's flag, or true when any asset in it is safety-related. */
  readonly isSafetyRelated: boolean;
}

export type Channel = ChannelInput;

export interface Conduit extends Omit<
  ConduitInput,
  'securityLevelTarget' | 'securityLevelAchieved' | 'channels' | 'enforcement' | 'isExternal'
> {
  readonly channels: readonly Channel[];
  readonly enforcement: NonNullable<ConduitInput['enforcement']>;
  readonly explicitTarget?: { readonly levels: SecurityLevelVector; readonly justification: string };
  readonly securityLevelAchieved?: SecurityLevelVector;
  readonly isExternal: boolean;
}

export type AccessPoint = AccessPointInput;
export type DataFlow = DataFlowInput;
export interface ThreatScenario extends Omit<ThreatScenarioInput, 'frs'> {
  readonly frs: readonly Fr[];
}
export type Vulnerability = VulnerabilityInput;
export type Countermeasure = CountermeasureInput;
export type RequirementStatusEntry = RequirementStatusInput;
export type Approval = ApprovalInput;
export type Triage = TriageInput;

/** Risk criteria after resolution: the file's or the defaults, checked for consistency (ZCR 6.8). */
export interface RiskCriteria {
  readonly likelihood: {
    readonly direction: 'ascending' | 'descending';
    readonly levels: readonly {
      readonly level: number;
      readonly label: string;
      readonly description?: string | undefined;
    }[];
  };
  readonly impactCategories: readonly {
    readonly id: string;
    readonly name: string;
    readonly levels: readonly string[];
  }[];
  /** Bands from lowest to highest; `rank` is the index. */
  readonly bands: readonly {
    readonly id: string;
    readonly label: string;
    readonly securityLevel: SecurityLevel;
    readonly color?: string | undefined;
    readonly rank: number;
  }[];
  /** matrix[likelihood - 1][impact - 1] = band id. */
  readonly matrix: readonly (readonly string[])[];
  readonly tolerable: string;
  readonly securityLevelTarget: {
    readonly method: 'risk-band' | 'attacker-capability';
    readonly floor: SecurityLevel;
  };
  /** True when the file gave no criteria and the built-in ones are used. */
  readonly isDefault: boolean;
}

/**
 * The resolved, readonly domain model with indices. Built by `resolveSystem`; every reference in it exists.
 * Collections are sorted by id so that every consumer sees one order whatever the input order was.
 */
export interface SystemModel {
  readonly file: SystemFile;
  readonly system: SystemFile['system'];
  readonly assessment: NonNullable<SystemFile['assessment']>;
  readonly riskCriteria: RiskCriteria;
  readonly threatSources: readonly ThreatSourceDefinition[];
  readonly assets: readonly Asset[];
  readonly zones: readonly Zone[];
  readonly conduits: readonly Conduit[];
  readonly accessPoints: readonly AccessPoint[];
  readonly dataFlows: readonly DataFlow[];
  readonly threatScenarios: readonly ThreatScenario[];
  readonly vulnerabilities: readonly Vulnerability[];
  readonly countermeasures: readonly Countermeasure[];
  readonly requirementStatus: readonly RequirementStatusEntry[];
  readonly triage: readonly Triage[];
  readonly approvals: readonly Approval[];

  readonly asset: (id: string) => Asset | undefined;
  readonly zone: (id: string) => Zone | undefined;
  readonly conduit: (id: string) => Conduit | undefined;
  readonly accessPoint: (id: string) => AccessPoint | undefined;
  readonly countermeasure: (id: string) => Countermeasure | undefined;
  readonly vulnerability: (id: string) => Vulnerability | undefined;
  readonly threatSource: (id: string) => ThreatSourceDefinition | undefined;
  /** Kind of the entity with this id, if any. */
  readonly kindOf: (id: string) => EntityKind | undefined;
  readonly refOf: (id: string) => EntityRef | undefined;
  /** The zone an asset belongs to (undefined for assets out of scope, unassigned, or placed in a conduit). */
  readonly zoneOf: (assetId: string) => Zone | undefined;
  /** The conduit a network device is placed in, if any. */
  readonly conduitOf: (assetId: string) => Conduit | undefined;
  readonly assetsIn: (zoneId: string) => readonly Asset[];
  /** Conduits joining both zones, sorted by id. */
  readonly conduitsBetween: (zoneA: string, zoneB: string) => readonly Conduit[];
  /** Conduits touching a zone, sorted by id. */
  readonly conduitsOf: (zoneId: string) => readonly Conduit[];
  readonly vulnerabilitiesOf: (assetId: string) => readonly Vulnerability[];
  /** Countermeasures whose appliesTo names this entity id, sorted by id. */
  readonly countermeasuresFor: (entityId: string) => readonly Countermeasure[];
}
