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

/**
 * Checks one entity body against its part of the file format and returns every problem, with paths prefixed by
 * `prefix` (`['body']` → `['body', 'criticality', 'safety']`). Unknown fields are errors here, unlike in imported
 * files: an API client is told at once instead of having the field dropped. References to other entities are not
 * checked per write; the assessment's diagnostics report them.
 */
export const checkEntityBody = (
  collection: EntityCollection,
  body: unknown,
  prefix: readonly (string | number)[],
): Diagnostic[] => {
  let schema = SCHEMAS.get(collection);
  if (schema === undefined) {
    schema = entitySchemaOf(collection);
    SCHEMAS.set(collection, schema);
  }
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const diagnostic = diagnosticOfZodIssue(issue);
    return { ...diagnostic, severity: 'error', path: [...prefix, ...diagnostic.path] };
  });
};
