import { CURRENT_FORMAT_VERSION, systemFileSchema } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_SCHEMA_ID, assessmentJsonSchema } from './assessment-json-schema';
import type { SchemaNode } from './schema-order';
import { aFullAssessment } from './testing/full-assessment';

interface ObjectSchema extends SchemaNode {
  readonly type?: string;
  readonly required?: readonly string[];
  readonly const?: unknown;
}

/** Every mapping in `value` has the schema's required keys and only keys the schema declares. */
const structuralProblems = (value: unknown, schema: ObjectSchema | undefined, path: string): string[] => {
  if (schema === undefined) return [];
  const branch = [schema, ...((schema.anyOf ?? []) as ObjectSchema[])];
  if (Array.isArray(value)) {
    const items = branch.find((candidate) => candidate.items)?.items;
    return value.flatMap((item: unknown, index) => structuralProblems(item, items, `${path}[${index}]`));
  }
  if (typeof value !== 'object' || value === null) return [];
  const object = branch.find((candidate) => candidate.properties);
  if (object?.properties === undefined) return [];
  const properties = object.properties;
  const missing = (object.required ?? [])
    .filter((key) => !(key in value))
    .map((key) => `${path}.${key} missing`);
  const unknown = Object.keys(value)
    .filter((key) => !(key in properties) && object.additionalProperties === false)
    .map((key) => `${path}.${key} unknown`);
  const nested = Object.entries(value).flatMap(([key, child]) =>
    structuralProblems(child, properties[key] as ObjectSchema | undefined, `${path}.${key}`),
  );
  return [...missing, ...unknown, ...nested];
};

describe('assessmentJsonSchema', () => {
  const schema = assessmentJsonSchema() as ObjectSchema & Record<string, unknown>;

  it('is a draft 2020-12 schema with an id, title and description', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: ASSESSMENT_SCHEMA_ID,
      type: 'object',
    });
    expect(ASSESSMENT_SCHEMA_ID).toContain(`v${CURRENT_FORMAT_VERSION}`);
    expect(typeof schema['title']).toBe('string');
    expect(typeof schema['description']).toBe('string');
  });

  it('has a property for every top-level key of the file and refuses others', () => {
    expect(Object.keys(schema.properties ?? {})).toEqual(Object.keys(systemFileSchema.shape));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['formatVersion', 'system']);
  });

  it('pins formatVersion to the current version', () => {
    expect(schema.properties?.['formatVersion']).toMatchObject({ const: CURRENT_FORMAT_VERSION });
  });

  it('describes the input side: lists with defaults are optional and carry their default', () => {
    expect(schema.properties?.['zones']).toMatchObject({ type: 'array', default: [] });
  });

  it('accepts the shape of a file that uses every part of the format', () => {
    expect(structuralProblems(aFullAssessment(), schema, '$')).toEqual([]);
  });

  it('rejects the shape of a file with an unknown or a missing key', () => {
    const { system: _system, ...withoutSystem } = aFullAssessment();
    expect(structuralProblems({ ...withoutSystem, zonez: [] }, schema, '$')).toEqual([
      '$.system missing',
      '$.zonez unknown',
    ]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
