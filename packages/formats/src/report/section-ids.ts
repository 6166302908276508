/**
 * Anchor ids of the report's top-level sections, in reading order (product.md report outline; ZCR 5.13, 6, 7).
 * They are stable: links into a report, tests and later renderers rely on them.
 */
export const REPORT_SECTION_IDS = [
  'document-control',
  'executive-summary',
  'method',
  'system-under-consideration',
  'initial-risk',
  'zones-and-conduits',
  'detailed-risk',
  'gap-analysis',
  'recommendations',
  'findings',
  'attack-paths',
  'crs',
  'approval',
  'completeness',
  'appendices',
] as const;

/** Anchor ids of the CRS parts (ZCR 6.1–6.9); top-level in the CRS document, nested under `crs` in the report. */
export const CRS_SECTION_IDS = [
  'crs-suc-description',
  'crs-drawings',
  'crs-characteristics',
  'crs-operating-environment',
  'crs-threat-environment',
  'crs-policies',
  'crs-tolerable-risk',
  'crs-regulations',
] as const;

/** Top-level sections of the stand-alone CRS document. */
export const CRS_DOCUMENT_SECTION_IDS = [
  'document-control',
  'crs-introduction',
  ...CRS_SECTION_IDS,
  'approval',
] as const;

/** One of the section ids above. */
export type ReportSectionId = (typeof REPORT_SECTION_IDS)[number] | (typeof CRS_DOCUMENT_SECTION_IDS)[number];
