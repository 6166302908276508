import createClient, { type Middleware } from 'openapi-fetch';
import { apiErrorOf, ApiError } from './api-error';
import type { paths } from './schema';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who is listening for "the session ended" (any 401), so the app can show the login page. */
type UnauthorizedListener = () => void;

/**
 * The session-side state the client needs: the CSRF token to echo on writes (the cookie itself is HttpOnly and
 * travels on its own), and a callback for 401 answers.
 */
export interface ClientSession {
  csrfToken: string | undefined;
  onUnauthorized: UnauthorizedListener | undefined;
}

/** The typed API client (openapi-fetch over the generated schema) plus helpers the views share. */
export interface ApiClient {
  readonly session: ClientSession;
  /** The typed client: `api.typed.GET('/api/projects')`. Errors come back as values; prefer `unwrap`. */
  readonly typed: ReturnType<typeof createClient<paths>>;
  /**
   * Calls a route by method and path and returns the parsed JSON, or throws `ApiError`. Used for routes whose
   * shapes are generic (entity collections) and where the typed client would need a cast anyway.
   */
  readonly request: <T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<T>;
  /** Sends a raw body (an imported file) with its content type. */
  readonly send: <T>(method: string, path: string, body: BodyInit, contentType: string) => Promise<T>;
  /** Downloads a file route as a Blob with its suggested file name. */
  readonly download: (path: string) => Promise<{ blob: Blob; fileName: string | undefined }>;
}

const readBody = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * Creates the client. Writes carry the session's `X-CSRF-Token`; every 401 tells the session listener (the app then
 * shows the login page instead of a broken view).
 */
export const createApiClient = (
  options: { readonly baseUrl?: string; readonly fetch?: typeof fetch } = {},
): ApiClient => {
  const baseUrl = options.baseUrl ?? '';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const session: ClientSession = { csrfToken: undefined, onUnauthorized: undefined };

  const withCsrf = (method: string, headers: Headers): Headers => {
    if (!SAFE_METHODS.has(method.toUpperCase()) && session.csrfToken !== undefined)
      headers.set('X-CSRF-Token', session.csrfToken);
    return headers;
  };
  // A 401 ends the session, except a wrong password re-entered to sign or log in (`invalid-credentials`).
  const noticeUnauthorized = (status: number, body: unknown, path: string): void => {
    if (status !== 401 || path.startsWith('/api/auth/login')) return;
    if (apiErrorOf(status, body).code === 'invalid-credentials') return;
    session.onUnauthorized?.();
  };

  const middleware: Middleware = {
    onRequest({ request }) {
      withCsrf(request.method, request.headers);
      return request;
    },
    async onResponse({ response, request }) {
      if (response.status === 401)
        noticeUnauthorized(401, await readBody(response.clone()), new URL(request.url, 'http://x').pathname);
      return response;
    },
  };
  const typed = createClient<paths>({
    baseUrl,
    credentials: 'same-origin',
    fetch: (request: Request) => fetchImpl(request),
  });
  typed.use(middleware);

  const call = async (method: string, path: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, { ...init, method, credentials: 'same-origin' });
    } catch (cause) {
      throw new ApiError(0, 'network-error', `the server cannot be reached (${String(cause)})`);
    }
    if (!response.ok) {
      const body = await readBody(response);
      noticeUnauthorized(response.status, body, path);
      throw apiErrorOf(response.status, body);
    }
    return response;
  };

  return {
    session,
    typed,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const requestHeaders = withCsrf(method, new Headers(headers));
      if (body !== undefined) requestHeaders.set('Content-Type', 'application/json');
      const response = await call(method, path, {
        headers: requestHeaders,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await readBody(response)) as T;
    },
    async send<T>(method: string, path: string, body: BodyInit, contentType: string) {
      const headers = withCsrf(method, new Headers({ 'Content-Type': contentType }));
      const response = await call(method, path, { headers, body });
      return (await readBody(response)) as T;
    },
    async download(path: string) {
      const response = await call('GET', path, {});
      const disposition = response.headers.get('content-disposition') ?? '';
      const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      return { blob: await response.blob(), fileName: match?.[1] ? decodeURIComponent(match[1]) : undefined };
    },
  };
};

/**
 * Unwraps an openapi-fetch result: the data on success, or throws `ApiError` built from the error body. Keeps the
 * views free of `if (error)` ladders while the types still come from the schema.
 */
export const unwrap = async <T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> => {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw new ApiError(0, 'network-error', `the server cannot be reached (${String(cause)})`);
  }
  if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
  return result.data as T;
};
