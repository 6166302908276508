import { resolveSystem, type Assessment, type Diagnostic, type SystemModel } from '@zonewise/core';
import {
  assembleProjectFile,
  countSignatures,
  getProject,
  listSignatures,
  loadAllEntities,
  type ProjectRecord,
  type SignatureRecord,
} from '@zonewise/store';
import type { ServerDeps } from '../env';
import { notFound } from '../errors';
import { assessModel } from './engine';

/** A project's model at one revision: the assembled file, and the resolved model or the diagnostics that stop it. */
export interface ProjectModel {
  readonly project: ProjectRecord;
  /** The revision the file was read at (entities and revision come from one consistent snapshot). */
  readonly revision: number;
  /** The assessment-file object assembled from the stored entities, with the signatures merged into `approvals`. */
  readonly file: Record<string, unknown>;
  /** The project's e-signatures at that snapshot (each also appears in `file.approvals`). */
  readonly signatures: readonly SignatureRecord[];
  readonly resolved:
    | { readonly ok: true; readonly model: SystemModel; readonly warnings: readonly Diagnostic[] }
    | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
}

/** The `approvals` entry of an e-signature, so the engine checks it (ZCR 7) and the report lists it. */
export const approvalOfSignature = (signature: SignatureRecord) => ({
  id: `signature-${signature.id}`,
  approver: signature.signerName,
  meaning: signature.meaning,
  statement: signature.statement,
  signedAt: signature.signedAt,
  modelSha256: signature.modelSha256,
});

/** The file with the signatures appended to its own approvals (an approval already in the file is not repeated). */
export const withSignatureApprovals = (
  file: Record<string, unknown>,
  signatures: readonly SignatureRecord[],
): Record<string, unknown> => {
  if (signatures.length === 0) return file;
  const approvals = Array.isArray(file['approvals']) ? (file['approvals'] as unknown[]) : [];
  const ids = new Set(approvals.map((approval) => (approval as { id?: unknown }).id));
  const added = signatures.map(approvalOfSignature).filter((approval) => !ids.has(approval.id));
  return { ...file, approvals: [...approvals, ...added] };
};

/**
 * Reads a project's entities, revision and signatures in one snapshot (a REPEATABLE READ transaction on
 * PostgreSQL; SQLite runs one transaction at a time) and resolves them into a model.
 */
export const loadProjectModel = async (deps: ServerDeps, projectId: string): Promise<ProjectModel> => {
  const { db, dialect } = deps.store;
  const read = db.transaction();
  const snapshot = await (dialect === 'postgres' ? read.setIsolationLevel('repeatable read') : read).execute(
    async (trx) => {
      const project = await getProject(trx, projectId);
      if (project === undefined) return undefined;
      return {
        project,
        entities: await loadAllEntities(trx, projectId),
        signatures: await listSignatures(trx, projectId),
      };
    },
  );
  if (snapshot === undefined) throw notFound(`project ${projectId}`);
  const file = withSignatureApprovals(
    assembleProjectFile(snapshot.project.formatVersion, snapshot.entities),
    snapshot.signatures,
  );
  const resolved = resolveSystem(file);
  return {
    project: snapshot.project,
    revision: snapshot.project.revision,
    file,
    signatures: snapshot.signatures,
    resolved: resolved.ok
      ? { ok: true, model: resolved.value, warnings: resolved.warnings }
      : { ok: false, diagnostics: resolved.diagnostics },
  };
};

/** A project's model with the engine's results, when the model resolves. */
export type AssessedProject =
  | (ProjectModel & { readonly assessment: Assessment; readonly model: SystemModel })
  | (ProjectModel & { readonly assessment: undefined });

const CACHE_SIZE = 16;
const cache = new Map<string, Promise<AssessedProject>>();

/**
 * The assessment of a project's current revision. Results are cached per `project@revision` (a few projects, most
 * recent first): the revision lives in the database, so several server processes never serve stale results.
 */
export const assessProject = async (deps: ServerDeps, projectId: string): Promise<AssessedProject> => {
  const project = await getProject(deps.store.db, projectId);
  if (project === undefined) throw notFound(`project ${projectId}`);
  // Signing keeps the revision but adds an approval, so the signature count is part of the key.
  const signatureCount = await countSignatures(deps.store.db, projectId);
  const keyOf = (revision: number, signatures: number) =>
    `${deps.connection.location}|${projectId}@${revision}+${signatures}`;
  const key = keyOf(project.revision, signatureCount);
  const cached = cache.get(key);
  if (cached !== undefined) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const pending = loadProjectModel(deps, projectId).then((loaded): AssessedProject => {
    if (!loaded.resolved.ok) return { ...loaded, assessment: undefined };
    return { ...loaded, model: loaded.resolved.model, assessment: assessModel(loaded.resolved.model) };
  });
  // The snapshot may be newer than the revision read above; cache under the revision actually assessed.
  cache.set(key, pending);
  pending.then(
    (result) => {
      const actualKey = keyOf(result.revision, result.signatures.length);
      if (actualKey !== key) {
        cache.delete(key);
        cache.set(actualKey, pending);
      }
    },
    () => cache.delete(key),
  );
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return pending;
};
