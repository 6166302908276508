import { z } from '@hono/zod-openapi';

/** An API token as listed: never the secret, only its first characters. */
export const ApiTokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the token, to tell tokens apart' }),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'Updated at most once a minute' }),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

/** Body of `POST /api/tokens`. */
export const CreateApiTokenSchema = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ example: 'CI pipeline' }),
    expiresAt: z.iso
      .datetime()
      .optional()
      .openapi({ description: 'ISO 8601 time after which the token stops working; none = until revoked' }),
  })
  .strict()
  .openapi('CreateApiToken');

/** A token just created, with its secret: shown this once, never again. */
export const NewApiTokenSchema = z
  .object({
    token: ApiTokenSchema,
    secret: z.string().openapi({ description: 'zwt_…: send as Authorization: Bearer <secret>; shown once' }),
  })
  .openapi('NewApiToken');

/** The `:tokenId` path parameter. */
export const TokenParamsSchema = z.object({
  tokenId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'tokenId', in: 'path' } }),
});
