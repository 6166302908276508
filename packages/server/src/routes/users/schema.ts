import { z } from '@hono/zod-openapi';

/** Minimum password length: long passphrases beat composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 12;

/** A new password: at least 12 characters, at most 1024 (argon2 input stays bounded). */
export const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH)
  .max(1024)
  .openapi({ description: `At least ${MIN_PASSWORD_LENGTH} characters` });

/** A user account as the API shows it (never a password or hash). */
export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    isDisabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('User');

/** Body of `POST /api/users`. */
export const CreateUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dot, dash or underscore; at most 64')
      .openapi({ description: 'Permanent, compared without case', example: 'alice' }),
    displayName: z.string().trim().min(1).max(200),
    password: NewPasswordSchema,
    isAdmin: z.boolean().optional(),
  })
  .strict()
  .openapi('CreateUser');

/** Body of `PATCH /api/users/:userId`; a `password` resets it and ends all of the user's sessions. */
export const UpdateUserSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    isAdmin: z.boolean().optional(),
    isDisabled: z.boolean().openapi({ description: 'Disabling ends the user’s sessions at once' }).optional(),
    password: NewPasswordSchema.optional(),
  })
  .strict()
  .openapi('UpdateUser');

/** The `:userId` path parameter. */
export const UserParamsSchema = z.object({
  userId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'userId', in: 'path' } }),
});
