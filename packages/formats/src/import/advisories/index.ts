// Public API of the CSAF advisory importer: validation, reading, matching to assets and merging as vulnerabilities.
export { validateCsafDocument, type CsafValidation } from './validate-csaf-document';
export { parseJsonText, type JsonTextResult } from './parse-json-text';
export { isCsafDocument, readCsafAdvisory, type CsafReadResult } from './read-csaf-advisory';
export {
  AFFECTED_STATUSES,
  CSAF_PRODUCT_STATUSES,
  NOT_AFFECTED_STATUSES,
  type CsafAdvisory,
  type CsafProduct,
  type CsafProductStatus,
  type CsafRemediation,
  type CsafScore,
  type CsafVulnerability,
} from './csaf-advisory';
export {
  isScoreMismatch,
  scoreCvssVector,
  type CvssRating,
  type CvssScoring,
  type CvssVersion,
} from './cvss-score';
export { loadKevCatalog, type KevCatalog, type KevEntry, type KevLoadResult } from './kev-catalog';
export {
  checkVersion,
  compareVersions,
  parseVersion,
  parseVersionSpec,
  type ParsedVersion,
  type VersionConstraint,
  type VersionOperator,
  type VersionSpec,
  type VersionVerdict,
} from './version-range';
export { normaliseVendorName, VENDOR_ALIASES, vendorKey, vendorKeys } from './vendor-name';
export {
  compactModel,
  modelLookupKeys,
  modelTokens,
  normaliseProductName,
  productWords,
} from './product-name';
export {
  buildAdvisoryIndex,
  type AdvisoryIndex,
  type IndexedProduct,
  type ProductVulnerability,
  type VendorProducts,
} from './advisory-index';
export {
  MATCH_CONFIDENCES,
  matchAdvisories,
  type AdvisoryAsset,
  type AdvisoryMatch,
  type AdvisoryMatchResult,
  type MatchConfidence,
  type MatchOptions,
  type MatchReason,
  type ProductEvidence,
} from './match-advisories';
export {
  mergeAdvisoryMatches,
  type AdvisoryMergeOptions,
  type AdvisoryMergeResult,
  type VulnerabilityEntry,
} from './merge-advisory-matches';
export { summariseAdvisories, type AdvisoryStatistics } from './summarise-advisories';
