import { z } from '@hono/zod-openapi';
import { PROJECT_ROLES } from '@zonewise/store';
import { NewPasswordSchema, UserSchema } from '../users/schema';

/** Body of `POST /api/auth/login` (JSON only, so a cross-site HTML form cannot post it). */
export const LoginSchema = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .strict()
  .openapi('Login');

/** What a login returns: the user, the CSRF token for writes, and when the session ends if unused. */
export const LoginResultSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string().openapi({ description: 'Send it as X-CSRF-Token on every write' }),
    expiresAt: z.string().openapi({ description: 'Sliding: each use extends it' }),
  })
  .openapi('LoginResult');

/** The caller's session: who they are, their CSRF token and their project roles. */
export const SessionSchema = z
  .object({
    user: UserSchema,
    method: z.enum(['session', 'token']),
    csrfToken: z.string().nullable().openapi({ description: 'Null for API tokens (they need none)' }),
    expiresAt: z.string().nullable(),
    memberships: z.array(z.object({ projectId: z.string(), role: z.enum(PROJECT_ROLES) })),
  })
  .openapi('Session');

/** Body of `POST /api/auth/password`. */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: NewPasswordSchema,
  })
  .strict()
  .openapi('ChangePassword');
