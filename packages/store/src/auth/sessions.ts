import { createHash, randomBytes } from 'node:crypto';
import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { UsersTable } from '../database-schema';
import { isProjectRole, toProject, type ProjectRecord, type ProjectRole } from '../projects/project-store';
import { appendAuditEvents, SYSTEM_CHAIN_ID } from '../audit/audit-chain';
import {
  projectReadColumns,
  projectReadValues,
  type ProjectRead,
  type ProjectReadResult,
} from '../project-read';
import { inTransaction, type Actor, type Executor, type StoreContext } from '../store-context';
import { toUser, type UserRecord } from './users';

/** SHA-256 of a secret token: sessions and API tokens are looked up by it, so a database leak reveals no token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new random secret (256 bits, base64url) with a readable prefix. */
export const newSecret = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** A session just created: the cookie token (shown once) and the CSRF token the client echoes on writes. */
export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/**
 * Starts a session for a user, valid for `lifetimeSeconds` (sliding: each use may extend it). With `audit` (a
 * login through the API), the session and its `auth.login` record on the system audit chain are stored together.
 */
export const createSession = async (
  context: StoreContext,
  userId: string,
  lifetimeSeconds: number,
  audit?: { readonly actor: Actor; readonly address: string },
): Promise<NewSession> => {
  const token = newSecret('zws_');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = context.now();
  const expiresAt = new Date(Date.parse(now) + lifetimeSeconds * 1000).toISOString();
  const insert = (db: Executor) =>
    db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        last_seen_at: now,
      })
      .execute();
  if (audit === undefined) await insert(context.db);
  else
    await inTransaction(context, async (trx) => {
      await insert(trx);
      await appendAuditEvents(context, trx, [
        {
          chainId: SYSTEM_CHAIN_ID,
          actor: audit.actor,
          action: 'auth.login',
          targetKind: 'user',
          targetId: userId,
          after: { address: audit.address, expiresAt },
        },
      ]);
    });
  return { token, csrfToken, expiresAt };
};

/** Why a login or logout is on the system audit chain. */
export type AuthEventAction = 'auth.login-refused' | 'auth.logout';

/**
 * Records a refused login (the user name as typed, cut to 200 characters, and the client address; never the
 * password) or a logout on the system audit chain. Refusals are bounded by the login rate limit, which refuses
 * before anything is recorded.
 */
export const recordAuthEvent = (
  context: StoreContext,
  event: {
    readonly action: AuthEventAction;
    readonly actor: Actor;
    readonly targetId: string;
    readonly address: string;
    readonly reason?: string;
  },
): Promise<void> =>
  inTransaction(context, (trx) =>
    appendAuditEvents(context, trx, [
      {
        chainId: SYSTEM_CHAIN_ID,
        actor: { id: event.actor.id, name: event.actor.name.slice(0, 200) },
        action: event.action,
        targetKind: 'user',
        targetId: event.targetId.slice(0, 200),
        after: { address: event.address },
        reason: event.reason,
      },
    ]),
  );

/** Who a request is: the user, how they authenticated, and (for sessions) the CSRF token writes must carry. */
export interface Identity {
  readonly user: UserRecord;
  readonly method: 'session' | 'token';
  readonly csrfToken?: string;
  /** The session's token hash or the API token's id, so logout or revocation can find it. */
  readonly credentialId: string;
  /** When the session (after sliding) or the API token expires; absent for tokens without expiry. */
  readonly expiresAt?: string;
  /** With `options.projectId`: that project and the user's role in it, read in the same query. */
  readonly projectLookup?: ProjectLookup;
  /**
   * With `options.read` (and `projectId`): its result, present only when the caller may read the project (a live,
   * enabled user who is a member or an administrator); absent otherwise, in which case nothing was read.
   */
  readonly readResult?: ProjectReadResult<unknown>;
}

/**
 * A project read in the identifying query (one round trip instead of two for every project request): the project,
 * or undefined when it does not exist, and the user's membership role, or undefined when they are not a member.
 */
export interface ProjectLookup {
  readonly projectId: string;
  readonly found: { readonly project: ProjectRecord; readonly role: ProjectRole | undefined } | undefined;
}

/** How `identifySession` and `identifyApiToken` look the caller up. */
export interface IdentifyOptions {
  /** Sessions only: extend a session in use to expire this many seconds from now (at most once a minute). */
  readonly slideSeconds?: number;
  /** Also read this project and the user's role in it (`Identity.projectLookup`). */
  readonly projectId?: string;
  /**
   * With `projectId`: run this read of the project in the same statement, for a caller who may read it
   * (`Identity.readResult`). Saves a statement per read request.
   */
  readonly read?: ProjectRead<unknown>;
}

