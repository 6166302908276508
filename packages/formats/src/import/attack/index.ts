// Public API of the MITRE ATT&CK for ICS catalog: STIX 2.1 bundle loader, mitigation and technique suggestions.
export type {
  AttackAssetType,
  AttackCatalog,
  AttackMitigates,
  AttackMitigation,
  AttackTactic,
  AttackTechnique,
  Iec62443Reference,
} from './attack-catalog';
export { ATTACK_DIAGNOSTIC_CODES, loadAttackCatalog, type AttackDiagnosticCode } from './load-attack-catalog';
export { suggestMitigations, type MitigationSuggestion } from './suggest-mitigations';
export {
  ATTACK_ASSET_NAMES_BY_KIND,
  suggestScenarioTechniques,
  techniquesTargetingKind,
  type ScenarioText,
  type TechniqueSuggestion,
} from './suggest-scenario-techniques';
export { fillScenarioTechniques, type TechniqueFill } from './fill-scenario-techniques';
