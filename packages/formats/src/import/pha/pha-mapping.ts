import type { Diagnostic } from '@zonewise/core';
import type { AssessmentSource } from '../../project-file/locate-diagnostics';
import { readDelimiter, type MappingReader } from '../tabular/import-mapping';
import { PHA_FIELDS, type PhaField } from './pha-columns';

/** Which PHA scenarios get a threat scenario of their own. */
export const PHA_SCENARIO_MODES = ['all', 'hackable', 'existing'] as const;

/**
 * `all`: every PHA scenario; `hackable`: those with at least one hackable safeguard; `existing`: none are created,
 * only threat scenarios that already link to a PHA scenario are updated.
 */
export type PhaScenarioMode = (typeof PHA_SCENARIO_MODES)[number];

/** The study (one `system.references` entry) a worksheet becomes. */
export interface PhaStudyInfo {
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly url?: string;
}

/** Values for the threat scenarios the import creates. */
export interface PhaDefaults {
  /** Threat source id (built in or in `threatSources`); `hacktivist` when absent. */
  readonly source?: string;
  /** Unmitigated likelihood; the most likely level of the scale when absent (a cyber cause is assumed to happen). */
  readonly likelihood?: number;
  readonly zone?: string;
  /** Impact category of a severity column that names none ("Severity"); `health-safety` when absent. */
  readonly severityCategory?: string;
}

/**
 * How a HAZOP/LOPA worksheet maps onto the assessment (`--map`): the study, column names, severity columns per
 * impact category id, the direction of the severity scale, defaults for new threat scenarios, and which PHA
 * scenarios become threat scenarios.
 */
export interface PhaMapping {
  readonly study: PhaStudyInfo;
  readonly columns: Partial<Record<PhaField, readonly string[]>>;
  /** Column header (as written) → impact category id. */
  readonly severities: ReadonlyMap<string, string>;
  /** `descending`: 1 is the worst severity, as in some corporate matrices. */
  readonly severityScale: 'ascending' | 'descending';
  /** Top of a descending scale; the category's level count when absent. */
  readonly severityLevels?: number;
  readonly defaults: PhaDefaults;
  readonly scenarios: PhaScenarioMode;
  readonly sheet?: string;
  readonly delimiter?: string;
  readonly source?: AssessmentSource;
}

/** The mapping used without `--map`. */
export const EMPTY_PHA_MAPPING: PhaMapping = {
  study: {},
  columns: {},
  severities: new Map(),
  severityScale: 'ascending',
  defaults: {},
  scenarios: 'all',
};

/**
 * Reads a PHA mapping from a loaded `--map` file:
 * `{ study: { id, title, url }, columns: { id: Ref, safeguards: IPLs }, severities: { 'S (Safety)': health-safety },
 *    severityScale: ascending, defaults: { source, likelihood, zone }, scenarios: all, sheet, delimiter }`.
 * Impact category, threat source and zone ids are checked against the assessment at import time.
 */
export const parsePhaMapping = (
  reader: MappingReader,
): { readonly mapping: PhaMapping; readonly diagnostics: readonly Diagnostic[] } => {
  const { data } = reader;
  reader.knownKeys([], data, [
    'study',
    'columns',
    'severities',
    'severityScale',
    'severityLevels',
    'defaults',
    'scenarios',
    'sheet',
    'delimiter',
  ]);
  const study: { -readonly [K in keyof PhaStudyInfo]: PhaStudyInfo[K] } = {};
  const studyData = data['study'] === undefined ? undefined : reader.record(['study'], data['study']);
  if (studyData !== undefined) {
    reader.knownKeys(['study'], studyData, ['id', 'title', 'description', 'url']);
    for (const field of ['id', 'title', 'description', 'url'] as const) {
      if (studyData[field] === undefined) continue;
      const value = reader.text(['study', field], studyData[field]);
      if (value !== undefined) study[field] = value;
    }
  }
  const columns: Partial<Record<PhaField, readonly string[]>> = {};
  const columnData = data['columns'] === undefined ? undefined : reader.record(['columns'], data['columns']);
  if (columnData !== undefined) {
    reader.knownKeys(['columns'], columnData, PHA_FIELDS);
    for (const field of PHA_FIELDS) {
      if (columnData[field] === undefined) continue;
      const names = reader.textList(['columns', field], columnData[field]);
      if (names !== undefined) columns[field] = names;
    }
  }
  const severities = new Map<string, string>();
  const severityData =
    data['severities'] === undefined ? undefined : reader.record(['severities'], data['severities']);
  for (const [header, value] of Object.entries(severityData ?? {})) {
    const category = reader.text(['severities', header], value);
    if (category !== undefined) severities.set(header, category);
  }
  const severityScale =
    data['severityScale'] === undefined
      ? 'ascending'
      : (reader.oneOf(['severityScale'], data['severityScale'], ['ascending', 'descending'] as const) ??
        'ascending');
  const severityLevels =
    data['severityLevels'] === undefined
      ? undefined
      : reader.integer(['severityLevels'], data['severityLevels'], 2, 10);
  const defaults: { -readonly [K in keyof PhaDefaults]: PhaDefaults[K] } = {};
  const defaultData =
    data['defaults'] === undefined ? undefined : reader.record(['defaults'], data['defaults']);
  if (defaultData !== undefined) {
    reader.knownKeys(['defaults'], defaultData, ['source', 'likelihood', 'zone', 'severityCategory']);
    for (const field of ['source', 'zone', 'severityCategory'] as const) {
      if (defaultData[field] === undefined) continue;
      const value = reader.text(['defaults', field], defaultData[field]);
      if (value !== undefined) defaults[field] = value;
    }
    if (defaultData['likelihood'] !== undefined) {
      const level = reader.integer(['defaults', 'likelihood'], defaultData['likelihood'], 1, 10);
      if (level !== undefined) defaults.likelihood = level;
    }
  }
  const scenarios =
    data['scenarios'] === undefined
      ? 'all'
      : (reader.oneOf(['scenarios'], data['scenarios'], PHA_SCENARIO_MODES) ?? 'all');
  const sheet = data['sheet'] === undefined ? undefined : reader.text(['sheet'], data['sheet']);
  const delimiter = data['delimiter'] === undefined ? undefined : readDelimiter(reader, data['delimiter']);
  return {
    mapping: {
      study,
      columns,
      severities,
      severityScale,
      ...(severityLevels === undefined ? {} : { severityLevels }),
      defaults,
      scenarios,
      ...(sheet === undefined ? {} : { sheet }),
      ...(delimiter === undefined ? {} : { delimiter }),
      source: reader.source,
    },
    diagnostics: reader.diagnostics(),
  };
};
