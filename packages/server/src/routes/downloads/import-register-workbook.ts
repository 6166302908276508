import { canonicalJson, resolveSystem, type Diagnostic, type SystemFileInput } from '@zonewise/core';
import {
  checkRegisterModel,
  importRegisters,
  readRegisterWorkbook,
  type RegisterChange,
} from '@zonewise/formats';
import {
  applyEntityChanges,
  assembleProjectFile,
  entityKeyOf,
  getProject,
  loadAllEntities,
  type Actor,
  type EntityChange,
  type EntityCollection,
  type EntityRecord,
} from '@zonewise/store';
import type { ServerDeps } from '../../env';
import { notFound, unprocessable } from '../../errors';
import { modelDigest } from '../../services/engine';
import { checkEntityBody } from '../entities/entity-schema';
import { presentDiagnostics } from '../present-diagnostics';
import type { RegisterImportResult } from './schema';

/** The collections a register import may change (the editable columns of the registers). */
const IMPORTED_COLLECTIONS: readonly EntityCollection[] = [
  'assets',
  'countermeasures',
  'vulnerabilities',
  'requirementStatus',
];

/** The audit reason of every change a register import stores. */
export const REGISTER_IMPORT_REASON = 'register workbook import';

/** Entities and revision read in one snapshot (REPEATABLE READ on PostgreSQL), as the import's base. */
const readSnapshot = async (deps: ServerDeps, projectId: string) => {
  const { db, dialect } = deps.store;
  const read = db.transaction();
  const snapshot = await (dialect === 'postgres' ? read.setIsolationLevel('repeatable read') : read).execute(
    async (trx) => {
      const project = await getProject(trx, projectId);
      return project === undefined ? undefined : { project, entities: await loadAllEntities(trx, projectId) };
    },
  );
  if (snapshot === undefined) throw notFound(`project ${projectId}`);
  return snapshot;
};

/**
 * The entity writes that turn the stored entities into `next`: an update (with the revision that was read) for each
 * changed entity, a create for each new requirement status entry. Unchanged entities are not written, so their
 * revisions and the audit trail stay as they are.
 */
const changesOf = (entities: readonly EntityRecord[], next: SystemFileInput): EntityChange[] => {
  const changes: EntityChange[] = [];
  for (const collection of IMPORTED_COLLECTIONS) {
    const stored = new Map(
      entities.filter((entity) => entity.collection === collection).map((entity) => [entity.id, entity]),
    );
    const bodies = ((next as Record<string, unknown>)[collection] ?? []) as readonly unknown[];
    for (const body of bodies) {
      const id = entityKeyOf(collection, body);
      const current = id === undefined ? undefined : stored.get(id);
      if (current === undefined) changes.push({ op: 'create', collection, body });
      else if (canonicalJson(current.body) !== canonicalJson(body))
        changes.push({ op: 'update', collection, id: current.id, revision: current.revision, body });
    }
  }
  return changes;
};

const sheetOf = (change: RegisterChange): string => /\[([^\]]*)\]$/.exec(change.source)?.[1] ?? change.source;

const count = (changes: readonly RegisterChange[], kind: RegisterChange['kind']): number =>
  changes.filter((change) => change.kind === kind).length;

/**
 * Applies an edited register workbook to a project, as `zonewise import registers` applies it to a file: the same
 * reader and the same row matching, then every changed entity is written in one atomic batch against the revisions
 * read at the start (a concurrent edit answers 409 and nothing is stored). Any error answers 422 and stores nothing;
 * a dry run reports the same without storing.
 */
export const importRegisterWorkbook = async (
  deps: ServerDeps,
  projectId: string,
  bytes: Uint8Array,
  options: { readonly dryRun: boolean; readonly actor: Actor; readonly fileName: string },
): Promise<RegisterImportResult> => {
  const read = await readRegisterWorkbook(bytes, options.fileName);
  const refuse = (diagnostics: readonly Diagnostic[]) => {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    return unprocessable(
      `the register workbook has ${errors.length} problem(s); nothing was stored`,
      presentDiagnostics(diagnostics),
    );
  };
  if (read.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) throw refuse(read.diagnostics);
  const { project, entities } = await readSnapshot(deps, projectId);
  const file = assembleProjectFile(project.formatVersion, entities);
  const trial = importRegisters(file as SystemFileInput, read.tables);
  const resolved = read.modelSha256 === undefined ? undefined : resolveSystem(file);
  const diagnostics = [
    ...read.diagnostics,
    ...checkRegisterModel(
      read.modelSha256,
      resolved?.ok === true ? modelDigest(resolved.value.file) : undefined,
      options.fileName,
    ),
    ...trial.diagnostics,
  ];
  if (trial.file === undefined) throw refuse(diagnostics);
  const changes = changesOf(entities, trial.file);
  const storedBody = new Map(entities.map((entity) => [`${entity.collection}/${entity.id}`, entity.body]));
  // An update keeps the unknown fields the entity carries from its import; the stored body lets them pass.
  const invalid = changes.flatMap((change, index) =>
    change.op === 'delete'
      ? []
      : checkEntityBody(
          change.collection,
          change.body,
          ['changes', index, 'body'],
          change.op === 'update' ? storedBody.get(`${change.collection}/${change.id}`) : undefined,
        ),
  );
  if (invalid.length > 0) throw refuse([...diagnostics, ...invalid]);

  const stored =
    options.dryRun || changes.length === 0
      ? undefined
      : await applyEntityChanges(deps.store, projectId, changes, options.actor, REGISTER_IMPORT_REASON);
  return {
    dryRun: options.dryRun,
    stored: stored !== undefined,
    projectRevision: stored?.projectRevision ?? project.revision,
    counts: {
      added: count(trial.changes, 'added'),
      updated: count(trial.changes, 'updated'),
      unchanged: count(trial.changes, 'unchanged'),
      skipped: count(trial.changes, 'skipped'),
    },
    changes: trial.changes.map((change) => ({
      register: change.register,
      sheet: sheetOf(change),
      row: change.row,
      key: change.key,
      kind: change.kind,
      fields: change.fields.map((field) => ({ ...field })),
      ...(change.reason === undefined ? {} : { reason: change.reason }),
    })),
    entities: changes.map((change, index) => {
      const result = stored?.results[index];
      const id = change.op === 'create' ? (entityKeyOf(change.collection, change.body) ?? '') : change.id;
      const revision = result?.revision ?? (change.op === 'update' ? change.revision + 1 : 1);
      return { collection: change.collection, id, revision };
    }),
    readOnly: [...trial.readOnly],
    warnings: presentDiagnostics(diagnostics.filter((diagnostic) => diagnostic.severity !== 'error')),
  };
};
