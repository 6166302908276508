import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitLoginAttempt,
  createApiToken,
  createProject,
  createSession,
  createUser,
  deleteUserSessions,
  forgiveLoginAttempt,
  getApiToken,
  identifyApiToken,
  identifySession,
  isStoreError,
  listApiTokens,
  listAuditEvents,
  listUsers,
  loginAddressKey,
  loginUserKey,
  purgeExpiredSessions,
  purgeLoginAttempts,
  removeMember,
  revokeApiToken,
  roleInProject,
  setMemberRole,
  setPasswordHash,
  SYSTEM_CHAIN_ID,
  updateUser,
  verifyAuditChain,
  type StoreContext,
  type UserRecord,
} from '@zonewise/store';
import { TEST_DIALECTS, openTestDatabase, type TestDatabase } from '@zonewise/store/testing';

const setup = { id: 'setup', name: 'Setup' };
const HOUR = 3600;

const at = (base: string, seconds: number): string =>
  new Date(Date.parse(base) + seconds * 1000).toISOString();

const systemActions = async (context: StoreContext, targetId: string): Promise<string[]> =>
  (await listAuditEvents(context.db, { chainId: SYSTEM_CHAIN_ID, targetId })).items.map((e) => e.action);

for (const dialect of TEST_DIALECTS) {
  describe(`accounts store contract (${dialect})`, () => {
    let database: TestDatabase;
    let context: StoreContext;
    let counter = 0;
    const newUser = (options: { isAdmin?: boolean; name?: string } = {}): Promise<UserRecord> =>
      createUser(
        context,
        {
          username: options.name ?? `user${++counter}`,
          displayName: `User ${counter}`,
          passwordHash: 'hash-0',
          isAdmin: options.isAdmin === true,
        },
        setup,
      );
    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      context = database.context;
    });
    afterAll(async () => {
      await database.close();
    });

    it('lists users by name with a search that treats % and _ literally', async () => {
      await newUser({ name: 'zeta_one' });
      await newUser({ name: 'zetaxone' });
      const all = await listUsers(context.db);
      expect(all.items.map((u) => u.username)).toEqual([...all.items.map((u) => u.username)].sort());
      const found = await listUsers(context.db, { q: 'ZETA_' });
      expect(found.items.map((u) => u.username)).toEqual(['zeta_one']);
      expect(found.total).toBe(1);
      const paged = await listUsers(context.db, { offset: 1, limit: 1 });
      expect(paged.items).toHaveLength(1);
      expect(paged.total).toBe(all.total);
      expect(all.items.every((u) => !('passwordHash' in u))).toBe(true);
    });

    it('updates a user, ends their sessions when disabled and records it in the system chain', async () => {
      const user = await newUser();
      const session = await createSession(context, user.id, HOUR);
      const renamed = await updateUser(context, user.id, { displayName: '<b>Renamed</b>' }, setup);
      expect(renamed.displayName).toBe('<b>Renamed</b>');
      expect(await identifySession(context.db, session.token, context.now())).toBeDefined();
      const disabled = await updateUser(context, user.id, { isDisabled: true }, setup);
      expect(disabled.isDisabled).toBe(true);
      const rows = await context.db
        .selectFrom('sessions')
        .select('token_hash')
        .where('user_id', '=', user.id)
        .execute();
      expect(rows).toEqual([]);
      expect(await systemActions(context, user.id)).toEqual(['user.update', 'user.update', 'user.create']);
      await expect(updateUser(context, 'nobody', { isAdmin: true }, setup)).rejects.toSatisfy((error) =>
        isStoreError(error, 'not-found'),
      );
      expect(await verifyAuditChain(context.db, SYSTEM_CHAIN_ID)).toMatchObject({ isValid: true });
    });

    it('refuses to demote or disable the last enabled administrator', async () => {
      const isolated = await openTestDatabase(dialect);
      try {
        const ctx = isolated.context;
        const first = await createUser(
          ctx,
          { username: 'a1', displayName: 'A1', passwordHash: 'h', isAdmin: true },
          setup,
        );
        await expect(updateUser(ctx, first.id, { isAdmin: false }, setup)).rejects.toSatisfy((error) =>
          isStoreError(error, 'last-admin'),
        );
        await expect(updateUser(ctx, first.id, { isDisabled: true }, setup)).rejects.toSatisfy((error) =>
          isStoreError(error, 'last-admin'),
        );
        const second = await createUser(
          ctx,
          { username: 'a2', displayName: 'A2', passwordHash: 'h', isAdmin: true },
          setup,
        );
        // Two administrators demoting each other at once: exactly one may succeed.
        const outcomes = await Promise.allSettled([
          updateUser(ctx, first.id, { isAdmin: false }, setup),
          updateUser(ctx, second.id, { isAdmin: false }, setup),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const failure = outcomes.find((o) => o.status === 'rejected');
        expect(isStoreError(failure?.reason, 'last-admin')).toBe(true);
        const admins = (await listUsers(ctx.db)).items.filter((u) => u.isAdmin && !u.isDisabled);
        expect(admins).toHaveLength(1);
      } finally {
        await isolated.close();
      }
    });

    it('changes a password hash and ends every other session of the user', async () => {
      const user = await newUser();
      const kept = await createSession(context, user.id, HOUR);
      const other = await createSession(context, user.id, HOUR);
      const keptIdentity = await identifySession(context.db, kept.token, context.now());
      await setPasswordHash(context, user.id, 'hash-1', setup, {
        keepSessionHash: keptIdentity?.credentialId,
      });
      expect(await identifySession(context.db, kept.token, context.now())).toBeDefined();
      expect(await identifySession(context.db, other.token, context.now())).toBeUndefined();
      const hash = await context.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(hash.password_hash).toBe('hash-1');
      const [event] = (await listAuditEvents(context.db, { chainId: SYSTEM_CHAIN_ID, targetId: user.id }))
        .items;
      expect(event?.action).toBe('user.password');
      expect(JSON.stringify(event)).not.toContain('hash-1');
      await setPasswordHash(context, user.id, 'hash-2', setup);
      expect(await identifySession(context.db, kept.token, context.now())).toBeUndefined();
      await expect(setPasswordHash(context, 'nobody', 'h', setup)).rejects.toSatisfy((error) =>
        isStoreError(error, 'not-found'),
      );
    });

    it('creates API tokens whose secret is shown once, lists them without it and revokes them', async () => {
      const user = await newUser();
      const { token, secret } = await createApiToken(context, user.id, { name: 'CI' }, setup);
      expect(secret).toMatch(/^zwt_[\w-]{40,}$/);
      expect(secret.startsWith(token.prefix)).toBe(true);
      expect(token.prefix.length).toBeLessThan(16);
      const listed = await listApiTokens(context.db, user.id);
      expect(listed).toEqual([token]);
      expect(JSON.stringify(listed)).not.toContain(secret);
      const stored = await context.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', token.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toBe(secret);
      expect((await identifyApiToken(context.db, secret, context.now()))?.user.id).toBe(user.id);
      const revoked = await revokeApiToken(context, token.id, setup);
      expect(revoked.revokedAt).not.toBeNull();
      expect(await identifyApiToken(context.db, secret, context.now())).toBeUndefined();
      expect(await revokeApiToken(context, token.id, setup)).toEqual(revoked);
      expect(await systemActions(context, token.id)).toEqual(['token.revoke', 'token.create']);
      await expect(revokeApiToken(context, 'missing', setup)).rejects.toSatisfy((error) =>
        isStoreError(error, 'not-found'),
      );
    });

    it('refuses expired tokens and tokens of disabled users, and an expiry in the past', async () => {
      const user = await newUser();
      const now = context.now();
      const { secret } = await createApiToken(
        context,
        user.id,
        { name: 'short', expiresAt: at(now, 30) },
        setup,
      );
      expect(await identifyApiToken(context.db, secret, at(now, 10))).toBeDefined();
      expect(await identifyApiToken(context.db, secret, at(now, 31))).toBeUndefined();
      const lasting = await createApiToken(context, user.id, { name: 'lasting' }, setup);
      await updateUser(context, user.id, { isDisabled: true }, setup);
      expect(await identifyApiToken(context.db, lasting.secret, context.now())).toBeUndefined();
      await expect(
        createApiToken(context, user.id, { name: 'past', expiresAt: '2000-01-01T00:00:00.000Z' }, setup),
      ).rejects.toSatisfy((error) => isStoreError(error, 'invalid-change'));
    });

    it('records token use at most once a minute', async () => {
      const user = await newUser();
      const { token, secret } = await createApiToken(context, user.id, { name: 'use' }, setup);
      const t0 = at(context.now(), 5);
      await identifyApiToken(context.db, secret, t0);
      expect((await getApiToken(context.db, token.id))?.lastUsedAt).toBe(t0);
      await identifyApiToken(context.db, secret, at(t0, 30));
      expect((await getApiToken(context.db, token.id))?.lastUsedAt).toBe(t0);
      await identifyApiToken(context.db, secret, at(t0, 61));
      expect((await getApiToken(context.db, token.id))?.lastUsedAt).toBe(at(t0, 61));
    });

    it('slides a session expiry on use at most once a minute and purges expired sessions', async () => {
      const user = await newUser();
      const session = await createSession(context, user.id, 600);
      const created = Date.parse(session.expiresAt) - 600_000;
      const t = (seconds: number) => new Date(created + seconds * 1000).toISOString();
      const early = await identifySession(context.db, session.token, t(30), { slideSeconds: 600 });
      expect(early?.expiresAt).toBe(session.expiresAt);
      const later = await identifySession(context.db, session.token, t(400), { slideSeconds: 600 });
      expect(later?.expiresAt).toBe(t(1000));
      // Past the original expiry but inside the extended one: still logged in.
      expect(await identifySession(context.db, session.token, t(700))).toBeDefined();
      expect(await identifySession(context.db, session.token, t(1000))).toBeUndefined();
      const fresh = await createSession(context, user.id, 10 * HOUR);
      expect(await purgeExpiredSessions(context.db, t(1001))).toBeGreaterThanOrEqual(1);
      const left = await context.db.selectFrom('sessions').select('expires_at').execute();
      expect(left.every((row) => row.expires_at > t(1001))).toBe(true);
      expect(await identifySession(context.db, fresh.token, t(1001))).toBeDefined();
      expect(await deleteUserSessions(context.db, user.id)).toBe(1);
    });

    it('rate-limits logins per key with atomic counters and lets the window pass', async () => {
      const limit = { attemptsPerWindow: 3, windowSeconds: 60 };
      const keys = [loginUserKey(' Victim '), loginAddressKey('203.0.113.9')];
      expect(keys[0]).toBe('user:victim');
      const t0 = '2030-01-01T00:00:00.000Z';
      const allowed = [];
      for (let attempt = 0; attempt < 3; attempt += 1)
        allowed.push((await admitLoginAttempt(context.db, keys, t0, limit)).isAllowed);
      expect(allowed).toEqual([true, true, true]);
      // Parallel guesses (as from several processes) never get past the limit.
      const burstKeys = [loginUserKey('burst'), loginAddressKey('203.0.113.77')];
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => admitLoginAttempt(context.db, burstKeys, t0, limit)),
      );
      const admitted = outcomes.filter((o) => o.isAllowed).length;
      expect(admitted).toBeGreaterThanOrEqual(1);
      expect(admitted).toBeLessThanOrEqual(3);
      const counters = await context.db
        .selectFrom('login_attempts')
        .select('failures')
        .where('key', 'in', burstKeys)
        .execute();
      expect(counters.map((row) => Number(row.failures))).toEqual([8, 8]);
      const refused = await admitLoginAttempt(context.db, keys, at(t0, 20), limit);
      expect(refused).toEqual({ isAllowed: false, retryAfterSeconds: 40 });
      // Another user from the same address is refused too; the same user from elsewhere as well.
      expect(
        (await admitLoginAttempt(context.db, [loginUserKey('other'), keys[1] as string], at(t0, 20), limit))
          .isAllowed,
      ).toBe(false);
      expect(
        (
          await admitLoginAttempt(
            context.db,
            [keys[0] as string, loginAddressKey('198.51.100.1')],
            at(t0, 20),
            limit,
          )
        ).isAllowed,
      ).toBe(false);
      expect(await admitLoginAttempt(context.db, keys, at(t0, 61), limit)).toEqual({ isAllowed: true });
      expect(await purgeLoginAttempts(context.db, at(t0, 200), limit)).toBeGreaterThanOrEqual(2);
    });

    it('forgets a user name after a good password but keeps the address count', async () => {
      const limit = { attemptsPerWindow: 2, windowSeconds: 60 };
      const userKey = loginUserKey('forgiven');
      const addressKey = loginAddressKey('192.0.2.7');
      const t0 = '2031-01-01T00:00:00.000Z';
      await admitLoginAttempt(context.db, [userKey, addressKey], t0, limit);
      await admitLoginAttempt(context.db, [userKey, addressKey], t0, limit);
      await forgiveLoginAttempt(context.db, { userKey, addressKey });
      const rows = await context.db
        .selectFrom('login_attempts')
        .selectAll()
        .where('key', 'in', [userKey, addressKey])
        .execute();
      expect(rows.map((row) => [row.key, Number(row.failures)])).toEqual([[addressKey, 1]]);
      expect((await admitLoginAttempt(context.db, [userKey, addressKey], t0, limit)).isAllowed).toBe(true);
      expect((await admitLoginAttempt(context.db, [userKey, addressKey], t0, limit)).isAllowed).toBe(false);
    });

    it('keeps an assessor in a project when asked to, under the project lock', async () => {
      const first = await newUser();
      const second = await newUser();
      const actor = { id: first.id, name: first.displayName };
      const project = await createProject(context, { name: 'Members', formatVersion: 1 }, actor);
      await expect(
        removeMember(context, project.id, first.id, actor, { keepAnAssessor: true }),
      ).rejects.toSatisfy((error) => isStoreError(error, 'last-assessor'));
      await expect(
        setMemberRole(context, project.id, first.id, 'viewer', actor, { keepAnAssessor: true }),
      ).rejects.toSatisfy((error) => isStoreError(error, 'last-assessor'));
      await setMemberRole(context, project.id, second.id, 'assessor', actor, { keepAnAssessor: true });
      const outcomes = await Promise.allSettled([
        removeMember(context, project.id, first.id, actor, { keepAnAssessor: true }),
        removeMember(context, project.id, second.id, actor, { keepAnAssessor: true }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const failure = outcomes.find((o) => o.status === 'rejected');
      expect(isStoreError(failure?.reason, 'last-assessor')).toBe(true);
      const left = await Promise.all(
        [first.id, second.id].map((id) => roleInProject(context.db, project.id, id)),
      );
      expect(left.filter((role) => role === 'assessor')).toHaveLength(1);
      // Without the option (administrators) the last assessor may go.
      const last = left[0] === 'assessor' ? first.id : second.id;
      await removeMember(context, project.id, last, actor);
      expect(await roleInProject(context.db, project.id, last)).toBeUndefined();
    });
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`user creation race (${dialect})`, () => {
    it('answers duplicate-id to the loser when two requests create one user name at once', async () => {
      const database = await openTestDatabase(dialect);
      try {
        const input = { username: 'twin', displayName: 'Twin', passwordHash: 'h' };
        const outcomes = await Promise.allSettled([
          createUser(database.context, input, setup),
          createUser(database.context, input, setup),
          createUser(database.context, input, setup),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes)
          if (outcome.status === 'rejected') expect(isStoreError(outcome.reason, 'duplicate-id')).toBe(true);
      } finally {
        await database.close();
      }
    });
  });
}
