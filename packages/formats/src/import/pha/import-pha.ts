import { DEFAULT_IMPACT_CATEGORIES, type Diagnostic, type SystemFileInput } from '@zonewise/core';
import { isKnownColumnName } from '../tabular/resolve-columns';
import type { Table } from '../tabular/table';
import { PHA_COLUMN_GUESSES } from './pha-columns';
import { EMPTY_PHA_MAPPING, type PhaMapping } from './pha-mapping';
import {
  checkPhaDefaults,
  mergePhaStudy,
  type PhaSummary,
  type ReferenceDraft,
  type ThreatScenarioDraft,
} from './merge-pha-study';
import { readPhaStudy, type PhaStudy } from './read-pha-study';

/** Options of {@link importPha}. */
export interface PhaImportOptions {
  readonly mapping?: PhaMapping;
  /** The assessment (as loaded) to merge into; its impact categories and scales are used. */
  readonly into?: SystemFileInput;
}

/** The outcome of a PHA import. Any error diagnostic means nothing should be written. */
export interface PhaImport {
  readonly study?: PhaStudy;
  /** The `system.references` entry of the study, as written. */
  readonly reference?: ReferenceDraft;
  /** The threat scenarios created or changed, as written. */
  readonly threatScenarios: readonly ThreatScenarioDraft[];
  /** The assessment with the study merged in (only with `into` and no error). */
  readonly file?: SystemFileInput;
  readonly summary?: PhaSummary;
  readonly diagnostics: readonly Diagnostic[];
}

/** Whether a header names a PHA column, by the guesses or the mapping; for the header-row detection. */
export const isPhaHeader = (name: string, mapping: PhaMapping = EMPTY_PHA_MAPPING): boolean =>
  isKnownColumnName(name, PHA_COLUMN_GUESSES, mapping.columns) ||
  [...mapping.severities.keys()].some(
    (header) => header.trim().toLowerCase() === name.trim().toLowerCase(),
  ) ||
  /\bseverity\b/i.test(name);

const EMPTY_ASSESSMENT: SystemFileInput = { formatVersion: 1, system: { name: 'PHA import' } };

/**
 * Imports a HAZOP/LOPA worksheet (CSV or XLSX, read by `readTable`) as consequence references (IEC 62443-3-2
 * ZCR 5.3 takes the worst-case consequence from the PHA where one exists): one `system.references` entry for the
 * study and one linked threat scenario per PHA scenario, consequences copied from the PHA severities. Without an
 * assessment the default impact categories are used and the entries that would be written are returned.
 */
export const importPha = (table: Table, options: PhaImportOptions = {}): PhaImport => {
  const mapping = options.mapping ?? EMPTY_PHA_MAPPING;
  const categories = options.into?.riskCriteria?.impactCategories ?? DEFAULT_IMPACT_CATEGORIES;
  const checked = options.into === undefined ? [] : checkPhaDefaults(options.into, mapping);
  const read = readPhaStudy(table, categories, mapping);
  const diagnostics = [...checked, ...read.diagnostics];
  if (read.study === undefined || diagnostics.some((diagnostic) => diagnostic.severity === 'error')) {
    return { threatScenarios: [], diagnostics };
  }
  const merged = mergePhaStudy(options.into ?? EMPTY_ASSESSMENT, read.study, mapping);
  return {
    study: read.study,
    reference: merged.reference,
    threatScenarios: merged.threatScenarios,
    ...(options.into === undefined ? {} : { file: merged.file }),
    summary: merged.summary,
    diagnostics: [...diagnostics, ...merged.diagnostics],
  };
};
