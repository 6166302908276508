import { createRoute } from '@hono/zod-openapi';
import type { Diagnostic } from '@zonewise/core';
import {
  applyEntityChanges,
  entityPageRead,
  entityRead,
  getEntity,
  isStoreError,
  listEntitiesJsonByOffset,
  type ChangeProblem,
  type EntityChange,
  type EntityCollection,
  type EntityRecord,
} from '@zonewise/store';
import type { Context } from 'hono';
import type { ZonewiseApp } from '../../app';
import { requirePermission } from '../../auth/access';
import { actorOf } from '../../auth/actor';
import { authenticate, routeRead } from '../../auth/authenticate';
import type { AppEnv } from '../../env';
import { onOneConnection } from '../../one-connection';
import { AppError, conflict, notFound, unprocessable } from '../../errors';
import { presentDiagnostics } from '../present-diagnostics';
import { errorResponses, permission, ProjectParamsSchema } from '../schemas';
import { checkEntityBody } from './entity-schema';
import {
  ChangesRequestSchema,
  ChangesResultSchema,
  CollectionParamsSchema,
  EntityBodyRequest,
  EntityListQuerySchema,
  EntityPageSchema,
  EntityParamsSchema,
  EntitySchema,
  EntityWriteSchema,
  IfMatchHeadersSchema,
  revisionRequiredResponse,
  SectionParamsSchema,
} from './schema';

const TAGS = ['Entities'];
const REFERENCES_NOTE =
  'Bodies are checked against the file format; references between entities are checked when the model is assessed ' +
  '(GET …/assessment lists them as diagnostics), so a model may be built up in any order.';

/**
 * An unfiltered page, read in the statement that identifies the caller (the hot read of the workbench: the asset
 * table pages through it). Parsed here from the raw request because it runs before the route's validators; a
 * request they would refuse reads nothing ahead.
 */
const pageRead = routeRead((c) => {
  const params = CollectionParamsSchema.safeParse(c.req.param());
  const query = EntityListQuerySchema.safeParse(c.req.query());
  if (!params.success || !query.success || query.data.q !== undefined || query.data.ids !== undefined)
    return undefined;
  const { projectId, collection } = params.data;
  return entityPageRead(c.get('deps').store.dialect, projectId, collection, query.data);
});

/** One entity, read in the statement that identifies the caller. */
const oneRead = routeRead((c) => {
  const params = EntityParamsSchema.safeParse(c.req.param());
  if (!params.success) return undefined;
  const { projectId, collection, entityId } = params.data;
  return entityRead(c.get('deps').store.dialect, projectId, collection, entityId);
});

const list = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/entities/{collection}',
  tags: TAGS,
  summary: 'Entities of one collection in file order, with paging, text search and ids',
  ...permission('read'),
  middleware: [pageRead.authenticate, requirePermission('read')] as const,
  request: { params: CollectionParamsSchema, query: EntityListQuerySchema },
  responses: {
    200: { description: 'A page of entities', content: { 'application/json': { schema: EntityPageSchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const create = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/entities/{collection}',
  tags: TAGS,
  summary: 'Create one entity',
  description: `Ids are unique across the collections that have one. ${REFERENCES_NOTE}`,
  ...permission('edit'),
  middleware: [onOneConnection, authenticate, requirePermission('edit')] as const,
  request: { params: CollectionParamsSchema, body: EntityBodyRequest },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: EntityWriteSchema } } },
    ...errorResponses(401, 403, 404, 409, 422),
  },
});

