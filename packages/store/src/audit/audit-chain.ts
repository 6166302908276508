import { createHash } from 'node:crypto';
import { canonicalJson } from '@zonewise/core';
import type { Transaction } from 'kysely';
import type { AuditEventsTable, Database } from '../database-schema';
import type { Actor, Executor, StoreContext } from '../store-context';

/** The hash before the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The audit chain of one project. */
export const projectChainId = (projectId: string): string => `project:${projectId}`;

/** The audit chain of account changes (users, tokens) that belong to no project. */
export const SYSTEM_CHAIN_ID = 'system';

/** What a caller records about one change; the chain fields (seq, hashes, time) are added by `appendAuditEvent`. */
export interface AuditEventInput {
  readonly chainId: string;
  readonly actor: Actor;
  /** A stable verb such as `entity.update`, `model.import`, `baseline.sign`. */
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly reason?: string | undefined;
}

/** One audit record as the API shows it. */
export interface AuditEvent {
  readonly chainId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

type ChainFields = Omit<AuditEventsTable, 'hash'>;

/**
 * The hash of one record: SHA-256 over the previous hash and the canonical JSON of every other column, so changing
 * any stored byte (or deleting, inserting or reordering records) breaks the chain from there on.
 */
export const auditRecordHash = (row: ChainFields): string =>
  createHash('sha256')
    .update(
      canonicalJson({
        chain: row.chain_id,
        seq: row.seq,
        at: row.at,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        targetKind: row.target_kind,
        targetId: row.target_id,
        before: row.before_json,
        after: row.after_json,
        reason: row.reason,
        prev: row.prev_hash,
      }),
    )
    .digest('hex');

const toJsonText = (value: unknown): string | null => (value === undefined ? null : canonicalJson(value));

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text as the database will store it: UTF-8 cannot hold an unpaired surrogate, so both drivers write U+FFFD in its
 * place. Hashing the text as given would then never match what verification reads back, and anyone able to put
 * such a character into a name or reason could make an intact chain look tampered with; so the record is made of
 * the stored form. (JSON columns need nothing: canonical JSON escapes unpaired surrogates.)
 */
export const storedText = (text: string): string => text.replace(UNPAIRED_SURROGATE, '\ufffd');

/** A chain's head as stored: the last record's number and hash. */
export interface AuditChainHead {
  readonly head_seq: number;
  readonly head_hash: string;
}

/**
 * Appends records to one chain inside the caller's transaction. The chain head row is locked (PostgreSQL) or
 * covered by SQLite's write lock, so concurrent writers never give two records the same number. A caller that
 * already read and locked a chain's head in this transaction (`SELECT … FOR UPDATE`) passes it in `lockedHeads`,
 * saving the round trip.
 */
export const appendAuditEvents = async (
  context: StoreContext,
  trx: Transaction<Database>,
  events: readonly AuditEventInput[],
  lockedHeads?: ReadonlyMap<string, AuditChainHead>,
): Promise<void> => {
  const byChain = new Map<string, AuditEventInput[]>();
  for (const event of events) {
    const list = byChain.get(event.chainId) ?? [];
    list.push(event);
    byChain.set(event.chainId, list);
  }
  const at = context.now();
  for (const [chainId, chainEvents] of byChain) {
    const headQuery = trx.selectFrom('audit_chains').selectAll().where('chain_id', '=', chainId);
    let head =
      lockedHeads?.get(chainId) ??
      (await (context.dialect === 'postgres' ? headQuery.forUpdate() : headQuery).executeTakeFirst());
    if (head === undefined) {
      await trx
        .insertInto('audit_chains')
        .values({ chain_id: chainId, head_seq: 0, head_hash: GENESIS_HASH })
        .onConflict((conflict) => conflict.column('chain_id').doNothing())
        .execute();
      head = await (
        context.dialect === 'postgres' ? headQuery.forUpdate() : headQuery
      ).executeTakeFirstOrThrow();
    }
    let seq = head.head_seq;
    let prevHash = head.head_hash;
    const rows: AuditEventsTable[] = [];
    for (const event of chainEvents) {
      seq += 1;
      const fields: ChainFields = {
        chain_id: chainId,
        seq,
        at,
        actor_id: storedText(event.actor.id),
        actor_name: storedText(event.actor.name),
        action: storedText(event.action),
        target_kind: storedText(event.targetKind),
        target_id: storedText(event.targetId),
        before_json: toJsonText(event.before),
        after_json: toJsonText(event.after),
        reason: event.reason === undefined ? null : storedText(event.reason),
        prev_hash: prevHash,
      };
      const hash = auditRecordHash(fields);
      rows.push({ ...fields, hash });
      prevHash = hash;
    }
    // Insert in slices: PostgreSQL allows 65,535 bind parameters per statement, 13 per row here. On PostgreSQL the
    // last slice and the new head go in one statement (a data-modifying CTE): one round trip less per write.
    const lastStart = Math.max(0, Math.floor((rows.length - 1) / 2000) * 2000);
    for (let start = 0; start < lastStart; start += 2000) {
      await trx
        .insertInto('audit_events')
        .values(rows.slice(start, start + 2000))
        .execute();
    }
    const lastSlice = rows.slice(lastStart);
    const isCombined = context.dialect === 'postgres' && lastSlice.length > 0;
    if (!isCombined && lastSlice.length > 0) await trx.insertInto('audit_events').values(lastSlice).execute();
    await (isCombined ? trx.with('appended', (db) => db.insertInto('audit_events').values(lastSlice)) : trx)
      .updateTable('audit_chains')
      .set({ head_seq: seq, head_hash: prevHash })
      .where('chain_id', '=', chainId)
      .execute();
  }
};

/** A stored row as the API shows it. */
export const toAuditEvent = (row: AuditEventsTable): AuditEvent => ({
  chainId: row.chain_id,
  seq: row.seq,
  at: row.at,
  actor: { id: row.actor_id, name: row.actor_name },
  action: row.action,
  targetKind: row.target_kind,
  targetId: row.target_id,
  before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
  after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
  reason: row.reason,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** Filters and paging of an audit listing. */
export interface AuditQuery {
  readonly chainId: string;
  readonly action?: string;
  readonly actorId?: string;
  readonly targetId?: string;
  /** Inclusive ISO times. */
  readonly from?: string;
  readonly to?: string;
  readonly offset?: number;
  readonly limit?: number;
}

/** Audit records of one chain, newest first, with the total matching count. */
export const listAuditEvents = async (
  db: Executor,
  query: AuditQuery,
): Promise<{ items: AuditEvent[]; total: number }> => {
  let base = db.selectFrom('audit_events').where('chain_id', '=', query.chainId);
  if (query.action !== undefined) base = base.where('action', '=', query.action);
  if (query.actorId !== undefined) base = base.where('actor_id', '=', query.actorId);
  if (query.targetId !== undefined) base = base.where('target_id', '=', query.targetId);
  if (query.from !== undefined) base = base.where('at', '>=', query.from);
  if (query.to !== undefined) base = base.where('at', '<=', query.to);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 100)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toAuditEvent), total: Number(count.n) };
};

