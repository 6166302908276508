import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_JSON_FILE, API_TYPES_FILE } from '../scripts/api-files';
import { readServerOpenApi } from '../scripts/read-server-openapi';
import { renderApiTypes, renderOpenApiJson } from '../scripts/render-api-types';

describe('the web client schema', () => {
  it('matches the routes of the server in this tree (run npm run generate:api -w @zonewise/web when it fails)', async () => {
    const document = await readServerOpenApi();
    expect(readFileSync(API_JSON_FILE, 'utf8')).toBe(await renderOpenApiJson(document, API_JSON_FILE));
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await renderApiTypes(document, API_TYPES_FILE));
  });
});
