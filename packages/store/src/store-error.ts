/** Stable codes of the failures a store operation reports to its caller (the server maps them to HTTP). */
export type StoreErrorCode =
  | 'not-found'
  | 'revision-conflict'
  | 'duplicate-id'
  | 'invalid-change'
  | 'forbidden'
  | 'rate-limited'
  | 'last-admin'
  | 'last-assessor';

/**
 * A failure the caller can act on: a missing row, a stale revision (with the current version in `details`), an id
 * already taken. Anything else a store throws is a bug or an unavailable database.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** True for a `StoreError` with the given code. */
export const isStoreError = (error: unknown, code?: StoreErrorCode): error is StoreError =>
  error instanceof StoreError && (code === undefined || error.code === code);
