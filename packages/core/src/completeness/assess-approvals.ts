import type { ApprovalState } from '../assessment/assessment';
import type { SystemModel } from '../model/system-model';

/**
 * ZCR 7: the validity of every approval. An approval is stale when the digest it signed differs from the digest of
 * the current model (`modelSha256`), i.e. the model changed after it was approved.
 */
export const assessApprovals = (model: SystemModel, modelSha256: string): readonly ApprovalState[] =>
  model.approvals.map((approval) => ({ approval, isStale: approval.modelSha256 !== modelSha256 }));
