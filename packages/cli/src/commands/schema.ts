import { assessmentJsonSchema } from '@zonewise/formats';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';

/** `zonewise schema`: the JSON Schema of the file format, for editors and other tools. */
export const schemaCommand = (io: CliIo): number => {
  io.stdout(`${JSON.stringify(assessmentJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
};
