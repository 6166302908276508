/** @zonewise/server: the workbench HTTP API (Hono + OpenAPI) over @zonewise/store. */
export * from './app';
export * from './env';
export * from './errors';
export * from './auth/passwords';
export * from './auth/authenticate';
export * from './auth/access';
