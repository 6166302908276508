/**
 * Writes `src/api/openapi.json` and `src/api/schema.d.ts` from the server's own OpenAPI document: the app is built
 * in-process on an in-memory SQLite store (no port, no running server), so the typed client always matches the
 * routes in this working tree. Run after changing a route: `npm run generate:api -w @zonewise/web`.
 */
import { writeFileSync } from 'node:fs';
import { API_JSON_FILE, API_TYPES_FILE } from './api-files';
import { readServerOpenApi } from './read-server-openapi';
import { renderApiTypes, renderOpenApiJson } from './render-api-types';

const document = await readServerOpenApi();
writeFileSync(API_JSON_FILE, await renderOpenApiJson(document, API_JSON_FILE));
writeFileSync(API_TYPES_FILE, await renderApiTypes(document, API_TYPES_FILE));
process.stdout.write(
  `wrote src/api/openapi.json and src/api/schema.d.ts (${Object.keys(document.paths ?? {}).length} paths)\n`,
);
