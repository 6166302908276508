import type { Diagnostic } from '@zonewise/core';

/** A parsed JSON text, or an `invalid-json` diagnostic at the line and column where parsing stopped. */
export type JsonTextResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly diagnostic: Diagnostic };

const positionOf = (text: string, message: string): { line: number; column: number } | undefined => {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (position === null) return undefined;
  const offset = Math.min(Number(position[1]), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

/**
 * Parses a JSON file's text (a leading byte-order mark is allowed). On failure the diagnostic names the file, the
 * line and column, and what the parser expected, so a truncated or hand-edited advisory is easy to find.
 */
export const parseJsonText = (text: string, file?: string): JsonTextResult => {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const at = positionOf(text, message) ?? (text.trim() === '' ? { line: 1, column: 1 } : undefined);
    return {
      ok: false,
      diagnostic: {
        code: 'invalid-json',
        severity: 'error',
        path: [],
        message: `not valid JSON: ${message.replace(/^JSON\.parse: /, '')}`,
        ...(file === undefined ? {} : { file }),
        ...(at === undefined ? {} : at),
      },
    };
  }
};
