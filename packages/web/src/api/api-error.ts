/** One problem the server found, with the path into the request or model it concerns. */
export interface ApiDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** One refused change of a bulk request (`POST …/changes`), by its index in the batch. */
export interface ApiChangeProblem {
  readonly index: number;
  readonly code: string;
  readonly collection: string;
  readonly id: string;
  readonly current?: unknown;
}

/** The body of every error response: `{ error: { code, message, diagnostics?, problems?, current? } }`. */
interface ErrorBody {
  readonly error?: {
    readonly code?: unknown;
    readonly message?: unknown;
    readonly requestId?: unknown;
    readonly diagnostics?: unknown;
    readonly problems?: unknown;
    readonly current?: unknown;
  };
}

/**
 * A refused API call, typed so that views can switch on `code` (never on the text), show `diagnostics` beside the
 * field they name, and offer `current` (the stored version) on a 409 conflict.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics: readonly ApiDiagnostic[] = [],
    readonly problems: readonly ApiChangeProblem[] = [],
    readonly current?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** True for a stale-revision conflict, where `current` (or the first problem's) holds what is stored now. */
  get isConflict(): boolean {
    return this.status === 409 && (this.code === 'revision-conflict' || this.problems.length > 0);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds an `ApiError` from a status and whatever body came back (JSON error shape, text, or nothing). */
export const apiErrorOf = (status: number, body: unknown): ApiError => {
  const error = isRecord(body) ? (body as ErrorBody).error : undefined;
  if (!isRecord(error)) {
    const text = typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : undefined;
    return new ApiError(
      status,
      status === 0 ? 'network-error' : `http-${status}`,
      text ?? `the server answered ${status}`,
    );
  }
  const diagnostics = Array.isArray(error.diagnostics) ? (error.diagnostics as ApiDiagnostic[]) : [];
  const problems = Array.isArray(error.problems) ? (error.problems as ApiChangeProblem[]) : [];
  const current = error.current ?? problems.find((problem) => problem.current !== undefined)?.current;
  return new ApiError(
    status,
    typeof error.code === 'string' ? error.code : `http-${status}`,
    typeof error.message === 'string' ? error.message : `the server answered ${status}`,
    diagnostics,
    problems,
    current,
    typeof error.requestId === 'string' ? error.requestId : undefined,
  );
};

/** A diagnostic path as people read it: `assets[3].zone`. */
export const formatPath = (path: readonly (string | number)[]): string =>
  path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
