import {
  identifyApiToken,
  identifySession,
  runProjectRead,
  type Identity,
  type ProjectRead,
  type ProjectReadResult,
} from '@zonewise/store';
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
 * then uses instead of a second query; with `read`, that statement also runs the route's read (`routeRead`).
 */
export const identify = async (
  c: Context<AppEnv>,
  read?: ProjectRead<unknown>,
): Promise<Identity | undefined> => {
  const { store } = c.get('deps');
  const projectId = c.req.param('projectId');
  const project =
    projectId === undefined || projectId === '' ? {} : { projectId, ...(read === undefined ? {} : { read }) };
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

/** `authenticate`, with a read answered in the identifying statement (`routeRead`). */
const authenticateReading = async (
  c: Context<AppEnv>,
  next: () => Promise<void>,
  read: ProjectRead<unknown> | undefined,
): Promise<void> => {
  const found = await identify(c, read);
  if (found === undefined) throw unauthorized();
  const { readResult, ...identity } = found;
  c.set('prefetched', readResult);
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

/**
 * Requires a logged-in user (401 otherwise) and, for cookie-authenticated writes, the session's CSRF token in the
 * `X-CSRF-Token` header (403 `csrf-token-missing`): a cross-site form can send the cookie but cannot read the token.
 * API tokens are not sent by browsers on their own, so Bearer requests need no CSRF token.
 */
export const authenticate: MiddlewareHandler<AppEnv> = (c, next) => authenticateReading(c, next, undefined);

/** A route's read of its project, answered in the statement that identifies the caller where it can be. */
export interface RouteRead<T> {
  /** `authenticate`, also running the route's read (when `readOf` gives one) for a caller who may read the project. */
  readonly authenticate: MiddlewareHandler<AppEnv>;
  /**
   * The read's result: from the identifying statement, or read now (an API client without project access never
   * gets here: `requirePermission` refused it). Undefined when `readOf` gives no read for this request.
   */
  readonly result: (c: Context<AppEnv>) => Promise<ProjectReadResult<T> | undefined>;
}

/**
 * Makes a `RouteRead` from how the route reads (`readOf`, from the raw request: it runs before the route's
 * validators, so it parses what it needs and gives undefined where it cannot or need not read ahead). On
 * PostgreSQL this saves a statement, a round trip, on every such request: the hot read routes (entity pages, one
 * entity) use it.
 */
export const routeRead = <T>(readOf: (c: Context<AppEnv>) => ProjectRead<T> | undefined): RouteRead<T> => ({
  authenticate: (c, next) => authenticateReading(c, next, readOf(c)),
  result: async (c) => {
    const prefetched = c.get('prefetched');
    if (prefetched !== undefined) {
      c.set('prefetched', undefined);
      // Set only by this route's `authenticate`, from a read of `readOf`'s type.
      return prefetched as ProjectReadResult<T>;
    }
    const read = readOf(c);
    return read === undefined ? undefined : { value: await runProjectRead(c.get('deps').store.db, read) };
  },
});
