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
export type * from './model/system-model';
export * from './resolve/diagnostic';

// Findings, rules, results
export * from './findings/finding';
export * from './rules/rule';
export type * from './assessment/assessment';
export * from './resolve/resolve-system';
export * from './schema/parse-system-file';
export * from './schema/migrations/migrate';
export * from './security-levels/security-level-vector';
