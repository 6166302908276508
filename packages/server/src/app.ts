import { randomUUID } from 'node:crypto';
import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import { diagnosticOfZodIssue, type Diagnostic } from '@zonewise/core';
import { isStoreError, type ChangeProblem } from '@zonewise/store';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, ServerDeps } from './env';
import { AppError, type ErrorBody } from './errors';
import { registerRoutes } from './routes';

/** The request part a validation target names: a JSON or form body is `body`, the rest keep Hono's name. */
const REQUEST_PART: Readonly<Record<string, string>> = { json: 'body', form: 'body', param: 'params' };

/** Prefixes each diagnostic path with the request part it came from (`body`, `query`, `params`, `header`). */
const diagnosticsOf = (issues: Parameters<typeof diagnosticOfZodIssue>[0][], target: string): Diagnostic[] =>
  issues.map((issue) => {
    const diagnostic = diagnosticOfZodIssue(issue);
    return { ...diagnostic, path: [REQUEST_PART[target] ?? target, ...diagnostic.path] };
  });

/** Request validation failures answer 422 with every problem and its path, like the CLI's diagnostics. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return undefined;
  const diagnostics = diagnosticsOf(result.error.issues, result.target);
  const body: ErrorBody = {
    error: {
      code: 'invalid-input',
      message: `the request ${REQUEST_PART[result.target] ?? result.target} is invalid: ${diagnostics.map((d) => d.message).join(' ')}`,
      requestId: c.get('requestId'),
      diagnostics,
    },
  };
  return c.json(body, 422);
};

const STORE_STATUS: Record<string, { status: ContentfulStatusCode; code: string }> = {
  'not-found': { status: 404, code: 'not-found' },
  'revision-conflict': { status: 409, code: 'revision-conflict' },
  'duplicate-id': { status: 409, code: 'duplicate-id' },
  'invalid-change': { status: 422, code: 'invalid-change' },
  forbidden: { status: 403, code: 'forbidden' },
  'rate-limited': { status: 429, code: 'rate-limited' },
  'last-admin': { status: 409, code: 'last-admin' },
  'last-assessor': { status: 409, code: 'last-assessor' },
};

/** Maps anything thrown by a route to the one error shape; unexpected errors are logged and answered 500. */
export const errorResponse = (error: unknown, c: Context<AppEnv>): Response => {
  const requestId = c.get('requestId');
  if (error instanceof AppError) {
    const body: ErrorBody = {
      error: { code: error.code, message: error.message, requestId, ...error.details },
    };
    if (error.status === 429 && typeof error.details?.['retryAfterSeconds'] === 'number')
      c.header('Retry-After', String(error.details['retryAfterSeconds']));
    return c.json(body, error.status);
  }
  if (isStoreError(error)) {
    const mapped = STORE_STATUS[error.code] ?? { status: 500 as const, code: 'internal-error' };
    const problems = Array.isArray(error.details) ? (error.details as ChangeProblem[]) : undefined;
    const body: ErrorBody = {
      error: { code: mapped.code, message: error.message, requestId, ...(problems ? { problems } : {}) },
    };
    return c.json(body, mapped.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code =
      status === 413
        ? 'body-too-large'
        : status === 415
          ? 'unsupported-media-type'
          : status === 400
            ? 'bad-request'
            : 'http-error';
    return c.json(
      { error: { code, message: error.message || 'request refused', requestId } } satisfies ErrorBody,
      status,
    );
  }
  console.error(`[${requestId}] unexpected error:`, error);
  return c.json(
    {
      error: {
        code: 'internal-error',
        message: 'the server failed; the request id is in its log',
        requestId,
      },
    },
    500,
  );
};

/**
 * Adds headers to the finished response. Set on its headers directly: `c.header` on a finished response makes the
 * Node adapter build the full web `Response` (body stream and all) for every request only to copy it, a few per
 * cent of the server's time under load. Headers that may not change (`Response.redirect`) are set on a copy.
 */
const addHeaders = (
  c: { readonly res: Response; header: (name: string, value: string) => void },
  headers: readonly [string, string][],
): void => {
  try {
    for (const [name, value] of headers) c.res.headers.set(name, value);
  } catch {
    for (const [name, value] of headers) c.header(name, value);
  }
};

/** The OpenAPI app type every route module registers on. */
export type ZonewiseApp = OpenAPIHono<AppEnv>;

/** A new sub-app with the shared validation hook (route modules use it so their 422s look the same). */
export const createRouter = (): ZonewiseApp => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/**
 * Builds the HTTP API on its dependencies: request ids, security headers, body limits, the routes and the OpenAPI
 * 3.1 document at `/api/openapi.json`. No port: tests call `app.request()`, `serve` binds it.
 */
export const createApp = (deps: ServerDeps): ZonewiseApp => {
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    const incoming = c.req.header('x-request-id');
    c.set('requestId', incoming !== undefined && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID());
    await next();
    const headers: [string, string][] = [
      ['X-Request-Id', c.get('requestId')],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'no-referrer'],
      ['X-Frame-Options', 'DENY'],
    ];
    if (!c.res.headers.has('Cache-Control')) headers.push(['Cache-Control', 'no-store']);
    addHeaders(c, headers);
  });
  const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
    maxSize: deps.settings.maxBodyBytes,
    onError: () => {
      throw new AppError(
        413,
        'body-too-large',
        `the request body is larger than ${deps.settings.maxBodyBytes} bytes; split the import or raise ZONEWISE_MAX_BODY_BYTES`,
      );
    },
  });
  // GET and HEAD carry no body the API reads. Skipping them matters: the limit asks the request for its body
  // stream, which makes the Node adapter build a full web Request (with an abort signal) for every read, a few
  // per cent of the server's time under load.
  const limitWrites: MiddlewareHandler<AppEnv> = (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next);
  app.use('/api/*', limitWrites);
  app.onError(errorResponse);
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'route-not-found',
          message: `${c.req.method} ${c.req.path} is not an API route; see /api/openapi.json`,
          requestId: c.get('requestId'),
        },
      } satisfies ErrorBody,
      404,
    ),
  );
  registerRoutes(app);
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'zw_session',
    description: 'Session cookie from POST /api/auth/login; writes also need the X-CSRF-Token header.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'Personal API token (POST /api/tokens), for automation such as CI.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Zonewise API',
      version: '1',
      description:
        'IEC 62443-3-2 risk assessment workbench: projects, the system model, assessment results, reports, users, audit trail and approvals.',
    },
    security: [{ session: [] }, { token: [] }],
  });
  return app;
};
