/**
 * MITRE ATT&CK for ICS as a threat catalog: what `loadAttackCatalog` reads out of the STIX 2.1 bundle. Every id
 * comes from the bundle, so a newer release loads without code changes.
 */

/** A tactic (TA01xx): the adversary's goal at a step of an attack. */
export interface AttackTactic {
  readonly id: string;
  readonly name: string;
  /** The phase name techniques use in `kill_chain_phases` (`inhibit-response-function`). */
  readonly shortName: string;
  /** Position in the matrix, 0 first (Initial Access … Impact). */
  readonly order: number;
}

/** An asset type (A00xx) techniques target, with the synonyms ATT&CK lists for it. */
export interface AttackAssetType {
  readonly id: string;
  readonly name: string;
  readonly platforms: readonly string[];
  /** Names of related assets ("Engineering Workstation (EWS)" under Workstation). */
  readonly relatedNames: readonly string[];
}

/** A technique (T08xx) with its tactics and the asset types it targets. */
export interface AttackTechnique {
  readonly id: string;
  readonly name: string;
  /** Tactic ids in matrix order. */
  readonly tactics: readonly string[];
  /** `x_mitre_platforms`: in older releases the only statement of what a technique targets. */
  readonly platforms: readonly string[];
  /** Asset type ids from `targets` relationships, sorted. */
  readonly assetTypes: readonly string[];
  readonly isSubtechnique: boolean;
  readonly url?: string;
}

/** One IEC 62443 requirement a mitigation maps to, as ATT&CK labels it ("IEC 62443-3-3:2013 - SR 5.4"). */
export interface Iec62443Reference {
  /** `IEC 62443-3-3` (system requirements) or `IEC 62443-4-2` (component requirements). */
  readonly standard: string;
  readonly edition?: string;
  /** `SR 5.4`, `CR 1.1`, `EDR 3.2`, `HDR 2.4`, … */
  readonly requirement: string;
}

/** A mitigation (M08xx/M09xx) with its IEC 62443 mapping. */
export interface AttackMitigation {
  readonly id: string;
  readonly name: string;
  readonly iec62443: readonly Iec62443Reference[];
  /** The IEC 62443-3-3 system requirements among them, sorted ("SR 1.1", "SR 5.4"). */
  readonly systemRequirements: readonly string[];
  /** Other labels the bundle gives (NIST SP 800-53 controls, …). */
  readonly otherLabels: readonly string[];
  readonly url?: string;
}

/** A `mitigates` relationship between two active objects. */
export interface AttackMitigates {
  readonly mitigation: string;
  readonly technique: string;
}

/** The catalog: active (not revoked, not deprecated) objects only, each list sorted by id. */
export interface AttackCatalog {
  readonly name: string;
  /** The release (`x_mitre_version` of the collection, e.g. "18.1"); "unknown" when the bundle does not say. */
  readonly version: string;
  readonly attackSpecVersion?: string;
  readonly modified?: string;
  readonly tactics: readonly AttackTactic[];
  readonly techniques: readonly AttackTechnique[];
  readonly mitigations: readonly AttackMitigation[];
  readonly assetTypes: readonly AttackAssetType[];
  readonly mitigates: readonly AttackMitigates[];
  readonly counts: {
    readonly objects: number;
    /** Objects left out because they are revoked or deprecated. */
    readonly inactive: number;
  };
}
