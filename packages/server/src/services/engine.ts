import { createHash } from 'node:crypto';
import {
  assessSystem,
  modelSha256,
  type Assessment,
  type SystemFile,
  type SystemModel,
} from '@zonewise/core';

/** Node's native SHA-256 in the shape core's digest option takes (same digest as core's pure one, faster). */
export const nativeDigest = () => {
  const hash = createHash('sha256');
  return { update: (chunk: string) => hash.update(chunk, 'utf8'), digest: () => hash.digest('hex') };
};

/** Runs the engine on a resolved model with the native digest. */
export const assessModel = (model: SystemModel): Assessment =>
  assessSystem(model, { createDigest: nativeDigest });

/** The SHA-256 an approval signs for a parsed file (canonical model without approvals). */
export const modelDigest = (file: SystemFile): string => modelSha256(file, nativeDigest);
