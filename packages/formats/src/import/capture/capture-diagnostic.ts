import type { Diagnostic, DiagnosticSeverity } from '@zonewise/core';

/**
 * Stable codes for problems found while reading a capture. Errors stop the reader (everything read before the
 * offset is kept); warnings note packets that were skipped or not decoded.
 */
export const CAPTURE_DIAGNOSTIC_CODES = [
  'capture-empty',
  'capture-bad-magic',
  'capture-truncated',
  'capture-bad-record',
  'capture-bad-block',
  'capture-unsupported-version',
  'capture-unknown-interface',
  'capture-unsupported-link-type',
  'capture-malformed-packets',
  'capture-flow-limit',
  'capture-host-limit',
  'capture-device-limit',
] as const;

/** One of {@link CAPTURE_DIAGNOSTIC_CODES}. */
export type CaptureDiagnosticCode = (typeof CAPTURE_DIAGNOSTIC_CODES)[number];

/**
 * A capture problem as a value: the core diagnostic shape plus the byte offset in the file where the problem
 * starts (the start of the record or block that is bad or incomplete). `path` is empty: a capture has no tree.
 */
export interface CaptureDiagnostic extends Diagnostic {
  readonly code: CaptureDiagnosticCode;
  /** Byte offset from the start of the file. */
  readonly offset: number;
}

/** Builds a capture diagnostic. */
export const captureDiagnostic = (
  code: CaptureDiagnosticCode,
  severity: DiagnosticSeverity,
  offset: number,
  message: string,
): CaptureDiagnostic => ({ code, severity, path: [], offset, message });
