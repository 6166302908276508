import { z } from '@hono/zod-openapi';
import { PROJECT_ROLES } from '@zonewise/store';
import { ProjectParamsSchema } from '../schemas';

/** A project member with their role. */
export const MemberSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(PROJECT_ROLES),
    since: z.string(),
  })
  .openapi('Member');

/** Body of `PUT /api/projects/:projectId/members/:userId`. */
export const SetMemberSchema = z
  .object({
    role: z.enum(PROJECT_ROLES).openapi({
      description: 'assessor edits and manages members; reviewer comments; approver signs; viewer reads',
    }),
  })
  .strict()
  .openapi('SetMember');

/** The `:projectId` and `:userId` path parameters. */
export const MemberParamsSchema = ProjectParamsSchema.extend({
  userId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'userId', in: 'path' } }),
});
