import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  admitLoginAttempt,
  createSession,
  deleteSession,
  recordAuthEvent,
  findUserForLogin,
  forgiveLoginAttempt,
  getPasswordHash,
  isProjectRole,
  listUserMemberships,
  loginAddressKey,
  loginUserKey,
  purgeExpiredSessions,
  purgeLoginAttempts,
  setPasswordHash,
  type LoginLimit,
} from '@zonewise/store';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { ZonewiseApp } from '../../app';
import { actorOf } from '../../auth/actor';
import { authenticate, SESSION_COOKIE } from '../../auth/authenticate';
import type { AppEnv, PasswordHasher, ServerSettings } from '../../env';
import { AppError, tooManyRequests } from '../../errors';
import { errorResponses } from '../schemas';
import { clientAddress } from '../../auth/client-address';
import { ChangePasswordSchema, LoginResultSchema, LoginSchema, SessionSchema } from './schema';

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['Auth'],
  summary: 'Log in with a user name and password; sets the zw_session cookie',
  description:
    'Accepts application/json only (415 otherwise), so a cross-site HTML form cannot log a browser in. Failed ' +
    'attempts are counted per user name and per client address; past the limit the answer is 429 with Retry-After.',
  security: [],
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: {
      description: 'Logged in; the session cookie is set (HttpOnly, SameSite=Strict)',
      content: { 'application/json': { schema: LoginResultSchema } },
    },
    ...errorResponses(400, 401, 422, 429),
    415: { description: 'Not application/json' },
  },
});

const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['Auth'],
  summary: 'End the current session (API tokens are revoked with DELETE /api/tokens/{tokenId})',
  middleware: [authenticate] as const,
  responses: { 204: { description: 'Logged out; the cookie is cleared' }, ...errorResponses(401, 403) },
});

const session = createRoute({
  method: 'get',
  path: '/api/auth/session',
  tags: ['Auth'],
  summary: 'Who the caller is, their CSRF token and their project roles',
  middleware: [authenticate] as const,
  responses: {
    200: { description: 'The session', content: { 'application/json': { schema: SessionSchema } } },
    ...errorResponses(401),
  },
});

const changePassword = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['Auth'],
  summary: "Change one's own password; every other session of the user ends",
  middleware: [authenticate] as const,
  request: { body: { content: { 'application/json': { schema: ChangePasswordSchema } }, required: true } },
  responses: {
    204: { description: 'Changed' },
    ...errorResponses(401, 403, 422, 429),
  },
});

/** 401 for a wrong password and for an unknown or disabled user alike, so the answer tells nothing. */
const invalidCredentials = (): AppError =>
  new AppError(401, 'invalid-credentials', 'the user name or password is wrong');

const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

/**
 * A hash of a random password with the hasher's own parameters: unknown users are verified against it so the
 * answer takes as long as for a real user, and response times do not reveal which user names exist.
 */
const dummyHash = (passwords: PasswordHasher): Promise<string> => {
  let hash = dummyHashes.get(passwords);
  if (hash === undefined) {
    hash = passwords.hash(randomUUID());
    dummyHashes.set(passwords, hash);
  }
  return hash;
};

const limitOf = (settings: ServerSettings): LoginLimit => ({
  attemptsPerWindow: settings.loginAttemptsPerWindow,
  windowSeconds: settings.loginWindowSeconds,
});

const refuseRateLimited = (retryAfterSeconds: number): AppError =>
  tooManyRequests(`too many failed attempts; try again in ${retryAfterSeconds} s`, retryAfterSeconds);

/** Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site sends), Secure on TLS. */
const setSessionCookie = (c: Context<AppEnv>, token: string): void =>
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: c.get('deps').settings.secureCookies,
  });

/** Login, logout, the current session and password changes. */
export const authRoutes = (app: ZonewiseApp): void => {
  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid('json');
    const { store, passwords, settings } = c.get('deps');
    const now = store.now();
    const userKey = loginUserKey(username);
    const addressKey = loginAddressKey(clientAddress(c));
    const admission = await admitLoginAttempt(store.db, [userKey, addressKey], now, limitOf(settings));
    if (!admission.isAllowed) throw refuseRateLimited(admission.retryAfterSeconds);
    const user = await findUserForLogin(store.db, username);
    const isValid = await passwords.verify(user?.passwordHash ?? (await dummyHash(passwords)), password);
    const address = clientAddress(c);
    if (user === undefined || !isValid || user.isDisabled) {
      // On the system audit trail: who tried (the name as typed), from where and why; the answer stays the same.
      await recordAuthEvent(store, {
        action: 'auth.login-refused',
        actor: { id: user?.id ?? '', name: username },
        targetId: user?.id ?? username,
        address,
        reason: user === undefined ? 'unknown-user' : isValid ? 'disabled' : 'wrong-password',
      });
      throw invalidCredentials();
    }
    await forgiveLoginAttempt(store.db, { userKey, addressKey });
    // Housekeeping on the rare path: logins are few, so the tables stay small without a scheduler.
    await purgeExpiredSessions(store.db, now);
    await purgeLoginAttempts(store.db, now, limitOf(settings));
    const created = await createSession(store, user.id, settings.sessionLifetimeSeconds, {
      actor: { id: user.id, name: user.displayName },
      address,
    });
    setSessionCookie(c, created.token);
    const { passwordHash: _hash, ...visible } = user;
    return c.json({ user: visible, csrfToken: created.csrfToken, expiresAt: created.expiresAt }, 200);
  });

  app.openapi(logout, async (c) => {
    const identity = c.get('identity');
    if (identity.method === 'session') {
      const { store } = c.get('deps');
      await deleteSession(store.db, identity.credentialId);
      await recordAuthEvent(store, {
        action: 'auth.logout',
        actor: { id: identity.user.id, name: identity.user.displayName },
        targetId: identity.user.id,
        address: clientAddress(c),
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.openapi(session, async (c) => {
    const identity = c.get('identity');
    const memberships = (await listUserMemberships(c.get('deps').store.db, identity.user.id)).flatMap(
      (membership) =>
        isProjectRole(membership.role) ? [{ projectId: membership.projectId, role: membership.role }] : [],
    );
    return c.json(
      {
        user: identity.user,
        method: identity.method,
        csrfToken: identity.csrfToken ?? null,
        expiresAt: identity.expiresAt ?? null,
        memberships,
      },
      200,
    );
  });

  app.openapi(changePassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const identity = c.get('identity');
    const { store, passwords, settings } = c.get('deps');
    // Guessing the current password through a stolen session is limited like guessing at the login form.
    const userKey = loginUserKey(identity.user.username);
    const admission = await admitLoginAttempt(store.db, [userKey], store.now(), limitOf(settings));
    if (!admission.isAllowed) throw refuseRateLimited(admission.retryAfterSeconds);
    const stored = await getPasswordHash(store.db, identity.user.id);
    if (stored === undefined || !(await passwords.verify(stored, currentPassword)))
      throw invalidCredentials();
    await forgiveLoginAttempt(store.db, { userKey });
    await setPasswordHash(store, identity.user.id, await passwords.hash(newPassword), actorOf(identity), {
      keepSessionHash: identity.method === 'session' ? identity.credentialId : undefined,
    });
    return c.body(null, 204);
  });
};
