import type { Diagnostic } from '@zonewise/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * An error the API reports to its client: an HTTP status, a stable `code` clients may switch on, a message that
 * names the fix, and optional details (diagnostics with paths for 422, the current version for 409).
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: { readonly diagnostics?: readonly Diagnostic[]; readonly [key: string]: unknown },
  ) {
    super(message);
  }
}

/** 400: the request itself is malformed (not JSON, wrong content type). */
export const badRequest = (code: string, message: string): AppError => new AppError(400, code, message);

/** 401: no valid session or token. */
export const unauthorized = (message = 'log in or send an API token (Authorization: Bearer …)'): AppError =>
  new AppError(401, 'unauthenticated', message);

/** 403: authenticated, but the role does not allow this. */
export const forbidden = (message: string): AppError => new AppError(403, 'forbidden', message);

/** 404: no such resource, or one the caller may not know exists. */
export const notFound = (what: string): AppError => new AppError(404, 'not-found', `${what} was not found`);

/** 409: the resource changed since the client read it; `details.current` holds what is stored now. */
export const conflict = (code: string, message: string, details?: Record<string, unknown>): AppError =>
  new AppError(409, code, message, details);

/** 422: the input is well-formed but invalid; every problem is listed with its path. */
export const unprocessable = (message: string, diagnostics: readonly Diagnostic[]): AppError =>
  new AppError(422, 'invalid-input', message, { diagnostics });

/** 429: too many attempts; the client should wait `retryAfterSeconds`. */
export const tooManyRequests = (message: string, retryAfterSeconds: number): AppError =>
  new AppError(429, 'rate-limited', message, { retryAfterSeconds });

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly requestId?: string;
    readonly diagnostics?: readonly Diagnostic[];
    readonly [key: string]: unknown;
  };
}
