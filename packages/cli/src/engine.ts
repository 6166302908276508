import { createHash } from 'node:crypto';
import { assessSystem, type Assessment, type SystemModel } from '@zonewise/core';

/** Runs the engine with Node's native SHA-256 for the model digest (same digest as core's pure one, much faster). */
export const assess = (model: SystemModel): Assessment =>
  assessSystem(model, {
    createDigest: () => {
      const hash = createHash('sha256');
      return { update: (chunk: string) => hash.update(chunk, 'utf8'), digest: () => hash.digest('hex') };
    },
  });
