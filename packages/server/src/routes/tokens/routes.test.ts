import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

interface ErrorJson {
  error: { code: string; diagnostics?: { path: (string | number)[] }[] };
}
interface TokenJson {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const codeOf = async (response: Response) => ((await response.json()) as ErrorJson).error.code;

for (const dialect of TEST_DIALECTS) {
  describe(`API token routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let bob: TestClient;
    let root: TestClient;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      alice = await server.login('alice');
      bob = await server.login('bob');
      root = await server.login('root', { isAdmin: true });
    });
    afterAll(() => server.close());

    const bearer = (secret: string, method: string, path: string, body?: unknown) =>
      server.anonymous(method, path, body, { authorization: `Bearer ${secret}` });

    const createToken = async (client: TestClient, name: string) => {
      const response = await client.request('POST', '/api/tokens', { name });
      expect(response.status).toBe(201);
      return (await response.json()) as { token: TokenJson; secret: string };
    };

    it('creates a token whose secret is shown once and authenticates Bearer requests', async () => {
      const { token, secret } = await createToken(alice, 'CI pipeline');
      expect(secret).toMatch(/^zwt_/);
      expect(token).toMatchObject({ userId: alice.user.id, name: 'CI pipeline', revokedAt: null });
      const session = await bearer(secret, 'GET', '/api/auth/session');
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({
        method: 'token',
        csrfToken: null,
        user: { id: alice.user.id },
      });
      // A Bearer write needs no CSRF token.
      expect((await bearer(secret, 'POST', '/api/projects', { name: 'From CI' })).status).toBe(201);
      const list = (await (await alice.request('GET', '/api/tokens')).json()) as { items: TokenJson[] };
      const listed = list.items.find((item) => item.id === token.id);
      expect(listed?.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(list)).not.toContain(secret);
      const bobList = (await (await bob.request('GET', '/api/tokens')).json()) as { items: TokenJson[] };
      expect(bobList.items.map((item) => item.id)).not.toContain(token.id);
    });

    it('refuses to mint tokens from a token, without CSRF, or anonymously', async () => {
      const { secret } = await createToken(alice, 'minting');
      const minted = await bearer(secret, 'POST', '/api/tokens', { name: 'child' });
      expect(minted.status).toBe(403);
      expect(await codeOf(minted)).toBe('session-required');
      const noCsrf = await alice.request('POST', '/api/tokens', { name: 'x' }, { csrf: false });
      expect(noCsrf.status).toBe(403);
      expect(await codeOf(noCsrf)).toBe('csrf-token-missing');
      expect((await server.anonymous('POST', '/api/tokens', { name: 'x' })).status).toBe(401);
      expect((await server.anonymous('GET', '/api/tokens')).status).toBe(401);
      expect(
        (await server.anonymous('GET', '/api/auth/session', undefined, { authorization: 'Bearer zwt_nope' }))
          .status,
      ).toBe(401);
    });

    it('validates the body with paths and refuses an expiry in the past', async () => {
      const invalid = await alice.request('POST', '/api/tokens', {
        name: '',
        expiresAt: 'tomorrow',
        scope: 'all',
      });
      expect(invalid.status).toBe(422);
      const paths = ((await invalid.json()) as ErrorJson).error.diagnostics?.map((d) => d.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.expiresAt']));
      const past = await alice.request('POST', '/api/tokens', {
        name: 'old',
        expiresAt: '2001-01-01T00:00:00Z',
      });
      expect(past.status).toBe(422);
      const future = await alice.request('POST', '/api/tokens', {
        name: 'later',
        expiresAt: '2099-01-01T00:00:00Z',
      });
      expect(((await future.json()) as { token: { expiresAt: string } }).token.expiresAt).toBe(
        '2099-01-01T00:00:00.000Z',
      );
    });

    it("revokes one's own token at once; others' tokens are 404 unless the caller is an administrator", async () => {
      const { token, secret } = await createToken(alice, 'to revoke');
      const byBob = await bob.request('DELETE', `/api/tokens/${token.id}`);
      expect(byBob.status).toBe(404);
      expect(await codeOf(byBob)).toBe('not-found');
      expect((await bearer(secret, 'GET', '/api/auth/session')).status).toBe(200);
      expect(
        (await alice.request('DELETE', `/api/tokens/${token.id}`, undefined, { csrf: false })).status,
      ).toBe(403);
      expect((await alice.request('DELETE', `/api/tokens/${token.id}`)).status).toBe(204);
      expect((await bearer(secret, 'GET', '/api/auth/session')).status).toBe(401);
      const other = await createToken(bob, 'bob CI');
      expect((await root.request('DELETE', `/api/tokens/${other.token.id}`)).status).toBe(204);
      expect((await bearer(other.secret, 'GET', '/api/tokens')).status).toBe(401);
      expect((await alice.request('DELETE', '/api/tokens/does-not-exist')).status).toBe(404);
      expect((await server.anonymous('DELETE', `/api/tokens/${token.id}`)).status).toBe(401);
    });
  });
}
