import { z } from '@hono/zod-openapi';
import { SIGNATURE_MEANINGS } from '@zonewise/store';
import { ProjectParamsSchema } from '../schemas';

/** The `{projectId}` and `{baselineId}` path parameters. */
export const BaselineParamsSchema = ProjectParamsSchema.extend({
  baselineId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'baselineId', in: 'path' } }),
});

/** Body of `POST …/baselines`. */
export const FreezeBaselineSchema = z
  .object({
    label: z.string().trim().min(1).max(200).openapi({ example: 'CRS for design review 2' }),
  })
  .strict()
  .openapi('FreezeBaseline');

/** An e-signature on a baseline, with whether the project has changed since it was signed. */
export const SignatureSchema = z
  .object({
    id: z.string(),
    baselineId: z.string(),
    projectId: z.string(),
    userId: z.string(),
    signerName: z.string(),
    signerUsername: z.string(),
    meaning: z.enum(SIGNATURE_MEANINGS),
    statement: z.string(),
    signedAt: z.string(),
    modelSha256: z.string(),
    projectRevision: z.number().int(),
    isStale: z.boolean().openapi({
      description: 'True once the project changed after the signed baseline: still valid history, flagged',
    }),
  })
  .openapi('Signature');

/** A baseline as listed. */
export const BaselineSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    label: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    projectRevision: z.number().int(),
    modelSha256: z.string().openapi({ description: 'SHA-256 of the canonical model (approvals excluded)' }),
    isStale: z
      .boolean()
      .openapi({ description: 'True once the project changed; a stale baseline cannot be signed' }),
    signatures: z.array(SignatureSchema),
  })
  .openapi('Baseline');

/** A baseline with, on request, its canonical model and results. */
export const BaselineDetailSchema = BaselineSchema.extend({
  model: z.unknown().optional().openapi({ description: 'The canonical model (with include=model)' }),
  results: z.unknown().optional().openapi({ description: "The engine's results (with include=results)" }),
}).openapi('BaselineDetail');

/** `?include=model,results` on a baseline. */
export const BaselineQuerySchema = z.object({
  include: z
    .string()
    .regex(/^(model|results)(,(model|results))?$/, {
      message: 'include is "model", "results" or "model,results"',
    })
    .optional()
    .openapi({ description: 'Also return the frozen canonical model and/or results (large)' }),
});

/** Body of `POST …/baselines/{baselineId}/signatures`. */
export const SignBaselineSchema = z
  .object({
    password: z
      .string()
      .min(1)
      .max(1000)
      .openapi({ description: "The signer's password, re-entered for this signature" }),
    meaning: z.enum(SIGNATURE_MEANINGS),
    statement: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .openapi({ example: 'I approve this Cybersecurity Requirements Specification.' }),
  })
  .strict()
  .openapi('SignBaseline');

const sideSchema = z
  .string()
  .min(1)
  .max(200)
  .openapi({ description: 'A baseline id, or "working" for the current model' });

/** `?from=&to=` of the diff. */
export const DiffQuerySchema = z.object({ from: sideSchema, to: sideSchema.default('working') });

const DiffSideSchema = z.object({
  kind: z.enum(['baseline', 'working']),
  baselineId: z.string().optional(),
  label: z.string().optional(),
  projectRevision: z.number().int(),
  modelSha256: z.string(),
});

/** The diff between two versions: sides, then the engine's model and results diff. */
export const DiffSchema = z
  .object({
    from: DiffSideSchema,
    to: DiffSideSchema,
    diff: z
      .object({
        modelSha256: z.object({ before: z.string(), after: z.string(), isChanged: z.boolean() }),
        entities: z.unknown().openapi({ description: 'Added, removed and changed entities per kind' }),
        results: z
          .unknown()
          .openapi({ description: 'What changed in findings, risk, SL-T, requirements, approvals' }),
      })
      .openapi({ description: 'As `zonewise diff --format json` prints it' }),
  })
  .openapi('ModelDiff');
