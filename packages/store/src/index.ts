/**
 * @zonewise/store: the workbench's persistence. One schema and one set of functions over Kysely for the embedded
 * SQLite database and PostgreSQL; every write is a transaction that also appends to the project's audit chain.
 */
export * from './connect';
export * from './database-schema';
export * from './store-context';
export * from './store-error';
export * from './project-read';
export * from './migrations/migrate';
export * from './audit/audit-chain';
export * from './entities/collections';
export * from './entities/entity-store';
export * from './projects/project-store';
export * from './auth/users';
export * from './auth/sessions';
export * from './auth/api-tokens';
export * from './auth/login-attempts';
export * from './baselines/baseline-store';
export * from './comments/comment-store';
export * from './backup/sqlite-backup';
