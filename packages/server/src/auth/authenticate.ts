import { identifyApiToken, identifySession, type Identity } from '@zonewise/store';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { AppError, unauthorized } from '../errors';

/** The session cookie's name. */
export const SESSION_COOKIE = 'zw_session';

/** The header a cookie-authenticated write must carry (its value is the session's CSRF token). */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller's identity from a Bearer API token or the session cookie, or undefined. On routes with a `{projectId}`
 * the same query reads the project and the caller's role (`Identity.projectLookup`), which `requireProjectAccess`
 * then uses instead of a second query.
 */
export const identify = async (c: Context<AppEnv>): Promise<Identity | undefined> => {
  const { store } = c.get('deps');
  const projectId = c.req.param('projectId');
  const project = projectId === undefined || projectId === '' ? {} : { projectId };
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match?.[1] === undefined) throw unauthorized('the Authorization header must be "Bearer <token>"');
    const identity = await identifyApiToken(store.db, match[1], store.now(), project);
    if (identity === undefined) throw unauthorized('the API token is unknown, expired or revoked');
    return identity;
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined) return undefined;
  return identifySession(store.db, cookie, store.now(), {
    slideSeconds: c.get('deps').settings.sessionLifetimeSeconds,
    ...project,
  });
};

/**
 * Requires a logged-in user (401 otherwise) and, for cookie-authenticated writes, the session's CSRF token in the
 * `X-CSRF-Token` header (403 `csrf-token-missing`): a cross-site form can send the cookie but cannot read the token.
 * API tokens are not sent by browsers on their own, so Bearer requests need no CSRF token.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const identity = await identify(c);
  if (identity === undefined) throw unauthorized();
  if (identity.method === 'session' && !SAFE_METHODS.has(c.req.method)) {
    if (c.req.header(CSRF_HEADER) !== identity.csrfToken)
      throw new AppError(
        403,
        'csrf-token-missing',
        `send the session's CSRF token in the ${CSRF_HEADER} header (GET /api/auth/session returns it)`,
      );
  }
  c.set('identity', identity);
  await next();
};
