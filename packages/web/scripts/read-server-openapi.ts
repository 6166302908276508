import { createTestServer } from '@zonewise/server/testing';

/** An OpenAPI document as the server serves it (only the parts the generator looks at are typed). */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** Builds the server app on an in-memory SQLite store and reads its `/api/openapi.json`. */
export const readServerOpenApi = async (): Promise<OpenApiDocument> => {
  const server = await createTestServer('sqlite');
  try {
    const response = await server.anonymous('GET', '/api/openapi.json');
    if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
    return (await response.json()) as OpenApiDocument;
  } finally {
    await server.close();
  }
};
