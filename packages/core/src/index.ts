// Public API of @zonewise/core. Other packages import only from here.

// Catalogs
export * from './catalogs/foundational-requirements';
export * from './catalogs/security-levels';
export * from './catalogs/system-requirements';
export * from './catalogs/asset-kinds';
export * from './catalogs/impact-categories';
export * from './catalogs/threat-sources';
export * from './catalogs/default-risk-criteria';

// File format and model
export * from './schema/system-file';
export * from './schema/json-schema';
export type * from './model/system-model';
export * from './resolve/diagnostic';

// Findings, rules, results
export * from './findings/finding';
export * from './rules/rule';
export * from './rules/index';
export * from './rules/channels';
export * from './rules/explicit-target-context';
export * from './findings/run-rules';
export * from './findings/external-findings';
export * from './catalogs/integration-patterns';
export type * from './assessment/assessment';
export * from './resolve/resolve-system';
export * from './schema/parse-system-file';
export * from './schema/migrations/migrate';
export * from './security-levels/security-level-vector';

// Risk, threat scenarios, SL-T and requirements (ZCR 2, 4, 5, 6)
export * from './risk/likelihood-scale';
export * from './risk/risk-matrix';
export * from './risk/worst-consequences';
export * from './risk/subject-assets';
export * from './risk/assess-initial-risk';
export * from './risk/assess-scenarios';
export * from './risk/heat-map';
export * from './threats/threat-rule';
export * from './threats/zone-graph';
export * from './threats/likelihood-basis';
export * from './threats/threat-context';
export * from './threats/compose-scenario';
export * from './threats/cleartext-protocols';
export * from './threats/threat-rules';
export * from './threats/exploitable-vulnerabilities';
export * from './threats/generate-scenarios';
export * from './security-levels/derive-target-levels';
export * from './requirements/select-requirements';
export * from './requirements/derive-requirements';

// Digest, attack paths, completeness, approvals, CRS and diff (ZCR 5, 6, 7)
export * from './hash/sha256';
export * from './hash/canonical-json';
export * from './paths/attack-paths';
export * from './completeness/assess-completeness';
export * from './completeness/assess-approvals';
export * from './gates/assessment-gates';
export * from './crs/assemble-crs';
export * from './diff/changed-paths';
export * from './diff/diff-models';
export * from './diff/diff-assessments';
export * from './diff/model-diff';

// The engine's one entry point
export * from './assessment/assess-system';
export * from './resolve/closest-match';
export * from './findings/consistency-diagnostics';
