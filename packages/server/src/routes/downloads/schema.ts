import { z } from '@hono/zod-openapi';
import { DIAGRAM_LAYOUTS, REGISTER_IDS } from '@zonewise/formats';
import { DiagnosticSchema } from '../schemas';

/** `?format=xlsx|csv[&register=…][&bom=true]` of the register download. */
export const RegistersQuerySchema = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx').openapi({
    description: 'xlsx: one workbook; csv: a zip of one CSV per register, or one CSV with `register`',
  }),
  register: z
    .enum(REGISTER_IDS)
    .optional()
    .openapi({ description: 'With format=csv: only this register, as one CSV file' }),
  bom: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .openapi({
      description: 'With format=csv: start each file with a UTF-8 byte-order mark (Excel on Windows)',
    }),
});

/** `?format=svg|png&layout=…&width=…` of the diagram download. */
export const DiagramQuerySchema = z.object({
  format: z.enum(['svg', 'png']).default('svg'),
  layout: z
    .enum(DIAGRAM_LAYOUTS)
    .default('purdue')
    .openapi({ description: 'purdue (rows by Purdue level), layered, or stress (meshes)' }),
  width: z.coerce
    .number()
    .int()
    .min(100)
    .max(8000)
    .optional()
    .openapi({ description: 'PNG width in pixels (default: the diagram width, at most 8000)' }),
});

/** `?dryRun=true` of the register import. */
export const RegisterImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .openapi({ description: 'Report what would change and store nothing' }),
});

const ChangeSchema = z
  .object({
    register: z.enum(REGISTER_IDS),
    sheet: z.string().openapi({ description: 'The sheet the row was read from' }),
    row: z.number().int().openapi({ description: 'The sheet row (1-based; the header is row 1)' }),
    key: z
      .string()
      .openapi({ description: 'The entity id, or "subject / requirement" in the compliance matrix' }),
    kind: z.enum(['added', 'updated', 'unchanged', 'skipped']),
    fields: z.array(z.object({ field: z.string(), from: z.string().optional(), to: z.string().optional() })),
    reason: z.string().optional(),
  })
  .openapi('RegisterChange');

/** The change report of a register import. */
export const RegisterImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    stored: z.boolean().openapi({ description: 'True when changes were stored (never on a dry run)' }),
    projectRevision: z.number().int().openapi({ description: 'The project revision after the import' }),
    counts: z.object({
      added: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
    }),
    changes: z.array(ChangeSchema),
    entities: z
      .array(z.object({ collection: z.string(), id: z.string(), revision: z.number().int() }))
      .openapi({ description: 'The entities written (or that would be written), with their new revision' }),
    readOnly: z.array(z.string()).openapi({ description: 'Sheets derived by the engine, not read back' }),
    warnings: z.array(DiagnosticSchema),
  })
  .openapi('RegisterImportResult');

/** The register import result as the route returns it. */
export type RegisterImportResult = z.infer<typeof RegisterImportResultSchema>;