const read = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/entities/{collection}/{entityId}',
  tags: TAGS,
  summary: 'One entity; `ETag` is its revision',
  ...permission('read'),
  middleware: [oneRead.authenticate, requirePermission('read')] as const,
  request: { params: EntityParamsSchema },
  responses: {
    200: { description: 'The entity', content: { 'application/json': { schema: EntitySchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const replace = createRoute({
  method: 'put',
  path: '/api/projects/{projectId}/entities/{collection}/{entityId}',
  tags: TAGS,
  summary: 'Replace one entity (If-Match: "<revision>" required)',
  description: `A stale revision answers 409 \`revision-conflict\` with the current entity in \`error.current\`; nothing is overwritten. The key fields must stay as they are (delete and create to rename). ${REFERENCES_NOTE}`,
  ...permission('edit'),
  middleware: [onOneConnection, authenticate, requirePermission('edit')] as const,
  request: { params: EntityParamsSchema, headers: IfMatchHeadersSchema, body: EntityBodyRequest },
  responses: {
    200: { description: 'Replaced', content: { 'application/json': { schema: EntityWriteSchema } } },
    ...errorResponses(401, 403, 404, 409, 422),
    ...revisionRequiredResponse,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/api/projects/{projectId}/entities/{collection}/{entityId}',
  tags: TAGS,
  summary: 'Delete one entity (If-Match: "<revision>" required)',
  description: `References to it are reported by the assessment, not refused here. ${REFERENCES_NOTE}`,
  ...permission('edit'),
  middleware: [onOneConnection, authenticate, requirePermission('edit')] as const,
  request: { params: EntityParamsSchema, headers: IfMatchHeadersSchema },
  responses: {
    200: {
      description: 'Deleted',
      content: { 'application/json': { schema: ChangesResultSchema.pick({ projectRevision: true }) } },
    },
    ...errorResponses(401, 403, 404, 409, 422),
    ...revisionRequiredResponse,
  },
});

const readSection = createRoute({
  method: 'get',
  path: '/api/projects/{projectId}/sections/{section}',
  tags: TAGS,
  summary: 'One section of the file (system, assessment, riskCriteria); `ETag` is its revision',
  ...permission('read'),
  middleware: [authenticate, requirePermission('read')] as const,
  request: { params: SectionParamsSchema },
  responses: {
    200: { description: 'The section', content: { 'application/json': { schema: EntitySchema } } },
    ...errorResponses(401, 404, 422),
  },
});

const writeSection = createRoute({
  method: 'put',
  path: '/api/projects/{projectId}/sections/{section}',
  tags: TAGS,
  summary:
    'Set a section: without If-Match when it is not set yet, with If-Match: "<revision>" to replace it',
  description: `A stale revision answers 409 \`revision-conflict\` with the current section. ${REFERENCES_NOTE}`,
  ...permission('edit'),
  middleware: [authenticate, requirePermission('edit')] as const,
  request: { params: SectionParamsSchema, headers: IfMatchHeadersSchema, body: EntityBodyRequest },
  responses: {
    200: { description: 'Replaced', content: { 'application/json': { schema: EntityWriteSchema } } },
    201: { description: 'Created', content: { 'application/json': { schema: EntityWriteSchema } } },
    ...errorResponses(401, 403, 404, 409, 422),
    ...revisionRequiredResponse,
  },
});

const changes = createRoute({
  method: 'post',
  path: '/api/projects/{projectId}/changes',
  tags: TAGS,
  summary: 'Apply creates, updates and deletes atomically',
  description:
    'All or nothing: any invalid body answers 422 listing every problem (paths `body.changes[i].body…`); any stale ' +
    'revision 409 `revision-conflict`, and a missing entity or taken id 422 `invalid-change`, each with `error.problems` ' +
    `naming every refused change by index and nothing stored. The project revision increases by one. ${REFERENCES_NOTE}`,
  ...permission('edit'),
  middleware: [authenticate, requirePermission('edit')] as const,
  request: {
    params: ProjectParamsSchema,
    body: { content: { 'application/json': { schema: ChangesRequestSchema } }, required: true },
  },
  responses: {
    200: { description: 'Applied', content: { 'application/json': { schema: ChangesResultSchema } } },
    ...errorResponses(401, 403, 404, 409, 413, 422),
  },
});

/** The revision in `If-Match: "<n>"` (a weak `W/` prefix is accepted); 428 when absent, 422 when malformed. */
const revisionOf = (header: string | undefined): number => {
  if (header === undefined)
    throw new AppError(
      428,
      'revision-required',
      'send the revision you read as If-Match: "<revision>" so a concurrent change is not overwritten',
    );
  const match = /^(?:W\/)?"?([1-9]\d{0,9})"?$/.exec(header.trim());
  if (match?.[1] === undefined)
    throw unprocessable('If-Match must be a revision in quotes, e.g. "3"', [
      {
        code: 'invalid-value',
        severity: 'error',
        path: ['header', 'if-match'],
        message: 'If-Match must be a revision in quotes, e.g. "3".',
      },
    ]);
  return Number(match[1]);
};

const refuseInvalid = (diagnostics: readonly Diagnostic[]): void => {
  if (diagnostics.length > 0)
    throw unprocessable(
      `the entity is invalid: ${diagnostics.map((diagnostic) => diagnostic.message).join(' ')}`,
      presentDiagnostics(diagnostics),
    );
};

/**
 * Checks the body that replaces a stored entity. Only when the body has unknown fields is the stored entity read
 * (a rare path): the fields it already carries unchanged, from an imported file, pass.
 */
const checkReplacement = async (
  c: Context<AppEnv>,
  projectId: string,
  collection: EntityCollection,
  entityId: string,
  body: unknown,
  prefix: readonly (string | number)[],
): Promise<Diagnostic[]> => {
  const problems = checkEntityBody(collection, body, prefix);
  if (!problems.some((problem) => problem.code === 'unknown-field')) return problems;
  const stored = await getEntity(c.get('deps').store.db, projectId, collection, entityId);
  return stored === undefined ? problems : checkEntityBody(collection, body, prefix, stored.body);
};

/** Applies one change, mapping the store's refusal to the HTTP error a single-entity client expects. */
const applyOne = async (c: Context<AppEnv>, projectId: string, change: EntityChange) => {
  try {
    const applied = await applyEntityChanges(
      c.get('deps').store,
      projectId,
      [change],
      actorOf(c.get('identity')),
    );
    return { projectRevision: applied.projectRevision, entity: applied.results[0] ?? null };
  } catch (error) {
    const problem =
      isStoreError(error) && Array.isArray(error.details) ? (error.details as ChangeProblem[])[0] : undefined;
    if (problem === undefined) throw error;
    switch (problem.code) {
      case 'revision-conflict':
        throw conflict(
          'revision-conflict',
          `${problem.collection} ${problem.id} changed since the revision you read; merge with error.current and retry`,
          { current: problem.current },
        );
      case 'not-found':
        throw notFound(`${problem.collection} ${problem.id}`);
      case 'duplicate-id':
        throw conflict(
          'duplicate-id',
          `the id "${problem.id}" is already used in this project; choose another`,
        );
      case 'invalid-key':
        throw unprocessable('the entity has no key', [
          {
            code: 'missing-key',
            severity: 'error',
            path: ['body'],
            message: `the entity needs its key fields (non-empty text) to be stored.`,
          },
        ]);
    }
  }
};

/** The entity after a write, with its revision as ETag. */
const written = (c: Context<AppEnv>, entity: EntityRecord | null) => {
  if (entity === null) throw new Error('a create or update returned no entity');
  c.header('ETag', `"${entity.revision}"`);
  return entity;
};

/** Key fields in the body must name the entity the URL names. */
const checkKey = (collection: EntityCollection, entityId: string, body: unknown): Diagnostic[] => {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const key =
    collection === 'requirementStatus'
      ? `${String(record['subject'])}/${String(record['requirement'])}`
      : collection === 'triage'
        ? String(record['finding'])
        : String(record['id']);
  if (key === entityId) return [];
  const field = collection === 'requirementStatus' ? 'subject' : collection === 'triage' ? 'finding' : 'id';
  return [
    {
      code: 'key-mismatch',
      severity: 'error',
      path: ['body', field],
      message: `the body names "${key}" but the URL names "${entityId}": keys cannot change (delete and create to rename).`,
    },
  ];
};

/**
 * The model's entities one at a time, the file's sections, and atomic batches. Every write names the revision it
 * was based on, so two users never silently overwrite each other; editing different entities never conflicts.
 */
export const entityRoutes = (app: ZonewiseApp): void => {
  app.openapi(list, async (c) => {
    const { projectId, collection } = c.req.valid('param');
    const query = c.req.valid('query');
    const ids = query.ids
      ?.split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    // An unfiltered page was read with the caller's identity, unless the collection's positions have gaps.
    const page =
      (await pageRead.result(c))?.value ??
      (await listEntitiesJsonByOffset(c.get('deps').store.db, projectId, collection, {
        offset: query.offset,
        limit: query.limit,
        ...(query.q === undefined ? {} : { search: query.q }),
        ...(ids === undefined ? {} : { ids }),
      }));
    // The page is written from the stored JSON of each body, not parsed and re-serialised. It has EntityPageSchema's
    // shape (the route tests check it), which the typed handler cannot see in a string, hence the cast.
    c.header('Content-Type', 'application/json');
    return c.body(
      `{"items":${page.itemsJson},"total":${page.total},"offset":${query.offset},"limit":${query.limit}}`,
      200,
    ) as never;
  });

  app.openapi(create, async (c) => {
    const { projectId, collection } = c.req.valid('param');
    const body = c.req.valid('json');
    refuseInvalid(checkEntityBody(collection, body, ['body']));
    const applied = await applyOne(c, projectId, { op: 'create', collection, body });
    return c.json(
      { entity: written(c, applied?.entity ?? null), projectRevision: applied?.projectRevision ?? 0 },
      201,
    );
  });

  app.openapi(read, async (c) => {
    const { collection, entityId } = c.req.valid('param');
    // The entity's JSON as the database wrote it (an EntityRecord, the schema's shape, hence the cast).
    const entity = (await oneRead.result(c))?.value;
    if (entity === undefined) throw notFound(`${collection} ${entityId}`);
    c.header('ETag', `"${entity.revision}"`);
    c.header('Content-Type', 'application/json');
    return c.body(entity.json, 200) as never;
  });

  app.openapi(replace, async (c) => {
    const { projectId, collection, entityId } = c.req.valid('param');
    const body = c.req.valid('json');
    refuseInvalid([
      ...(await checkReplacement(c, projectId, collection, entityId, body, ['body'])),
      ...checkKey(collection, entityId, body),
    ]);
    const revision = revisionOf(c.req.valid('header')['if-match']);
    const applied = await applyOne(c, projectId, { op: 'update', collection, id: entityId, revision, body });
    return c.json(
      { entity: written(c, applied?.entity ?? null), projectRevision: applied?.projectRevision ?? 0 },
      200,
    );
  });

  app.openapi(remove, async (c) => {
    const { projectId, collection, entityId } = c.req.valid('param');
    const revision = revisionOf(c.req.valid('header')['if-match']);
    const applied = await applyOne(c, projectId, { op: 'delete', collection, id: entityId, revision });
    return c.json({ projectRevision: applied?.projectRevision ?? 0 }, 200);
  });

  app.openapi(readSection, async (c) => {
    const { projectId, section } = c.req.valid('param');
    const entity = await getEntity(c.get('deps').store.db, projectId, section, section);
    if (entity === undefined) throw notFound(`the ${section} section`);
    c.header('ETag', `"${entity.revision}"`);
    return c.json(entity, 200);
  });

  app.openapi(writeSection, async (c) => {
    const { projectId, section } = c.req.valid('param');
    const body = c.req.valid('json');
    refuseInvalid(await checkReplacement(c, projectId, section, section, body, ['body']));
    const ifMatch = c.req.valid('header')['if-match'];
    if (ifMatch === undefined) {
      const existing = await getEntity(c.get('deps').store.db, projectId, section, section);
      if (existing !== undefined) revisionOf(undefined);
      const applied = await applyOne(c, projectId, { op: 'create', collection: section, body });
      return c.json(
        { entity: written(c, applied?.entity ?? null), projectRevision: applied?.projectRevision ?? 0 },
        201,
      );
    }
    const change = {
      op: 'update',
      collection: section,
      id: section,
      revision: revisionOf(ifMatch),
      body,
    } as const;
    const applied = await applyOne(c, projectId, change);
    return c.json(
      { entity: written(c, applied?.entity ?? null), projectRevision: applied?.projectRevision ?? 0 },
      200,
    );
  });

  app.openapi(changes, async (c) => {
    const { projectId } = c.req.valid('param');
    const request = c.req.valid('json');
    const problems = await Promise.all(
      request.changes.map(async (change, index): Promise<Diagnostic[]> => {
        const prefix = ['body', 'changes', index, 'body'];
        if (change.op === 'delete') return [];
        if (change.op === 'update')
          return checkReplacement(c, projectId, change.collection, change.id, change.body, prefix);
        return checkEntityBody(change.collection, change.body, prefix);
      }),
    );
    refuseInvalid(problems.flat());
    const applied = await applyEntityChanges(
      c.get('deps').store,
      projectId,
      request.changes,
      actorOf(c.get('identity')),
      request.reason,
    );
    return c.json({ projectRevision: applied.projectRevision, results: [...applied.results] }, 200);
  });
};