/** The project's columns and the membership role, aliased so they do not clash with the user's columns. */
const PROJECT_COLUMNS = [
  'projects.id as p_id',
  'projects.name as p_name',
  'projects.description as p_description',
  'projects.created_at as p_created_at',
  'projects.created_by as p_created_by',
  'projects.updated_at as p_updated_at',
  'projects.revision as p_revision',
  'projects.format_version as p_format_version',
  'projects.source_format as p_source_format',
  'projects.is_archived as p_is_archived',
  'memberships.role as p_member_role',
] as const;

/** `PROJECT_COLUMNS` as SQL, for the queries written as SQL. */
const PROJECT_COLUMNS_SQL = sql.raw(
  PROJECT_COLUMNS.map((column) => {
    const [name = '', alias = ''] = column.split(' as ');
    return `${name} as ${alias}`;
  }).join(', '),
);

/** What the session lookup reads: the user (without the password hash), the session and the project columns. */
type SessionRow = Omit<UsersTable, 'password_hash'> &
  ProjectColumns & {
    readonly csrf_token: string;
    readonly expires_at: string;
    readonly token_hash: string;
    readonly last_seen_at: string;
  };

interface ProjectColumns {
  readonly p_id: string | null;
  readonly p_name: string | null;
  readonly p_description: string | null;
  readonly p_created_at: string | null;
  readonly p_created_by: string | null;
  readonly p_updated_at: string | null;
  readonly p_revision: number | null;
  readonly p_format_version: number | null;
  readonly p_source_format: string | null;
  readonly p_is_archived: number | null;
  readonly p_member_role: string | null;
}

const projectLookupOf = (
  projectId: string | undefined,
  row: ProjectColumns,
): { projectLookup?: ProjectLookup } => {
  if (projectId === undefined) return {};
  if (row.p_id === null) return { projectLookup: { projectId, found: undefined } };
  const project = toProject({
    id: row.p_id,
    name: row.p_name ?? '',
    description: row.p_description ?? '',
    created_at: row.p_created_at ?? '',
    created_by: row.p_created_by ?? '',
    updated_at: row.p_updated_at ?? '',
    revision: Number(row.p_revision ?? 0),
    format_version: Number(row.p_format_version ?? 0),
    source_format: row.p_source_format,
    is_archived: Number(row.p_is_archived ?? 0),
  });
  const role = row.p_member_role !== null && isProjectRole(row.p_member_role) ? row.p_member_role : undefined;
  return { projectLookup: { projectId, found: { project, role } } };
};

/**
 * Who may read a project, as an SQL condition on the identifying query's row (the caller's credential is checked by
 * `live`): the project exists and the user is enabled and either a member (any role reads) or an administrator. The
 * server's `requireProjectAccess` decides the same from `projectLookup`; this keeps the read from running otherwise.
 */
