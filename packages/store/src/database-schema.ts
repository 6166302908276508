/**
 * The tables of the workbench database, as Kysely sees them. One schema for SQLite and PostgreSQL: ids, times
 * (ISO 8601 UTC) and JSON documents are text, flags are 0/1 integers, so both dialects store the same bytes and a
 * backup taken from either reads back the same.
 */

/** A project: one system under consideration and its assessment, edited by its members. */
export interface ProjectsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** Increases by one with every change to the project's model; results and approvals are keyed by it. */
  revision: number;
  /** The `formatVersion` of the model. */
  format_version: number;
  /** `yaml` or `json`: the format the model was last imported in (exports default to it). */
  source_format: string | null;
  is_archived: number;
}

/**
 * The text a project's model was last imported from, kept so an export of an unchanged model gives the same bytes
 * back. Its own table, so the often-read, often-updated project row stays small (migration 0002).
 */
export interface ProjectSourcesTable {
  project_id: string;
  text: string;
  /** The project revision at which `text` was imported. */
  revision: number;
}

/**
 * Per project and collection: the number of entities and the next free position (migration 0003), kept in the
 * transactions that create and delete entities so listings page without `count(*)` or OFFSET scans.
 */
export interface EntityCountsTable {
  project_id: string;
  collection: string;
  count: number;
  next_position: number;
}

/** One entity of a project's model (an asset, a zone, the system description, …) with its own revision. */
export interface EntitiesTable {
  project_id: string;
  /**
   * The entity's id; for collections without ids, a key made from its identifying fields (requirement status:
   * `subject/requirement`, triage: the finding id); for the sections (`system`, …) the section name.
   */
  entity_id: string;
  /** The top-level key of the assessment file the entity belongs to (`assets`, `zones`, `system`, …). */
  collection: string;
  /** Order within the collection, so an export lists entities as they were imported or created. */
  position: number;
  revision: number;
  /** The entity as canonical JSON text. */
  body: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** A user account. Passwords are argon2id hashes; disabled users cannot log in. */
export interface UsersTable {
  id: string;
  /** Lower-case, unique. */
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  is_disabled: number;
  created_at: string;
  updated_at: string;
}

/** A user's role in one project. */
export interface MembershipsTable {
  project_id: string;
  user_id: string;
  /** `assessor`, `reviewer`, `approver` or `viewer`. */
  role: string;
  created_at: string;
}

/** A login session. The cookie holds a random token; only its SHA-256 is stored. */
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** A personal API token for automation (Bearer); only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, shown in lists so users can tell tokens apart. */
  token_prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Failed-login counters for rate limiting, per key (user name or client address), shared by all processes. */
export interface LoginAttemptsTable {
  key: string;
  window_started_at: string;
  failures: number;
}

/** The head of one audit hash chain (one chain per project, plus `system` for accounts). */
export interface AuditChainsTable {
  chain_id: string;
  head_seq: number;
  head_hash: string;
}

/** One append-only audit record, hash-chained to the one before it. */
export interface AuditEventsTable {
  chain_id: string;
  seq: number;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target_kind: string;
  target_id: string;
  /** Canonical JSON of the state before the change, or null (creations). */
  before_json: string | null;
  /** Canonical JSON of the state after the change, or null (deletions). */
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** A frozen baseline: the canonical model and its results at one project revision (ZCR 7). */
export interface BaselinesTable {
  id: string;
  project_id: string;
  label: string;
  created_at: string;
  created_by: string;
  project_revision: number;
  model_sha256: string;
  model_json: string;
  results_json: string;
}

/** An electronic signature on a baseline (21 CFR Part 11 style: name, time, meaning, statement, hash). */
export interface SignaturesTable {
  id: string;
  baseline_id: string;
  project_id: string;
  user_id: string;
  signer_name: string;
  signer_username: string;
  /** `reviewed` or `approved`. */
  meaning: string;
  statement: string;
  signed_at: string;
  model_sha256: string;
  project_revision: number;
}

/** A review comment on an entity or on the project (reviewers comment, they do not edit). */
export interface CommentsTable {
  id: string;
  project_id: string;
  /** `project` or an entity collection. */
  target_kind: string;
  target_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

/** The whole database. */
export interface Database {
  projects: ProjectsTable;
  project_sources: ProjectSourcesTable;
  entities: EntitiesTable;
  entity_counts: EntityCountsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_chains: AuditChainsTable;
  audit_events: AuditEventsTable;
  baselines: BaselinesTable;
  signatures: SignaturesTable;
  comments: CommentsTable;
}
