import { getProject } from '@zonewise/store';
import { createTestServer, type TestServer } from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from './errors';

/** The request body limit (`ZONEWISE_MAX_BODY_BYTES`): larger writes are refused whole; reads are not limited. */
describe('request body limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('sqlite', { maxBodyBytes: 2_000 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 413 body-too-large to a write over the limit and stores nothing; reads still answer', async () => {
    const alice = await server.login('alice');
    const created = await alice.request('POST', '/api/projects', { name: 'Limited' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const before = await getProject(server.deps.store.db, id);

    const text = `formatVersion: 1\nsystem:\n  name: ${'x'.repeat(3_000)}\n`;
    const large = await alice.request('POST', `/api/projects/${id}/import`, text, {
      headers: { 'content-type': 'application/yaml' },
    });
    expect(large.status).toBe(413);
    expect(((await large.json()) as ErrorBody).error.code).toBe('body-too-large');
    expect((await getProject(server.deps.store.db, id))?.revision).toBe(before?.revision);

    const small = await alice.request(
      'POST',
      `/api/projects/${id}/import`,
      'formatVersion: 1\nsystem:\n  name: S\n',
      {
        headers: { 'content-type': 'application/yaml' },
      },
    );
    expect(small.status).toBe(200);
    expect((await alice.request('GET', `/api/projects/${id}/entities/assets`)).status).toBe(200);
    expect((await alice.request('GET', `/api/projects/${id}/export`)).status).toBe(200);
  });
});
