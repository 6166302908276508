// Public API of the PHA importer: HAZOP/LOPA worksheets as consequence references for threat scenarios.
export { PHA_FIELDS, PHA_COLUMN_GUESSES, type PhaField } from './pha-columns';
export { PHA_DIAGNOSTIC_CODES, type PhaDiagnosticCode } from './pha-diagnostic';
export {
  EMPTY_PHA_MAPPING,
  PHA_SCENARIO_MODES,
  parsePhaMapping,
  type PhaDefaults,
  type PhaMapping,
  type PhaScenarioMode,
  type PhaStudyInfo,
} from './pha-mapping';
export { parseSafeguards, splitListCell, type Safeguard } from './safeguards';
export type { ImpactCategoryScale, SeverityColumn } from './severity-columns';
export type { PhaScenario, PhaStudy } from './read-pha-study';
export {
  ALL_SAFEGUARDS_HACKABLE_MARKER,
  type PhaSummary,
  type ReferenceDraft,
  type ThreatScenarioDraft,
} from './merge-pha-study';
export { importPha, isPhaHeader, type PhaImport, type PhaImportOptions } from './import-pha';
