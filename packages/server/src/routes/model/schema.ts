import { z } from '@hono/zod-openapi';
import { ENTITY_COLLECTIONS } from '@zonewise/store';
import { DiagnosticSchema } from '../schemas';

/**
 * The JSON form of an import: the file's text as a string, so its exact bytes (comments, layout) are kept and an
 * unchanged model exports byte for byte. Raw YAML may be sent instead with `Content-Type: application/yaml`.
 */
export const ImportEnvelopeSchema = z
  .object({
    format: z.enum(['yaml', 'json']).openapi({ description: 'How `text` is written' }),
    text: z.string().openapi({ description: 'The assessment file, exactly as written' }),
  })
  .strict()
  .openapi('ImportAssessment');

/** What an import stored. */
export const ImportResultSchema = z
  .object({
    projectRevision: z.number().int(),
    entities: z.number().int().openapi({ description: 'Entities stored' }),
    counts: z
      .record(z.enum(ENTITY_COLLECTIONS), z.number().int())
      .openapi({ description: 'Entities stored per collection' }),
    warnings: z.array(DiagnosticSchema).openapi({ description: 'Problems that did not stop the import' }),
  })
  .openapi('ImportResult');

/** `?format=` of the export. */
export const ExportQuerySchema = z.object({
  format: z
    .enum(['yaml', 'json'])
    .optional()
    .openapi({ description: 'Defaults to the format the model was imported in, else YAML' }),
});
