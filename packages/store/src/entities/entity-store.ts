import { canonicalJson } from '@zonewise/core';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { appendAuditEvents, projectChainId, storedText, type AuditEventInput } from '../audit/audit-chain';
import type { DialectName } from '../connect';
import type { Database, EntitiesTable } from '../database-schema';
import { runProjectRead, type ProjectRead } from '../project-read';
import { inTransaction, lockProject, type Actor, type Executor, type StoreContext } from '../store-context';
import { StoreError } from '../store-error';
import {
  ENTITY_COLLECTIONS,
  ID_COLLECTIONS,
  SECTION_COLLECTIONS,
  entityKeyOf,
  type EntityCollection,
} from './collections';

/** One stored entity with its revision. `body` is the entity as in the assessment file. */
export interface EntityRecord {
  readonly collection: EntityCollection;
  readonly id: string;
  readonly position: number;
  readonly revision: number;
  readonly body: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** One change of a batch. Updates and deletes name the revision they were based on (optimistic concurrency). */
export type EntityChange =
  | { readonly op: 'create'; readonly collection: EntityCollection; readonly body: unknown }
  | {
      readonly op: 'update';
      readonly collection: EntityCollection;
      readonly id: string;
      readonly revision: number;
      readonly body: unknown;
    }
  | {
      readonly op: 'delete';
      readonly collection: EntityCollection;
      readonly id: string;
      readonly revision: number;
    };

/** What a batch did: the project's new revision and, per change, the entity after it (null after a delete). */
export interface AppliedChanges {
  readonly projectRevision: number;
  readonly results: readonly (EntityRecord | null)[];
}

/** Why one change of a batch was refused; the whole batch is then refused. */
export interface ChangeProblem {
  /** Index of the change in the batch. */
  readonly index: number;
  readonly code: 'revision-conflict' | 'not-found' | 'duplicate-id' | 'invalid-key';
  readonly collection: EntityCollection;
  readonly id: string;
  /** The stored entity, for conflicts: what the client should merge with. */
  readonly current?: EntityRecord;
}

const toRecord = (row: EntitiesTable): EntityRecord => ({
  collection: row.collection as EntityCollection,
  id: row.entity_id,
  position: row.position,
  revision: row.revision,
  body: JSON.parse(row.body) as unknown,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

/** Filters and paging of an entity listing. */
export interface EntityQuery {
  readonly offset?: number;
  readonly limit?: number;
  /** Case-insensitive text anywhere in the entity's JSON. */
  readonly search?: string;
  /** Only these ids. */
  readonly ids?: readonly string[];
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (match) => `\\${match}`);

/**
 * The rows of one page and the total that match. Without a search or ids the total comes from `entity_counts` (no
 * `count(*)`), and while the collection's positions are dense (no deletes since the import: count = next position)
 * offset n is position n, so the page is the position range [offset, offset + limit) read in the same statement as
 * the count (one round trip). After deletes (positions with gaps) a second query pages with OFFSET.
 */
const pageOfRows = async (
  db: Executor,
  projectId: string,
  collection: EntityCollection,
  query: EntityQuery,
): Promise<{ rows: EntitiesTable[]; total: number }> => {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  let base = db
    .selectFrom('entities')
    .where('project_id', '=', projectId)
    .where('collection', '=', collection);
  const filtered = (query.search !== undefined && query.search !== '') || query.ids !== undefined;
  if (!filtered) {
    const joined = await db
      .selectFrom('entity_counts')
      .leftJoin('entities', (join) =>
        join
          .onRef('entities.project_id', '=', 'entity_counts.project_id')
          .onRef('entities.collection', '=', 'entity_counts.collection')
          .on('entities.position', '>=', offset)
          .on('entities.position', '<', offset + limit),
      )
      .select([
        'entity_counts.count as counted',
        'entity_counts.next_position',
        'entities.project_id',
        'entities.entity_id',
        'entities.collection',
        'entities.position',
        'entities.revision',
        'entities.body',
        'entities.created_at',
        'entities.updated_at',
        'entities.updated_by',
      ])
      .where('entity_counts.project_id', '=', projectId)
      .where('entity_counts.collection', '=', collection)
      .orderBy('entities.position')
      .execute();
    const counter = joined[0];
    const total = Number(counter?.counted ?? 0);
    if (counter === undefined || offset >= total) return { rows: [], total };
    if (total === Number(counter.next_position)) {
      const rows = joined.filter((row): row is typeof row & EntitiesTable => row.entity_id !== null);
      return { rows, total };
    }
    const rows = await base.selectAll().orderBy('position').offset(offset).limit(limit).execute();
    return { rows, total };
  }
  if (query.search !== undefined && query.search !== '') {
    const pattern = `%${escapeLike(query.search.toLowerCase())}%`;
    base = base.where((eb) => eb(eb.fn('lower', ['body']), 'like', eb.val(pattern)));
  }
  if (query.ids !== undefined) {
    if (query.ids.length === 0) return { rows: [], total: 0 };
    base = base.where('entity_id', 'in', [...query.ids]);
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('position').offset(offset).limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
};

/** Entities of one collection in file order, with the total that match (for paging). */
export const listEntities = async (
  db: Executor,
  projectId: string,
  collection: EntityCollection,
  query: EntityQuery = {},
): Promise<{ items: EntityRecord[]; total: number }> => {
  const { rows, total } = await pageOfRows(db, projectId, collection, query);
  return { items: rows.map(toRecord), total };
};

/** A page of entities as JSON text (an array of `EntityRecord`s) and how many the collection holds. */
export interface EntityPageJson {
  readonly itemsJson: string;
  readonly total: number;
}

/**
 * `listEntities` with the items as JSON text (an array of `EntityRecord`s, in its key order), built from the stored
 * canonical JSON of each body without parsing and re-serialising it: listing pages are the server's hottest path.
 */
export const listEntitiesJson = async (
  context: Pick<StoreContext, 'db' | 'dialect'>,
  projectId: string,
  collection: EntityCollection,
  query: EntityQuery = {},
): Promise<EntityPageJson> => {
  const isFiltered = (query.search !== undefined && query.search !== '') || query.ids !== undefined;
  if (!isFiltered) {
    const built = await runProjectRead(
      context.db,
      entityPageRead(context.dialect, projectId, collection, query),
    );
    if (built !== undefined) return built;
  }
  return listEntitiesJsonByOffset(context.db, projectId, collection, query);
};

/**
 * `listEntitiesJson` without the dense-page shortcut: filtered pages, and pages of a collection whose positions have
 * gaps, written from the rows.
 */
export const listEntitiesJsonByOffset = async (
  db: Executor,
  projectId: string,
  collection: EntityCollection,
  query: EntityQuery = {},
): Promise<EntityPageJson> => {
  const { rows, total } = await pageOfRows(db, projectId, collection, query);
  const items = rows.map(
    (row) =>
      `{"collection":${JSON.stringify(row.collection)},"id":${JSON.stringify(row.entity_id)},` +
      `"position":${Number(row.position)},"revision":${Number(row.revision)},"body":${row.body},` +
      `"createdAt":${JSON.stringify(row.created_at)},"updatedAt":${JSON.stringify(row.updated_at)},` +
      `"updatedBy":${JSON.stringify(row.updated_by)}}`,
  );
  return { itemsJson: `[${items.join(',')}]`, total };
};

/**
 * One entity as an `EntityRecord`'s JSON text, written by the database from the stored body (in the record's key
 * order): the row alias is `e`. The id and who edited are quoted by the database (text from outside); the collection
 * is the caller's; the times are ISO 8601 from the store's clock, which need no escaping. Quoting costs PostgreSQL a
 * function call per value.
 */
const entityJsonSql = (dialect: DialectName, collection: EntityCollection): RawBuilder<string> => {
  const isPostgres = dialect === 'postgres';
  const quote = (column: string) =>
    sql.raw(isPostgres ? `to_json(e.${column}::text)::text` : `json_quote(e.${column})`);
  const number = (column: string) => sql.raw(isPostgres ? `e.${column}::text` : `cast(e.${column} as text)`);
  return sql<string>`${`{"collection":${JSON.stringify(collection)},"id":`} || ${quote('entity_id')}
    || ',"position":' || ${number('position')} || ',"revision":' || ${number('revision')}
    || ',"body":' || e.body || ',"createdAt":"' || e.created_at
    || '","updatedAt":"' || e.updated_at || '","updatedBy":' || ${quote('updated_by')} || '}'`;
};

/**
 * An unfiltered page as a `ProjectRead`, with the items' JSON written by the database: one value with one text comes
 * back instead of a hundred rows of nine columns, which the driver would decode into objects only for them to be
 * written out as text again (under load that decoding was about a tenth of the server's time). Its result is
 * undefined when the collection's positions have gaps (see `pageOfRows`): the caller then pages with OFFSET.
 */
export const entityPageRead = (
  dialect: DialectName,
  projectId: string,
  collection: EntityCollection,
  query: Pick<EntityQuery, 'offset' | 'limit'> = {},
): ProjectRead<EntityPageJson | undefined> => {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 100;
  // The rows come in position order from the index. PostgreSQL is told the order in the aggregate; SQLite
  // concatenates in the order its ordered subquery yields (an ORDER BY in the aggregate would sort them again, which
  // doubled the query's time); the paging contract test checks the order on both.
  const concatenate = sql.raw(
    dialect === 'postgres'
      ? "string_agg(page.item, ',' order by page.position)"
      : "group_concat(page.item, ',')",
  );
  const counts = sql`from entity_counts c where c.project_id = ${projectId} and c.collection = ${collection}`;
  return {
    columns: {
      counted: sql`select c.count ${counts}`,
      next_position: sql`select c.next_position ${counts}`,
      items: sql`select ${concatenate} from (
        select e.position, ${entityJsonSql(dialect, collection)} as item
        from entities e
        where e.project_id = ${projectId} and e.collection = ${collection}
          and e.position >= cast(${offset} as integer) and e.position < cast(${offset + limit} as integer)
        order by e.position
      ) as page`,
    },
    decode: (values) => {
      const total = Number(values['counted'] ?? 0);
      if (total !== Number(values['next_position'] ?? 0)) return undefined;
      const items = typeof values['items'] === 'string' ? values['items'] : '';
      return { itemsJson: `[${offset >= total ? '' : items}]`, total };
    },
  };
};

/** One entity as a `ProjectRead`: its JSON text (an `EntityRecord`) and revision, or undefined when there is none. */
export const entityRead = (
  dialect: DialectName,
  projectId: string,
  collection: EntityCollection,
  id: string,
): ProjectRead<{ readonly json: string; readonly revision: number } | undefined> => {
  const from = sql`from entities e
    where e.project_id = ${projectId} and e.collection = ${collection} and e.entity_id = ${id}`;
  return {
    columns: {
      entity: sql`select ${entityJsonSql(dialect, collection)} ${from}`,
      revision: sql`select e.revision ${from}`,
    },
    decode: (values) =>
      typeof values['entity'] === 'string'
        ? { json: values['entity'], revision: Number(values['revision']) }
        : undefined,
  };
};

/** One entity, or undefined. */
export const getEntity = async (
  db: Executor,
  projectId: string,
  collection: EntityCollection,
  id: string,
): Promise<EntityRecord | undefined> => {
  // Written as SQL rather than built: a hot read, whose query building cost more than the statement.
  const { rows } = await sql<EntitiesTable>`
    select * from entities
    where project_id = ${projectId} and collection = ${collection} and entity_id = ${id}`.execute(db);
  const row = rows[0];
  return row === undefined ? undefined : toRecord(row);
};

/** Every entity of a project, collection by collection in file order. */
export const loadAllEntities = async (db: Executor, projectId: string): Promise<EntityRecord[]> => {
  const rows = await db
    .selectFrom('entities')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('collection')
    .orderBy('position')
    .execute();
  const rank = new Map<string, number>(ENTITY_COLLECTIONS.map((name, index) => [name, index]));
  return rows
    .map(toRecord)
    .sort((a, b) => (rank.get(a.collection) ?? 0) - (rank.get(b.collection) ?? 0) || a.position - b.position);
};

/**
 * The project's model as an assessment-file object (`formatVersion`, sections, then lists in order). The result is
 * what the user or an import stored; validating it is the caller's job (`resolveSystem`).
 */
export const assembleProjectFile = (
  formatVersion: number,
  entities: readonly EntityRecord[],
): Record<string, unknown> => {
  const file: Record<string, unknown> = { formatVersion };
  for (const collection of ENTITY_COLLECTIONS) {
    if (!SECTION_COLLECTIONS.has(collection) && collection !== 'threatSources') file[collection] = [];
  }
  for (const entity of entities) {
    if (SECTION_COLLECTIONS.has(entity.collection)) file[entity.collection] = entity.body;
    else {
      const list = (file[entity.collection] ??= []) as unknown[];
      list.push(entity.body);
    }
  }
  return file;
};

/** Finds a live id in the shared id namespace of a project (ids are unique across an assessment file). */
const idTaken = async (trx: Transaction<Database>, projectId: string, id: string): Promise<boolean> => {
  const row = await trx
    .selectFrom('entities')
    .select('collection')
    .where('project_id', '=', projectId)
    .where('entity_id', '=', id)
    .where('collection', 'in', [...ID_COLLECTIONS])
    .executeTakeFirst();
  return row !== undefined;
};

/**
 * One entity update on PostgreSQL as a single statement outside any transaction (so it commits on its own): it
 * locks the project row and the audit chain's head, updates the entity if both the revision it was based on and the
 * version this statement sees match, moves the project revision, and appends the audit record with its hash
 * computed by the database, then commits. Nothing waits on the server between taking the locks and the commit,
 * so under load an edit holds the project lock for the statement and the WAL flush only, not for the round trips
 * and event-loop turns of a multi-statement transaction (edits of one project are serial: the audit chain is one
 * sequence). The record's hash is the same SHA-256 over the same canonical JSON as `auditRecordHash`: every value
 * known here is encoded by JSON.stringify, and the previous body (stored canonical JSON, so only `"` and `\` need
 * escaping) by PostgreSQL's `to_json`, which escapes those the same way. The lock order (project, then chain head,
 * then entity) is every writer's.
 *
 * Undefined when it changed nothing (stale or unknown revision, a missing entity or chain head, or a version
 * committed while this statement waited for the lock): the caller then takes the transactional path, which reads
 * under the lock and refuses with the current version, so every refusal is decided there.
 */
const updateOneInOneStatement = async (
  context: StoreContext,
  projectId: string,
  change: Extract<EntityChange, { op: 'update' }>,
  actor: Actor,
  reason: string | undefined,
): Promise<AppliedChanges | undefined> => {
  const at = context.now();
  const chainId = projectChainId(projectId);
  const body = canonicalJson(change.body);
  // As stored (see `storedText`), so that the hash is over what verification reads back.
  const actorId = storedText(actor.id);
  const actorName = storedText(actor.name);
  const storedReason = reason === undefined ? undefined : storedText(reason);
  const text = (value: string | null | undefined): string => JSON.stringify(value ?? null);
  // A stale revision (as this statement's snapshot sees it) takes no lock at all: the edit waits for the project
  // lock only when it can succeed.
  // The record's canonical JSON (keys sorted) around the three values only the database knows: the previous body,
  // the previous hash and the sequence number.
  const beforeBefore =
    `{"action":"entity.update","actorId":${text(actorId)},"actorName":${text(actorName)},` +
    `"after":${text(body)},"at":${text(at)},"before":`;
  const beforePrev = `,"chain":${text(chainId)},"prev":"`;
  const beforeReason = `","reason":${text(storedReason)},"seq":`;
  const tail = `,"targetId":${text(change.id)},"targetKind":${text(change.collection)}}`;
  const { rows } = await sql<{
    project_revision: number;
    position: number;
    created_at: string;
  }>`
    with locked as (
      select revision from projects where id = ${projectId}
        and exists (
          select 1 from entities
          where project_id = ${projectId} and collection = ${change.collection} and entity_id = ${change.id}
            and revision = ${change.revision}::integer
        )
      for update
    ), head as (
      select head_seq, head_hash from audit_chains
      where chain_id = ${chainId} and exists (select 1 from locked) for update
    ), old as (
      select revision, body from entities
      where project_id = ${projectId} and collection = ${change.collection} and entity_id = ${change.id}
    ), changed as (
      update entities set body = ${body}, revision = revision + 1, updated_at = ${at}, updated_by = ${actor.id}
      where project_id = ${projectId} and collection = ${change.collection} and entity_id = ${change.id}
        and revision = ${change.revision}::integer
        and (select revision from old) = ${change.revision}::integer
        and exists (select 1 from head)
      returning position, created_at
    ), bumped as (
      update projects set revision = revision + 1, updated_at = ${at}
      where id = ${projectId} and exists (select 1 from changed)
      returning revision
    ), record as (
      select head.head_seq + 1 as seq, head.head_hash as prev_hash, old.body as before_json,
        ${beforeBefore}::text || to_json(old.body)::text || ${beforePrev}::text || head.head_hash
          || ${beforeReason}::text || (head.head_seq + 1)::text || ${tail}::text as canonical
      from head, old
      where exists (select 1 from changed)
    ), appended as (
      insert into audit_events (chain_id, seq, at, actor_id, actor_name, action, target_kind, target_id,
        before_json, after_json, reason, prev_hash, hash)
      select ${chainId}, seq, ${at}, ${actorId}, ${actorName}, 'entity.update', ${change.collection}, ${change.id},
        before_json, ${body}, ${storedReason ?? null}::text, prev_hash,
        encode(sha256(convert_to(canonical, 'UTF8')), 'hex')
      from record
      returning seq, hash
    ), moved as (
      update audit_chains set head_seq = appended.seq, head_hash = appended.hash
      from appended where audit_chains.chain_id = ${chainId}
      returning 1
    )
    select bumped.revision as project_revision, changed.position, changed.created_at
    from bumped, changed, moved`.execute(context.db);
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    projectRevision: Number(row.project_revision),
    results: [
      {
        collection: change.collection,
        id: change.id,
        position: Number(row.position),
        revision: change.revision + 1,
        body: JSON.parse(body) as unknown,
        createdAt: row.created_at,
        updatedAt: at,
        updatedBy: actor.id,
      },
    ],
  };
};

/** The error refusing a batch: `revision-conflict` when every problem is one (with the current versions). */
const refusalOf = (problems: readonly ChangeProblem[], changes: number): StoreError =>
  new StoreError(
    problems.every((problem) => problem.code === 'revision-conflict')
      ? 'revision-conflict'
      : 'invalid-change',
    `${problems.length} of ${changes} changes were refused; nothing was stored`,
    problems,
  );

/**
 * Applies a batch of creates, updates and deletes atomically: every change is checked against the stored revisions
 * first, and if any is stale, missing or a duplicate the batch stores nothing and a `StoreError` lists every
 * problem (`revision-conflict` with the current versions, else `invalid-change`). Each change is one audit record;
 * the project revision increases by one per batch. Bodies must already be valid entities (the server checks them).
 */
export const applyEntityChanges = async (
  context: StoreContext,
  projectId: string,
  changes: readonly EntityChange[],
  actor: Actor,
  reason?: string,
): Promise<AppliedChanges> => {
  const [only] = changes;
  if (context.dialect === 'postgres' && changes.length === 1 && only?.op === 'update') {
    // The key check needs no database; a wrong key goes to the general path, which refuses it.
    if (entityKeyOf(only.collection, only.body) === only.id) {
      const applied = await updateOneInOneStatement(context, projectId, only, actor, reason);
      if (applied !== undefined) return applied;
      // The commonest refusal, a stale revision, is answered from a plain read of the current version: the
      // transactional path would take the project lock only to say the same, and every edit of the project would
      // wait behind it. Anything else (missing entity or project, a version that changed meanwhile) goes there.
      const current = await getEntity(context.db, projectId, only.collection, only.id);
      if (current !== undefined && current.revision !== only.revision)
        throw refusalOf(
          [{ index: 0, code: 'revision-conflict', collection: only.collection, id: only.id, current }],
          1,
        );
    }
  }
  return inTransaction(context, async (trx) => {
    const at = context.now();
    // Bumping the revision first takes the project's row lock (concurrent writers of the project queue here, in this
    // or another process) and reads the new revision in one statement; a refused batch rolls it back.
    const bumped = await trx
      .updateTable('projects')
      .set((eb) => ({ revision: eb('revision', '+', 1), updated_at: at }))
      .where('id', '=', projectId)
      .returning('revision')
      .executeTakeFirst();
    if (bumped === undefined) throw new StoreError('not-found', `project ${projectId} does not exist`);
    const problems: ChangeProblem[] = [];
    const results: (EntityRecord | null)[] = [];
    const audit: AuditEventInput[] = [];
    const chainId = projectChainId(projectId);
    // Ids created or deleted earlier in this batch, so a batch may delete an id and create it again.
    const createdIds = new Set<string>();
    const deletedIds = new Set<string>();
    // Per collection touched: its entity count and next free position, written back to entity_counts at the end.
    const counters = new Map<EntityCollection, { count: number; next: number }>();
    const counterOf = async (collection: EntityCollection) => {
      let counter = counters.get(collection);
      if (counter === undefined) {
        const row = await trx
          .selectFrom('entity_counts')
          .select(['count', 'next_position'])
          .where('project_id', '=', projectId)
          .where('collection', '=', collection)
          .executeTakeFirst();
        counter = { count: Number(row?.count ?? 0), next: Number(row?.next_position ?? 0) };
        counters.set(collection, counter);
      }
      return counter;
    };
    const positionFor = async (collection: EntityCollection): Promise<number> => {
      const counter = await counterOf(collection);
      counter.count += 1;
      if (SECTION_COLLECTIONS.has(collection)) {
        counter.next = Math.max(counter.next, 1);
        return 0;
      }
      counter.next += 1;
      return counter.next - 1;
    };

    for (const [index, change] of changes.entries()) {
      if (change.op === 'create') {
        const id = entityKeyOf(change.collection, change.body);
        if (id === undefined) {
          problems.push({ index, code: 'invalid-key', collection: change.collection, id: '' });
          continue;
        }
        const isIdCollection = ID_COLLECTIONS.includes(change.collection);
        const existing = isIdCollection
          ? (await idTaken(trx, projectId, id)) && !deletedIds.has(id)
          : (await getEntity(trx, projectId, change.collection, id)) !== undefined &&
            !deletedIds.has(`${change.collection}:${id}`);
        if (existing || createdIds.has(isIdCollection ? id : `${change.collection}:${id}`)) {
          problems.push({ index, code: 'duplicate-id', collection: change.collection, id });
          continue;
        }
        createdIds.add(isIdCollection ? id : `${change.collection}:${id}`);
        const row: EntitiesTable = {
          project_id: projectId,
          entity_id: id,
          collection: change.collection,
          position: await positionFor(change.collection),
          revision: 1,
          body: canonicalJson(change.body),
          created_at: at,
          updated_at: at,
          updated_by: actor.id,
        };
        if (problems.length === 0) await trx.insertInto('entities').values(row).execute();
        results.push(toRecord(row));
        audit.push({
          chainId,
          actor,
          action: 'entity.create',
          targetKind: change.collection,
          targetId: id,
          after: change.body,
          reason,
        });
        continue;
      }
      const current = await getEntity(trx, projectId, change.collection, change.id);
      if (current === undefined) {
        problems.push({ index, code: 'not-found', collection: change.collection, id: change.id });
        continue;
      }
      if (current.revision !== change.revision) {
        problems.push({
          index,
          code: 'revision-conflict',
          collection: change.collection,
          id: change.id,
          current,
        });
        continue;
      }
      if (change.op === 'delete') {
        if (problems.length === 0)
          await trx
            .deleteFrom('entities')
            .where('project_id', '=', projectId)
            .where('collection', '=', change.collection)
            .where('entity_id', '=', change.id)
            .execute();
        deletedIds.add(
          ID_COLLECTIONS.includes(change.collection) ? change.id : `${change.collection}:${change.id}`,
        );
        (await counterOf(change.collection)).count -= 1;
        results.push(null);
        audit.push({
          chainId,
          actor,
          action: 'entity.delete',
          targetKind: change.collection,
          targetId: change.id,
          before: current.body,
          reason,
        });
        continue;
      }
      const newKey = entityKeyOf(change.collection, change.body);
      if (newKey !== change.id) {
        problems.push({ index, code: 'invalid-key', collection: change.collection, id: change.id });
        continue;
      }
      const body = canonicalJson(change.body);
      if (problems.length === 0)
        await trx
          .updateTable('entities')
          .set({ body, revision: current.revision + 1, updated_at: at, updated_by: actor.id })
          .where('project_id', '=', projectId)
          .where('collection', '=', change.collection)
          .where('entity_id', '=', change.id)
          .execute();
      results.push({
        ...current,
        body: JSON.parse(body) as unknown,
        revision: current.revision + 1,
        updatedAt: at,
        updatedBy: actor.id,
      });
      audit.push({
        chainId,
        actor,
        action: 'entity.update',
        targetKind: change.collection,
        targetId: change.id,
        before: current.body,
        after: change.body,
        reason,
      });
    }

    if (problems.length > 0) {
      throw refusalOf(problems, changes.length);
    }
    for (const [collection, counter] of counters) {
      await trx
        .insertInto('entity_counts')
        .values({ project_id: projectId, collection, count: counter.count, next_position: counter.next })
        .onConflict((conflict) =>
          conflict
            .columns(['project_id', 'collection'])
            .doUpdateSet({ count: counter.count, next_position: counter.next }),
        )
        .execute();
    }
    await appendAuditEvents(context, trx, audit);
    return { projectRevision: Number(bumped.revision), results };
  });
};

/** An entity to store by `replaceProjectModel`. */
export interface ModelEntity {
  readonly collection: EntityCollection;
  readonly body: unknown;
}

/** Splits an assessment-file object into entities in file order (unknown top-level keys are not entities). */
export const entitiesOfFile = (file: Readonly<Record<string, unknown>>): ModelEntity[] => {
  const entities: ModelEntity[] = [];
  for (const collection of ENTITY_COLLECTIONS) {
    const value = file[collection];
    if (value === undefined) continue;
    if (SECTION_COLLECTIONS.has(collection)) entities.push({ collection, body: value });
    else if (Array.isArray(value)) for (const body of value) entities.push({ collection, body });
  }
  return entities;
};

/**
 * Replaces a project's whole model (an import) in one transaction, keeping the imported text so an unchanged model
 * exports byte for byte. Entities start at revision 1. One audit record holds the model before and after.
 */
export const replaceProjectModel = (
  context: StoreContext,
  projectId: string,
  input: {
    readonly file: Readonly<Record<string, unknown>>;
    readonly formatVersion: number;
    readonly source?: { readonly format: 'yaml' | 'json'; readonly text: string };
  },
  actor: Actor,
  reason?: string,
): Promise<{ projectRevision: number; entities: number }> =>
  inTransaction(context, async (trx) => {
    const project = await lockProject(trx, context.dialect, projectId);
    if (project === undefined) throw new StoreError('not-found', `project ${projectId} does not exist`);
    const at = context.now();
    const previous = await loadAllEntities(trx, projectId);
    const before = previous.length === 0 ? undefined : assembleProjectFile(input.formatVersion, previous);
    const entities = entitiesOfFile(input.file);
    const keys = new Set<string>();
    const positions = new Map<EntityCollection, number>();
    const rows: EntitiesTable[] = [];
    for (const entity of entities) {
      const id = entityKeyOf(entity.collection, entity.body);
      const uniqueKey = ID_COLLECTIONS.includes(entity.collection) ? id : `${entity.collection}:${id}`;
      if (id === undefined || keys.has(uniqueKey ?? ''))
        throw new StoreError(
          'invalid-change',
          `${entity.collection} has ${id === undefined ? 'an entity without its key' : `the id "${id}" twice`}`,
        );
      keys.add(uniqueKey ?? '');
      const position = positions.get(entity.collection) ?? 0;
      positions.set(entity.collection, position + 1);
      rows.push({
        project_id: projectId,
        entity_id: id,
        collection: entity.collection,
        position,
        revision: 1,
        body: canonicalJson(entity.body),
        created_at: at,
        updated_at: at,
        updated_by: actor.id,
      });
    }
    await trx.deleteFrom('entities').where('project_id', '=', projectId).execute();
    // SQLite allows 32,766 bind parameters per statement (PostgreSQL 65,535); 9 per row.
    for (let start = 0; start < rows.length; start += 3000) {
      await trx
        .insertInto('entities')
        .values(rows.slice(start, start + 3000))
        .execute();
    }
    await trx.deleteFrom('entity_counts').where('project_id', '=', projectId).execute();
    if (positions.size > 0)
      await trx
        .insertInto('entity_counts')
        .values(
          [...positions].map(([collection, count]) => ({
            project_id: projectId,
            collection,
            count,
            next_position: count,
          })),
        )
        .execute();
    const projectRevision = project.revision + 1;
    await trx
      .updateTable('projects')
      .set({
        revision: projectRevision,
        updated_at: at,
        format_version: input.formatVersion,
        source_format: input.source?.format ?? null,
      })
      .where('id', '=', projectId)
      .execute();
    await trx.deleteFrom('project_sources').where('project_id', '=', projectId).execute();
    if (input.source !== undefined)
      await trx
        .insertInto('project_sources')
        .values({ project_id: projectId, text: input.source.text, revision: projectRevision })
        .execute();
    await appendAuditEvents(context, trx, [
      {
        chainId: projectChainId(projectId),
        actor,
        action: 'model.import',
        targetKind: 'project',
        targetId: projectId,
        before,
        after: assembleProjectFile(input.formatVersion, rows.map(toRecord)),
        reason,
      },
    ]);
    return { projectRevision, entities: rows.length };
  });