/** The outcome of re-computing a chain: valid, or the first record where it breaks and why. */
export type ChainVerification =
  | { readonly isValid: true; readonly records: number; readonly headHash: string }
  | {
      readonly isValid: false;
      readonly records: number;
      readonly brokenAtSeq: number;
      readonly problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' | 'head-mismatch';
    };

/**
 * Recomputes every hash of a chain in order (streaming in pages, so long chains need little memory) and checks
 * the links, the numbering and the stored head.
 */
export const verifyAuditChain = async (db: Executor, chainId: string): Promise<ChainVerification> => {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  const pageSize = 5000;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_id', '=', chainId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const records = expectedSeq - 1;
      if (row.seq !== expectedSeq)
        return { isValid: false, records, brokenAtSeq: expectedSeq, problem: 'sequence-gap' };
      if (row.prev_hash !== prevHash)
        return { isValid: false, records, brokenAtSeq: row.seq, problem: 'prev-hash-mismatch' };
      const { hash, ...fields } = row;
      if (auditRecordHash(fields) !== hash)
        return { isValid: false, records, brokenAtSeq: row.seq, problem: 'hash-mismatch' };
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize) break;
  }
  const records = expectedSeq - 1;
  const head = await db
    .selectFrom('audit_chains')
    .selectAll()
    .where('chain_id', '=', chainId)
    .executeTakeFirst();
  const headSeq = head?.head_seq ?? 0;
  const headHash = head?.head_hash ?? GENESIS_HASH;
  if (headSeq !== records || headHash !== prevHash)
    return { isValid: false, records, brokenAtSeq: Math.min(headSeq, records) + 1, problem: 'head-mismatch' };
  return { isValid: true, records, headHash: prevHash };
};
