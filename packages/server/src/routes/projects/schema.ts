import { z } from '@hono/zod-openapi';
import { PROJECT_ROLES } from '@zonewise/store';

/** A project as listed: its data and the caller's role in it. */
export const ProjectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    revision: z.number().int().openapi({ description: 'Increases with every change to the model' }),
    formatVersion: z.number().int(),
    sourceFormat: z.enum(['yaml', 'json']).nullable(),
    isArchived: z.boolean(),
    role: z.enum([...PROJECT_ROLES, 'admin']).openapi({ description: "The caller's role in the project" }),
  })
  .openapi('Project');

/** Body of `POST /api/projects`. */
export const CreateProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(20_000).optional(),
  })
  .strict()
  .openapi('CreateProject');

/** Body of `PATCH /api/projects/:projectId`. */
export const UpdateProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(20_000).optional(),
    isArchived: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateProject');
