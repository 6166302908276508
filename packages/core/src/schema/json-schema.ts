import { z } from 'zod';
import { systemFileSchema } from './system-file';

/**
 * The JSON Schema (draft 2020-12) of the assessment file as a user writes it (defaults optional), generated from
 * `systemFileSchema` so the two never drift apart (docs/adr/0003-file-format-versioning.md). `formats` adds the
 * `$id` and title; editors and tools outside Zonewise validate files with it.
 */
export const systemFileJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(systemFileSchema, { io: 'input', target: 'draft-2020-12' });
