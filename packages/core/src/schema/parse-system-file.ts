import type { z } from 'zod';
import { error, formatPath, warning, type Diagnostic, type Resolved } from '../resolve/diagnostic';
import { migrateSystemFile } from './migrations/migrate';
import { systemFileSchema, type SystemFile } from './system-file';

type Issue = z.core.$ZodIssue;

const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a long text' : `"${value}"`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
};

const lastKey = (path: readonly PropertyKey[]): string => {
  const key = [...path].reverse().find((segment) => typeof segment === 'string');
  return typeof key === 'string' ? key : 'value';
};

/**
 * Maps one Zod issue to a diagnostic with a stable code and a message that names the fix. Exported so other
 * validators of parts of the file (the server's entity endpoints) report problems the same way.
 */
export const diagnosticOfZodIssue = (issue: Issue): Diagnostic => {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const where = formatPath(path) || 'the file';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return error(
          'missing-field',
          path,
          `${where} is required: add "${lastKey(path)}" (${issue.expected}).`,
        );
      }
      return error(
        'invalid-type',
        path,
        `${where} must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}, not ${describeValue(issue.input)}.`,
      );
    case 'unrecognized_keys':
      return warning(
        'unknown-field',
        path,
        `${where} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}: it is ignored; check the spelling against the schema (zonewise schema).`,
      );
    case 'invalid_value':
      return error(
        'invalid-value',
        path,
        `${where} is ${describeValue(issue.input)}: use one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`,
      );
    case 'too_small':
    case 'too_big':
      return error('invalid-value', path, `${where}: ${issue.message}.`);
    case 'invalid_format':
      return error('invalid-value', path, `${where} is ${describeValue(issue.input)}: ${issue.message}.`);
    case 'invalid_union':
      return error(
        'invalid-value',
        path,
        `${where} is ${describeValue(issue.input)}: ${issue.message === 'Invalid input' ? 'it matches none of the allowed forms' : issue.message}.`,
      );
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return error('invalid-value', path, `${where}: ${issue.message}.`);
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deletes the keys named by `unrecognized_keys` issues from a deep copy so the rest can still be read. */
const withoutUnknownKeys = (input: unknown, issues: readonly Issue[]): unknown => {
  const copy: unknown = JSON.parse(JSON.stringify(input)) as unknown;
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let node: unknown = copy;
    for (const segment of issue.path) {
      if (!isRecord(node) && !Array.isArray(node)) break;
      node = (node as Record<PropertyKey, unknown>)[segment];
    }
    if (isRecord(node)) for (const key of issue.keys) delete node[key];
  }
  return copy;
};

/**
 * Parses unknown input (a parsed YAML/JSON document) into a `SystemFile`: migrates older format versions, applies
 * defaults, and reports every schema problem at once. Unknown fields are warnings and are dropped, never silently.
 */
export const parseSystemFile = (input: unknown): Resolved<SystemFile> => {
  const migrated = migrateSystemFile(input);
  if (!migrated.ok) return migrated;
  const first = systemFileSchema.safeParse(migrated.value, { reportInput: true });
  if (first.success) return { ok: true, value: first.data, warnings: migrated.warnings };
  const unknownKeyWarnings = first.error.issues
    .filter((issue) => issue.code === 'unrecognized_keys')
    .map(diagnosticOfZodIssue);
  const errors = first.error.issues
    .filter((issue) => issue.code !== 'unrecognized_keys')
    .map(diagnosticOfZodIssue);
  if (errors.length > 0) return { ok: false, diagnostics: [...errors, ...unknownKeyWarnings] };
  const second = systemFileSchema.safeParse(withoutUnknownKeys(migrated.value, first.error.issues), {
    reportInput: true,
  });
  if (!second.success) return { ok: false, diagnostics: second.error.issues.map(diagnosticOfZodIssue) };
  return { ok: true, value: second.data, warnings: [...migrated.warnings, ...unknownKeyWarnings] };
};
