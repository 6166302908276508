import type { SystemFileInput } from '@zonewise/core';
import {
  loadAssessmentText,
  saveAssessmentJson,
  saveAssessmentYaml,
  updateAssessmentYaml,
  type AssessmentFormat,
} from '@zonewise/formats';
import {
  assembleProjectFile,
  getProject,
  getProjectSource,
  isEntityCollection,
  listSignatures,
  loadAllEntities,
} from '@zonewise/store';
import type { ServerDeps } from '../../env';
import { notFound } from '../../errors';
import { withSignatureApprovals } from '../../services/project-model';

/** An exported assessment file and how it was produced. */
export interface ExportedAssessment {
  readonly format: AssessmentFormat;
  readonly text: string;
  /** The project revision the text reflects. */
  readonly revision: number;
  /** `source`: the imported text unchanged; `updated`: the imported YAML with the edits merged in; `written`: fresh. */
  readonly method: 'source' | 'updated' | 'written';
  readonly projectName: string;
}

/** Top-level keys of the imported text that are not entities (`$schema`), so an edit does not drop them. */
const extraTopLevelKeys = (text: string, format: AssessmentFormat): Record<string, unknown> => {
  const loaded = loadAssessmentText(text, { fileName: `assessment.${format}`, format });
  if (!loaded.ok || typeof loaded.file !== 'object' || loaded.file === null) return {};
  return Object.fromEntries(
    Object.entries(loaded.file as Record<string, unknown>).filter(
      ([key]) => key !== 'formatVersion' && !isEntityCollection(key),
    ),
  );
};

/**
 * A project's model as an assessment file. Unchanged since its import, it is the imported text byte for byte; after
 * edits, YAML is the imported text with the edits merged in (comments, order and spelling kept) and JSON is written
 * fresh; a project that was never imported is written fresh. Entities, revision and source come from one snapshot.
 */
export const exportAssessment = async (
  deps: ServerDeps,
  projectId: string,
  requested: AssessmentFormat | undefined,
): Promise<ExportedAssessment> => {
  const { db, dialect } = deps.store;
  const read = db.transaction();
  const snapshot = await (dialect === 'postgres' ? read.setIsolationLevel('repeatable read') : read).execute(
    async (trx) => {
      const project = await getProject(trx, projectId);
      if (project === undefined) return undefined;
      return {
        project,
        entities: await loadAllEntities(trx, projectId),
        source: await getProjectSource(trx, projectId),
        signatures: await listSignatures(trx, projectId),
      };
    },
  );
  if (snapshot === undefined) throw notFound(`project ${projectId}`);
  const { project, entities, source, signatures } = snapshot;
  const format = requested ?? source?.format ?? 'yaml';
  const base = { format, revision: project.revision, projectName: project.name };
  // The e-signatures travel in the file as approvals (they sign the model without approvals, so adding them does not
  // change what they sign): the exported file is approved on its own, e.g. for `zonewise assess --fail-on unapproved`.
  const stored = assembleProjectFile(project.formatVersion, entities);
  const assembled = withSignatureApprovals(stored, signatures);
  const approvalCount = (file: Record<string, unknown>) =>
    Array.isArray(file['approvals']) ? file['approvals'].length : 0;
  const addsApprovals = approvalCount(assembled) > approvalCount(stored);
  if (
    source !== undefined &&
    source.format === format &&
    source.revision === project.revision &&
    !addsApprovals
  )
    return { ...base, text: source.text, method: 'source' };
  const file = (
    source === undefined ? assembled : { ...extraTopLevelKeys(source.text, source.format), ...assembled }
  ) as SystemFileInput;
  if (format === 'yaml' && source?.format === 'yaml') {
    const updated = updateAssessmentYaml(source.text, file);
    if (updated.ok) return { ...base, text: updated.value, method: 'updated' };
  }
  return {
    ...base,
    text: format === 'json' ? saveAssessmentJson(file) : saveAssessmentYaml(file),
    method: 'written',
  };
};
