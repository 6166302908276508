import { createTestServer, type TestServer } from '@zonewise/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const headersOf = (response: Response) => ({
  requestId: response.headers.get('x-request-id'),
  cacheControl: response.headers.get('cache-control'),
  security: Object.fromEntries(
    Object.keys(SECURITY_HEADERS).map((name) => [name, response.headers.get(name)]),
  ),
});

/** Every answer carries the request id and the security headers, and is not cached unless a route says so. */
describe('security headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('sqlite');
  });
  afterAll(async () => {
    await server.close();
  });

  it('are on JSON, text, error and not-found answers, with the request id the client sent', async () => {
    const alice = await server.login('alice');
    const created = await alice.request('POST', '/api/projects', { name: 'Headers' });
    const { id } = (await created.json()) as { id: string };
    const answers = [
      created,
      await alice.request('GET', `/api/projects/${id}/entities/assets?limit=5`),
      await alice.request('GET', `/api/projects/${id}/export`),
      await server.anonymous('GET', `/api/projects/${id}`),
      await alice.request('GET', '/api/no-such-route'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 200, 200, 401, 404]);
    for (const answer of answers) {
      const headers = headersOf(answer);
      expect(headers.security).toEqual(SECURITY_HEADERS);
      expect(headers.requestId).toMatch(/^[\w.-]{1,64}$/);
      expect(headers.cacheControl).toBe('no-store');
    }
    const tagged = await server.anonymous('GET', '/api/health', undefined, { 'x-request-id': 'trace-42' });
    expect(headersOf(tagged).requestId).toBe('trace-42');
  });

  it('are added to responses whose headers may not change, and keep a route’s own Cache-Control', async () => {
    const app = createApp(server.deps);
    app.get('/api/test/redirect', () => Response.redirect('http://127.0.0.1/elsewhere', 302));
    app.get('/api/test/cached', (c) => {
      c.header('Cache-Control', 'public, max-age=60');
      return c.text('cached');
    });
    const redirect = await app.request('/api/test/redirect');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('http://127.0.0.1/elsewhere');
    expect(headersOf(redirect).security).toEqual(SECURITY_HEADERS);
    const cached = await app.request('/api/test/cached');
    expect(headersOf(cached)).toMatchObject({
      cacheControl: 'public, max-age=60',
      security: SECURITY_HEADERS,
    });
  });
});
