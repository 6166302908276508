import { z } from '@hono/zod-openapi';
import { PagingQuerySchema, pageOf } from '../schemas';

const isoTime = z
  .string()
  .max(40)
  .refine((text) => !Number.isNaN(Date.parse(text)), {
    message: 'an ISO 8601 date or time, e.g. 2026-11-26T09:00:00Z',
  });

/** Filters of the audit listing (all optional, combined with AND), with paging. */
export const AuditQuerySchema = PagingQuerySchema.extend({
  action: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: 'e.g. entity.update, baseline.sign', example: 'baseline.sign' }),
  actor: z.string().max(200).optional().openapi({ description: 'User id of the actor' }),
  target: z
    .string()
    .max(500)
    .optional()
    .openapi({ description: 'Id of the changed thing (entity, baseline, member…)' }),
  from: isoTime.optional().openapi({ description: 'Records at or after this time' }),
  to: isoTime.optional().openapi({ description: 'Records at or before this time' }),
});

/** One audit record: who, when, what before and after, why, and its place in the hash chain. */
export const AuditEventSchema = z
  .object({
    chainId: z.string(),
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }),
    action: z.string(),
    targetKind: z.string(),
    targetId: z.string(),
    before: z.unknown().openapi({ description: 'State before the change (null for creations)' }),
    after: z.unknown().openapi({ description: 'State after the change (null for deletions)' }),
    reason: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string().openapi({ description: 'SHA-256 over this record and prevHash' }),
  })
  .openapi('AuditEvent');

/** A page of audit records, newest first. */
export const AuditPageSchema = pageOf(AuditEventSchema, 'AuditPage');

/** The outcome of recomputing a chain. */
export const ChainVerificationSchema = z
  .object({
    isValid: z.boolean(),
    records: z
      .number()
      .int()
      .openapi({ description: 'Records checked before the first problem (all when valid)' }),
    headHash: z.string().optional(),
    brokenAtSeq: z.number().int().optional(),
    problem: z.enum(['hash-mismatch', 'prev-hash-mismatch', 'sequence-gap', 'head-mismatch']).optional(),
  })
  .openapi('ChainVerification');
