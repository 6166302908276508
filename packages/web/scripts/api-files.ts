import { fileURLToPath } from 'node:url';

/** The checked-in OpenAPI document the web client is generated from. */
export const API_JSON_FILE = fileURLToPath(new URL('../src/api/openapi.json', import.meta.url));

/** The generated types of that document. */
export const API_TYPES_FILE = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));