const readGate = (live: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`(${live} and projects.id is not null and users.is_disabled = 0
    and (users.is_admin = 1 or memberships.role is not null))`;

/** The read's columns and whether the gate held, for the identifying query's select list (empty without a read). */
const readSelection = (
  options: IdentifyOptions,
  live: RawBuilder<unknown>,
): AliasedRawBuilder<unknown, string>[] => {
  if (options.read === undefined || options.projectId === undefined) return [];
  const gate = readGate(live);
  return [
    sql`case when ${gate} then 1 else 0 end`.as('read_allowed'),
    ...projectReadColumns(options.read, gate),
  ];
};

/** `Identity.readResult` from the identifying row. */
const readResultOf = (options: IdentifyOptions, row: object): { readResult?: ProjectReadResult<unknown> } =>
  options.read === undefined || !('read_allowed' in row) || Number(row.read_allowed) !== 1
    ? {}
    : { readResult: { value: options.read.decode(projectReadValues(row)) } };

/** Sliding sessions move their expiry forward at most this often, so a busy client costs one write a minute. */
export const SESSION_TOUCH_INTERVAL_SECONDS = 60;

const secondsBefore = (now: string, seconds: number): string =>
  new Date(Date.parse(now) - seconds * 1000).toISOString();

const secondsAfter = (now: string, seconds: number): string =>
  new Date(Date.parse(now) + seconds * 1000).toISOString();

/**
 * The live, enabled user behind a session cookie, or undefined (unknown, expired or disabled). With
 * `slideSeconds`, a session last seen over a minute ago is extended to expire `slideSeconds` from now (sliding
 * expiry: an idle session ends, one in use does not). With `projectId`, the project and the user's role come back
 * from the same query as `projectLookup`.
 */
export const identifySession = async (
  db: Executor,
  token: string,
  now: string,
  options: IdentifyOptions = {},
): Promise<Identity | undefined> => {
  // Without a project id the join matches no project ('' is never an id): one query shape for both cases. Written
  // as SQL rather than built: every request runs it, and building and compiling the query each time was about a
  // tenth of the server's time under load (the statement itself takes far less).
  const reads = readSelection(options, sql`sessions.expires_at > ${now}`);
  const { rows } = await sql<SessionRow>`
    select users.id, users.username, users.display_name, users.is_admin, users.is_disabled, users.created_at,
      users.updated_at, sessions.csrf_token, sessions.expires_at, sessions.token_hash, sessions.last_seen_at,
      ${PROJECT_COLUMNS_SQL}${reads.length === 0 ? sql`` : sql`, ${sql.join(reads)}`}
    from sessions
    inner join users on users.id = sessions.user_id
    left join projects on projects.id = ${options.projectId ?? ''}
    left join memberships on memberships.project_id = projects.id and memberships.user_id = users.id
    where sessions.token_hash = ${hashToken(token)}`.execute(db);
  const row = rows[0];
  if (row === undefined || row.expires_at <= now || row.is_disabled === 1) return undefined;
  let expiresAt = row.expires_at;
  const touchBefore = secondsBefore(now, SESSION_TOUCH_INTERVAL_SECONDS);
  if (options.slideSeconds !== undefined && row.last_seen_at <= touchBefore) {
    const extended = secondsAfter(now, options.slideSeconds);
    // The condition on last_seen_at makes concurrent requests of one client write once, not once each.
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: extended > row.expires_at ? extended : row.expires_at })
      .where('token_hash', '=', row.token_hash)
      .where('last_seen_at', '<=', touchBefore)
      .execute();
    if (extended > expiresAt) expiresAt = extended;
  }
  return {
    user: toUser(row),
    method: 'session',
    csrfToken: row.csrf_token,
    credentialId: row.token_hash,
    expiresAt,
    ...projectLookupOf(options.projectId, row),
    ...readResultOf(options, row),
  };
};

/**
 * The live, enabled user behind an API token, or undefined (unknown, expired, revoked or disabled). With
 * `projectId`, the project and the user's role come back from the same query as `projectLookup`.
 */
export const identifyApiToken = async (
  db: Executor,
  token: string,
  now: string,
  options: Pick<IdentifyOptions, 'projectId' | 'read'> = {},
): Promise<Identity | undefined> => {
  const live = sql`(api_tokens.revoked_at is null
    and (api_tokens.expires_at is null or api_tokens.expires_at > ${now}))`;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('projects', (join) => join.on('projects.id', '=', options.projectId ?? ''))
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.project_id', '=', 'projects.id').onRef('memberships.user_id', '=', 'users.id'),
    )
    .selectAll('users')
    .select(PROJECT_COLUMNS)
    .select([
      'api_tokens.id as token_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
    ])
    .select(readSelection(options, live))
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || row.is_disabled === 1) return undefined;
  if (row.expires_at !== null && row.expires_at <= now) return undefined;
  const touchBefore = secondsBefore(now, SESSION_TOUCH_INTERVAL_SECONDS);
  if (row.last_used_at === null || row.last_used_at <= touchBefore)
    // At most one write a minute per token: CI jobs hammering the API do not turn every read into a write.
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.token_id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', touchBefore)]))
      .execute();
  return {
    user: toUser(row),
    method: 'token',
    credentialId: row.token_id,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
    ...projectLookupOf(options.projectId, row),
    ...readResultOf(options, row),
  };
};

/** Ends a session (logout). */
export const deleteSession = async (db: Executor, tokenHash: string): Promise<void> => {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
};

/** Ends every session of a user except `exceptTokenHash` (the caller's own, when they stay logged in). */
export const deleteUserSessions = async (
  db: Executor,
  userId: string,
  exceptTokenHash?: string,
): Promise<number> => {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptTokenHash !== undefined) query = query.where('token_hash', '<>', exceptTokenHash);
  return Number((await query.executeTakeFirst()).numDeletedRows);
};

/**
 * Deletes sessions that expired before `now` (they are refused anyway; this keeps the table small). Cheap enough
 * to run on every login, and safe from several processes at once.
 */
export const purgeExpiredSessions = async (db: Executor, now: string): Promise<number> =>
  Number((await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()).numDeletedRows);
