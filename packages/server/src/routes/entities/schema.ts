import { z } from '@hono/zod-openapi';
import { ENTITY_COLLECTIONS, SECTION_COLLECTIONS, type EntityCollection } from '@zonewise/store';
import { ErrorSchema, PagingQuerySchema, ProjectParamsSchema, pageOf } from '../schemas';

/** The collections that hold lists of entities (everything but the sections). */
export const LIST_COLLECTIONS = ENTITY_COLLECTIONS.filter(
  (collection) => !SECTION_COLLECTIONS.has(collection),
) as [EntityCollection, ...EntityCollection[]];

/** The single-object sections of the file. */
export const SECTIONS = ['assessment', 'system', 'riskCriteria'] as const;

/** An entity body: one item of a list (or a section) of the assessment file, as its JSON Schema describes it. */
const EntityBodySchema = z.record(z.string(), z.unknown()).openapi('EntityBody', {
  description:
    'One item of the assessment file (e.g. an asset), exactly as in the file; see `zonewise schema` for each collection',
});

/** A stored entity with its revision (send the revision back in `If-Match` to change it). */
export const EntitySchema = z
  .object({
    collection: z.enum(ENTITY_COLLECTIONS),
    id: z.string().openapi({
      description: '`id`, or `subject/requirement` for requirement status, `finding` for triage',
    }),
    position: z.number().int().openapi({ description: 'Order in the file' }),
    revision: z.number().int().openapi({ description: 'Increases with every change of this entity' }),
    body: z.unknown().openapi({ type: 'object', description: 'The entity as in the assessment file' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('Entity');

/** A page of entities. */
export const EntityPageSchema = pageOf(EntitySchema, 'EntityPage');

/** An entity after a write, with the project's new revision. */
export const EntityWriteSchema = z
  .object({ entity: EntitySchema, projectRevision: z.number().int() })
  .openapi('EntityWrite');

/** The body of a write to one entity or section. */
export const EntityBodyRequest = {
  content: { 'application/json': { schema: EntityBodySchema } },
  required: true,
} as const;

/** `:projectId/:collection` of a list collection. */
export const CollectionParamsSchema = ProjectParamsSchema.extend({
  collection: z.enum(LIST_COLLECTIONS).openapi({ param: { name: 'collection', in: 'path' } }),
});

/** `:projectId/:collection/:entityId`. */
export const EntityParamsSchema = CollectionParamsSchema.extend({
  entityId: z
    .string()
    .min(1)
    .max(2200)
    .openapi({
      param: { name: 'entityId', in: 'path' },
      description: 'The entity key, URL-encoded (`zone-a%2FSR%201.1` for requirement status)',
    }),
});

/** `:projectId/:section`. */
export const SectionParamsSchema = ProjectParamsSchema.extend({
  section: z.enum(SECTIONS).openapi({ param: { name: 'section', in: 'path' } }),
});

/** `?offset&limit&q&ids` of an entity listing. */
export const EntityListQuerySchema = PagingQuerySchema.extend({
  q: z.string().max(500).optional().openapi({ description: 'Case-insensitive text anywhere in the entity' }),
  ids: z.string().max(100_000).optional().openapi({ description: 'Only these keys, comma-separated' }),
});

/** The `If-Match` header that carries the revision a change is based on. */
export const IfMatchHeadersSchema = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({
      param: { name: 'if-match', in: 'header' },
      description: 'The revision read, as `"<revision>"`',
      example: '"3"',
    }),
});

/** 428: a change without the revision it is based on. */
export const revisionRequiredResponse = {
  428: {
    description: 'The If-Match header with the revision read is missing',
    content: { 'application/json': { schema: ErrorSchema } },
  },
} as const;

const collection = z.enum(ENTITY_COLLECTIONS);
const key = z.string().min(1).max(2200);
const revision = z.number().int().min(1);

/** One change of a batch. */
export const ChangeSchema = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('create'), collection, body: z.unknown() }).strict(),
    z.object({ op: z.literal('update'), collection, id: key, revision, body: z.unknown() }).strict(),
    z.object({ op: z.literal('delete'), collection, id: key, revision }).strict(),
  ])
  .openapi('Change');

/** Body of `POST …/changes`. */
export const ChangesRequestSchema = z
  .object({
    changes: z.array(ChangeSchema).min(1).max(10_000),
    reason: z.string().max(2000).optional().openapi({ description: 'Why, for the audit trail' }),
  })
  .strict()
  .openapi('Changes');

/** What a batch did: per change, the entity after it (null after a delete). */
export const ChangesResultSchema = z
  .object({ projectRevision: z.number().int(), results: z.array(EntitySchema.nullable()) })
  .openapi('ChangesResult');
