import type { Assessment } from '../assessment/assessment';
import type { SystemModel } from '../model/system-model';
import { diffAssessments, type AssessmentDiff } from './diff-assessments';
import { diffModels, type EntitiesDiff } from './diff-models';

/** The diff of two versions: what changed in the model and what that changed in the results. */
export interface ModelDiff {
  readonly modelSha256: { readonly before: string; readonly after: string; readonly isChanged: boolean };
  readonly entities: EntitiesDiff;
  readonly results: AssessmentDiff;
}

/**
 * Combines the entity diff of two models with the diff of their assessments (each assessed by the caller, so this
 * stays free of the engine's orchestration). `isChanged` compares the canonical digests that approvals sign.
 */
export const composeModelDiff = (
  before: { readonly model: SystemModel; readonly assessment: Assessment },
  after: { readonly model: SystemModel; readonly assessment: Assessment },
): ModelDiff => ({
  modelSha256: {
    before: before.assessment.modelSha256,
    after: after.assessment.modelSha256,
    isChanged: before.assessment.modelSha256 !== after.assessment.modelSha256,
  },
  entities: diffModels(before.model, after.model),
  results: diffAssessments(before.assessment, after.assessment),
});
