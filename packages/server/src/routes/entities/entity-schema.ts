import { diagnosticOfZodIssue, systemFileSchema, type Diagnostic } from '@zonewise/core';
import type { EntityCollection } from '@zonewise/store';
import type { z } from 'zod';

type AnySchema = z.ZodType;

/** The Zod schema of one entity of `collection`: the file's field with optional/default unwrapped, lists' element. */
const entitySchemaOf = (collection: EntityCollection): AnySchema => {
  let schema = systemFileSchema.shape[collection] as AnySchema;
  for (;;) {
    const def = schema._zod.def as { type: string; innerType?: AnySchema; element?: AnySchema };
    if ((def.type === 'optional' || def.type === 'default') && def.innerType !== undefined)
      schema = def.innerType;
    else if (def.type === 'array' && def.element !== undefined) schema = def.element;
    else return schema;
  }
};

const SCHEMAS = new Map<EntityCollection, AnySchema>();

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown => {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
};

const hasSameField = (stored: unknown, sent: unknown, key: string): boolean =>
  typeof stored === 'object' &&
  stored !== null &&
  Object.hasOwn(stored, key) &&
  JSON.stringify((stored as Record<string, unknown>)[key]) ===
    JSON.stringify((sent as Record<string, unknown>)[key]);

/**
 * Checks one entity body against its part of the file format and returns every problem, with paths prefixed by
 * `prefix` (`['body']` → `['body', 'criticality', 'safety']`). Unknown fields are errors here, unlike in imported
 * files: an API client is told at once instead of having the field dropped. The exception is `stored`, the body
 * being replaced: an unknown field it already has with the same value (kept from an imported file) passes, so an
 * edit that sends the whole body back is not refused for a field the user never touched. References to other
 * entities are not checked per write; the assessment's diagnostics report them.
 */
export const checkEntityBody = (
  collection: EntityCollection,
  body: unknown,
  prefix: readonly (string | number)[],
  stored?: unknown,
): Diagnostic[] => {
  let schema = SCHEMAS.get(collection);
  if (schema === undefined) {
    schema = entitySchemaOf(collection);
    SCHEMAS.set(collection, schema);
  }
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return [];
  const issues = parsed.error.issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys' || stored === undefined) return [issue];
    const storedObject = valueAt(stored, issue.path);
    const sentObject = valueAt(body, issue.path);
    const fresh = issue.keys.filter((key) => !hasSameField(storedObject, sentObject, key));
    return fresh.length === 0 ? [] : [{ ...issue, keys: fresh }];
  });
  return issues.map((issue) => {
    const diagnostic = diagnosticOfZodIssue(issue);
    return { ...diagnostic, severity: 'error', path: [...prefix, ...diagnostic.path] };
  });
};
