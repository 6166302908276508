import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, fastTestPasswords, type PasswordHasher } from '@zonewise/server';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';
import { listAuditEvents, SYSTEM_CHAIN_ID, verifyAuditChain } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';

interface ErrorJson {
  error: { code: string; diagnostics?: { path: (string | number)[] }[] };
}

const fromAddress = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

for (const dialect of TEST_DIALECTS) {
  describe(`auth routes (${dialect})`, () => {
    let server: TestServer;
    let alice: TestClient;
    let addressCounter = 0;
    /** Each call comes from a fresh address unless one is given, so address limits do not leak between tests. */
    const login = (body: unknown, options: { address?: string; contentType?: string } = {}) =>
      server.app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': options.contentType ?? 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        },
        fromAddress(options.address ?? `198.51.100.${++addressCounter}`),
      );
    const withCookie = (cookie: string, method: string, path: string, body?: unknown, csrf?: string) =>
      server.app.request(path, {
        method,
        headers: {
          cookie,
          ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const cookieOf = (response: Response): string => {
      const header = response.headers.get('set-cookie') ?? '';
      return header.split(';')[0] ?? '';
    };

    beforeAll(async () => {
      server = await createTestServer(dialect, { loginAttemptsPerWindow: 3 });
      alice = await server.login('alice');
    });
    afterAll(() => server.close());

    it('logs in with a hardened session cookie and returns the user and CSRF token', async () => {
      const response = await login({ username: ' ALICE ', password: alice.password });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { user: { id: string }; csrfToken: string; expiresAt: string };
      expect(body.user.id).toBe(alice.user.id);
      expect(JSON.stringify(body)).not.toMatch(/hash|argon/i);
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^zw_session=zws_[\w-]+;/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).not.toMatch(/Secure/);
      const session = await withCookie(cookieOf(response), 'GET', '/api/auth/session');
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({
        user: { id: alice.user.id },
        method: 'session',
        csrfToken: body.csrfToken,
        memberships: [],
      });
    });

    it('marks the cookie Secure when the server runs behind TLS', async () => {
      const app = createApp({ ...server.deps, settings: { ...server.deps.settings, secureCookies: true } });
      const response = await app.request(
        '/api/auth/login',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'alice', password: alice.password }),
        },
        fromAddress('192.0.2.200'),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    });

    it('answers an unknown user exactly like a wrong password, after the same argon2 work', async () => {
      const verified: string[] = [];
      const counting: PasswordHasher = {
        hash: (password) => fastTestPasswords.hash(password),
        verify: async (hash, password) => {
          verified.push(hash);
          return fastTestPasswords.verify(hash, password);
        },
      };
      const app = createApp({ ...server.deps, passwords: counting });
      const attempt = (username: string, address: string) =>
        app.request(
          '/api/auth/login',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'wrong-password-here' }),
          },
          fromAddress(address),
        );
      const wrong = await attempt('alice', '192.0.2.11');
      const unknown = await attempt('nobody-at-all', '192.0.2.12');
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      const [wrongBody, unknownBody] = (await Promise.all([wrong.json(), unknown.json()])) as {
        error: { code: string; message: string };
      }[];
      expect(wrongBody?.error.code).toBe('invalid-credentials');
      expect({ ...unknownBody?.error, requestId: undefined }).toEqual({
        ...wrongBody?.error,
        requestId: undefined,
      });
      expect(verified).toHaveLength(2);
      expect(verified.every((hash) => hash.startsWith('$argon2id$'))).toBe(true);
      // Forget alice's failure so later tests start clean.
      await login({ username: 'alice', password: alice.password });
    });

    it('refuses a disabled user with the same 401', async () => {
      const carol = await server.login('carol');
      await server.deps.store.db
        .updateTable('users')
        .set({ is_disabled: 1 })
        .where('id', '=', carol.user.id)
        .execute();
      const response = await login({ username: 'carol', password: carol.password });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorJson).error.code).toBe('invalid-credentials');
    });

    it('rate-limits failures per user name, with Retry-After, even for the right password', async () => {
      const dave = await server.login('dave');
      for (let attempt = 0; attempt < 3; attempt += 1)
        expect((await login({ username: 'dave', password: 'not-his-password' })).status).toBe(401);
      const limited = await login({ username: 'dave', password: dave.password });
      expect(limited.status).toBe(429);
      expect(((await limited.json()) as ErrorJson).error.code).toBe('rate-limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Other users are not affected.
      expect((await login({ username: 'alice', password: alice.password })).status).toBe(200);
    });

    it('rate-limits failures per client address across user names', async () => {
      const erin = await server.login('erin');
      const address = '203.0.113.50';
      for (const name of ['x1', 'x2', 'x3'])
        expect((await login({ username: name, password: 'guess-guess-guess' }, { address })).status).toBe(
          401,
        );
      const limited = await login({ username: 'erin', password: erin.password }, { address });
      expect(limited.status).toBe(429);
      expect((await login({ username: 'erin', password: erin.password })).status).toBe(200);
    });

    it('accepts only JSON, so a cross-site form cannot post a login', async () => {
      const form = await login(`username=alice&password=${alice.password}`, {
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(form.status).toBe(415);
      expect(((await form.json()) as ErrorJson).error.code).toBe('unsupported-media-type');
      expect(form.headers.get('set-cookie')).toBeNull();
      const plain = await login(JSON.stringify({ username: 'alice', password: alice.password }), {
        contentType: 'text/plain',
      });
      expect(plain.status).toBe(415);
      const multipart = await login('--x--', { contentType: 'multipart/form-data; boundary=x' });
      expect(multipart.status).toBe(415);
    });

    it('answers 422 with diagnostics and paths for an invalid body', async () => {
      const response = await login({ username: 'alice', extra: true });
      expect(response.status).toBe(422);
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe('invalid-input');
      expect(body.error.diagnostics?.map((d) => d.path)).toEqual(
        expect.arrayContaining([['body', 'password']]),
      );
    });

    it('logs out only with the CSRF token and ends the session', async () => {
      const frank = await server.login('frank');
      expect((await server.anonymous('POST', '/api/auth/logout')).status).toBe(401);
      const noCsrf = await frank.request('POST', '/api/auth/logout', undefined, { csrf: false });
      expect(noCsrf.status).toBe(403);
      expect(((await noCsrf.json()) as ErrorJson).error.code).toBe('csrf-token-missing');
      const out = await frank.request('POST', '/api/auth/logout');
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/zw_session=;/);
      expect((await frank.request('GET', '/api/auth/session')).status).toBe(401);
    });

    it('records logins, refused logins and logouts on the system audit trail, never a password', async () => {
      const hugo = await server.login('hugo');
      const system = async (action: string) =>
        (await listAuditEvents(server.deps.store.db, { chainId: SYSTEM_CHAIN_ID, action })).items;
      const latest = async (action: string) => (await system(action))[0];

      expect(
        (await login({ username: 'hugo', password: hugo.password }, { address: '203.0.113.7' })).status,
      ).toBe(200);
      expect(await latest('auth.login')).toMatchObject({
        actor: { id: hugo.user.id },
        targetKind: 'user',
        targetId: hugo.user.id,
        after: { address: '203.0.113.7' },
      });

      const wrong = 'not-the-password-123';
      expect((await login({ username: 'hugo', password: wrong }, { address: '203.0.113.8' })).status).toBe(
        401,
      );
      expect(await latest('auth.login-refused')).toMatchObject({
        actor: { id: hugo.user.id },
        targetId: hugo.user.id,
        after: { address: '203.0.113.8' },
        reason: 'wrong-password',
      });
      expect((await login({ username: 'nobody-here', password: wrong })).status).toBe(401);
      expect(await latest('auth.login-refused')).toMatchObject({
        actor: { id: '', name: 'nobody-here' },
        targetId: 'nobody-here',
        reason: 'unknown-user',
      });

      expect((await hugo.request('POST', '/api/auth/logout')).status).toBe(204);
      expect(await latest('auth.logout')).toMatchObject({
        actor: { id: hugo.user.id },
        targetId: hugo.user.id,
      });

      const everything = JSON.stringify(
        (await listAuditEvents(server.deps.store.db, { chainId: SYSTEM_CHAIN_ID, limit: 1000 })).items,
      );
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(hugo.password);
      expect((await verifyAuditChain(server.deps.store.db, SYSTEM_CHAIN_ID)).isValid).toBe(true);
    });

    it('lists the memberships of the caller in the session', async () => {
      const gina = await server.login('gina');
      const project = (await (await alice.request('POST', '/api/projects', { name: 'P' })).json()) as {
        id: string;
      };
      await server.grant(project.id, gina, 'reviewer');
      const session = (await (await gina.request('GET', '/api/auth/session')).json()) as {
        memberships: unknown[];
      };
      expect(session.memberships).toEqual([{ projectId: project.id, role: 'reviewer' }]);
      expect((await server.anonymous('GET', '/api/auth/session')).status).toBe(401);
    });

    it('changes the password, keeps this session and ends the others', async () => {
      const hank = await server.login('hank');
      const other = cookieOf(await login({ username: 'hank', password: hank.password }));
      const wrong = await hank.request('POST', '/api/auth/password', {
        currentPassword: 'not-the-password',
        newPassword: 'a-brand-new-passphrase',
      });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as ErrorJson).error.code).toBe('invalid-credentials');
      const short = await hank.request('POST', '/api/auth/password', {
        currentPassword: hank.password,
        newPassword: 'short',
      });
      expect(short.status).toBe(422);
      expect(((await short.json()) as ErrorJson).error.diagnostics?.[0]?.path).toEqual([
        'body',
        'newPassword',
      ]);
      const noCsrf = await hank.request(
        'POST',
        '/api/auth/password',
        { currentPassword: hank.password, newPassword: 'a-brand-new-passphrase' },
        { csrf: false },
      );
      expect(noCsrf.status).toBe(403);
      const changed = await hank.request('POST', '/api/auth/password', {
        currentPassword: hank.password,
        newPassword: 'a-brand-new-passphrase',
      });
      expect(changed.status).toBe(204);
      expect((await hank.request('GET', '/api/auth/session')).status).toBe(200);
      expect((await withCookie(other, 'GET', '/api/auth/session')).status).toBe(401);
      expect((await login({ username: 'hank', password: hank.password })).status).toBe(401);
      expect((await login({ username: 'hank', password: 'a-brand-new-passphrase' })).status).toBe(200);
      expect((await server.anonymous('POST', '/api/auth/password', {})).status).toBe(401);
    });

    it('rate-limits guessing the current password through a session', async () => {
      const ivan = await server.login('ivan');
      const guess = () =>
        ivan.request('POST', '/api/auth/password', {
          currentPassword: 'guessing-again',
          newPassword: 'a-brand-new-passphrase',
        });
      for (let attempt = 0; attempt < 3; attempt += 1) expect((await guess()).status).toBe(401);
      const limited = await guess();
      expect(limited.status).toBe(429);
      expect(((await limited.json()) as ErrorJson).error.code).toBe('rate-limited');
    });
  });
}
