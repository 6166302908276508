import { z } from '@hono/zod-openapi';
import { COMMENT_TARGET_KINDS, ENTITY_COLLECTIONS } from '@zonewise/store';
import { PagingQuerySchema, pageOf } from '../schemas';

const TargetKindSchema = z.enum([...COMMENT_TARGET_KINDS, ...ENTITY_COLLECTIONS]).openapi({
  description: '`project`, `baseline`, `finding`, or an entity collection (`zones`, `assets`, …)',
});

/** A review comment. */
export const CommentSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    targetKind: z.string(),
    targetId: z.string(),
    author: z.object({ id: z.string(), name: z.string() }),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('Comment');

/** A page of comments, oldest first. */
export const CommentPageSchema = pageOf(CommentSchema, 'CommentPage');

/** Body of `POST …/comments`. */
export const CreateCommentSchema = z
  .object({
    targetKind: TargetKindSchema,
    targetId: z
      .string()
      .min(1)
      .max(500)
      .openapi({ description: 'The entity, baseline or finding id; the project id for `project`' }),
    body: z.string().trim().min(1).max(20_000),
  })
  .strict()
  .openapi('CreateComment');

/** Filters of the comment listing. */
export const CommentQuerySchema = PagingQuerySchema.extend({
  targetKind: TargetKindSchema.optional(),
  targetId: z.string().max(500).optional(),
});
