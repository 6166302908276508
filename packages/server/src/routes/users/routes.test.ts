import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents, SYSTEM_CHAIN_ID } from '@zonewise/store';
import { TEST_DIALECTS } from '@zonewise/store/testing';
import { createTestServer, type TestClient, type TestServer } from '@zonewise/server/testing';

interface ErrorJson {
  error: { code: string; diagnostics?: { path: (string | number)[] }[] };
}
interface UserJson {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  isDisabled: boolean;
}

const codeOf = async (response: Response) => ((await response.json()) as ErrorJson).error.code;

for (const dialect of TEST_DIALECTS) {
  describe(`users routes (${dialect})`, () => {
    let server: TestServer;
    let root: TestClient;
    let alice: TestClient;
    beforeAll(async () => {
      server = await createTestServer(dialect);
      root = await server.login('root', { isAdmin: true });
      alice = await server.login('alice');
    });
    afterAll(() => server.close());

    const login = (username: string, password: string) =>
      server.anonymous('POST', '/api/auth/login', { username, password });

    it('lets an administrator create, list, read and search users', async () => {
      const created = await root.request('POST', '/api/users', {
        username: 'Zoe.Engineer',
        displayName: '<script>alert(1)</script> Zoë',
        password: 'twelve-chars-at-least',
      });
      expect(created.status).toBe(201);
      const zoe = (await created.json()) as UserJson;
      expect(zoe).toMatchObject({
        username: 'zoe.engineer',
        displayName: '<script>alert(1)</script> Zoë',
        isAdmin: false,
      });
      expect(JSON.stringify(zoe)).not.toMatch(/password|hash/i);
      expect((await login('zoe.engineer', 'twelve-chars-at-least')).status).toBe(200);
      const list = (await (await root.request('GET', '/api/users?limit=2')).json()) as {
        items: UserJson[];
        total: number;
        limit: number;
      };
      expect(list.items).toHaveLength(2);
      expect(list.total).toBeGreaterThanOrEqual(3);
      const search = (await (await root.request('GET', '/api/users?q=ZOE')).json()) as { items: UserJson[] };
      expect(search.items.map((u) => u.id)).toEqual([zoe.id]);
      const one = await root.request('GET', `/api/users/${zoe.id}`);
      expect(one.status).toBe(200);
      expect(((await one.json()) as UserJson).id).toBe(zoe.id);
      const audit = await listAuditEvents(server.deps.store.db, {
        chainId: SYSTEM_CHAIN_ID,
        targetId: zoe.id,
      });
      // Newest first: Zoë's own login, then her creation by the administrator.
      expect(audit.items.map((e) => [e.action, e.actor.id])).toEqual([
        ['auth.login', zoe.id],
        ['user.create', root.user.id],
      ]);
    });

    it('refuses non-administrators with 403 and anonymous callers with 401', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/users', undefined],
        ['POST', '/api/users', { username: 'sneaky', displayName: 'S', password: 'twelve-chars-at-least' }],
        ['GET', `/api/users/${alice.user.id}`, undefined],
        ['PATCH', `/api/users/${alice.user.id}`, { isAdmin: true }],
      ] as const) {
        const refused = await alice.request(method, path, body);
        expect(refused.status, `${method} ${path}`).toBe(403);
        expect(await codeOf(refused)).toBe('forbidden');
        expect((await server.anonymous(method, path, body)).status).toBe(401);
      }
      const self = (await (await root.request('GET', `/api/users/${alice.user.id}`)).json()) as UserJson;
      expect(self.isAdmin).toBe(false);
    });

    it('answers 404 for an unknown user, 409 for a taken name and 422 with paths', async () => {
      expect(await codeOf(await root.request('GET', '/api/users/nobody'))).toBe('not-found');
      expect((await root.request('PATCH', '/api/users/nobody', { displayName: 'x' })).status).toBe(404);
      const taken = await root.request('POST', '/api/users', {
        username: 'ALICE',
        displayName: 'Again',
        password: 'twelve-chars-at-least',
      });
      expect(taken.status).toBe(409);
      expect(await codeOf(taken)).toBe('duplicate-id');
      const invalid = await root.request('POST', '/api/users', {
        username: 'has space',
        displayName: '',
        password: 'short',
      });
      expect(invalid.status).toBe(422);
      const paths = ((await invalid.json()) as ErrorJson).error.diagnostics?.map((d) => d.path.join('.'));
      expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.displayName', 'body.password']));
      const badPatch = await root.request('PATCH', `/api/users/${alice.user.id}`, { isAdmin: 'yes' });
      expect(badPatch.status).toBe(422);
    });

    it('disables a user, ending their sessions, and re-enables them', async () => {
      const bob = await server.login('bob');
      expect((await bob.request('GET', '/api/auth/session')).status).toBe(200);
      const disabled = await root.request('PATCH', `/api/users/${bob.user.id}`, { isDisabled: true });
      expect(disabled.status).toBe(200);
      expect(((await disabled.json()) as UserJson).isDisabled).toBe(true);
      expect((await bob.request('GET', '/api/auth/session')).status).toBe(401);
      expect((await login('bob', bob.password)).status).toBe(401);
      await root.request('PATCH', `/api/users/${bob.user.id}`, { isDisabled: false });
      expect((await login('bob', bob.password)).status).toBe(200);
    });

    it('resets a password, ending every session of the user', async () => {
      const carl = await server.login('carl');
      const reset = await root.request('PATCH', `/api/users/${carl.user.id}`, {
        password: 'reset-by-the-admin',
        displayName: 'Carl R.',
      });
      expect(reset.status).toBe(200);
      expect(((await reset.json()) as UserJson).displayName).toBe('Carl R.');
      expect((await carl.request('GET', '/api/auth/session')).status).toBe(401);
      expect((await login('carl', carl.password)).status).toBe(401);
      expect((await login('carl', 'reset-by-the-admin')).status).toBe(200);
    });

    it('never demotes or disables the last enabled administrator (409 last-admin)', async () => {
      const demote = await root.request('PATCH', `/api/users/${root.user.id}`, { isAdmin: false });
      expect(demote.status).toBe(409);
      expect(await codeOf(demote)).toBe('last-admin');
      // A refused change leaves a password in the same request untouched.
      const refused = await root.request('PATCH', `/api/users/${root.user.id}`, {
        isDisabled: true,
        password: 'should-not-be-set',
      });
      expect(refused.status).toBe(409);
      expect((await login('root', 'should-not-be-set')).status).toBe(401);
      const promoted = await root.request('PATCH', `/api/users/${alice.user.id}`, { isAdmin: true });
      expect(((await promoted.json()) as UserJson).isAdmin).toBe(true);
      expect((await root.request('PATCH', `/api/users/${alice.user.id}`, { isAdmin: false })).status).toBe(
        200,
      );
    });
  });
}
