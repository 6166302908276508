import { CURRENT_FORMAT_VERSION, systemFileJsonSchema } from '@zonewise/core';

/** The `$id` of the generated JSON Schema; it names the format version so each version has its own schema. */
export const ASSESSMENT_SCHEMA_ID = `urn:zonewise:assessment-file:v${CURRENT_FORMAT_VERSION}`;

/**
 * The JSON Schema (draft 2020-12) of the assessment file, generated from core's Zod schema, for editors
 * (`# yaml-language-server: $schema=…`) and tools outside Zonewise. `zonewise schema` prints it.
 */
export const assessmentJsonSchema = (): Record<string, unknown> => {
  const { $schema, ...rest } = systemFileJsonSchema();
  return {
    $schema,
    $id: ASSESSMENT_SCHEMA_ID,
    title: 'Zonewise assessment file',
    description: `An IEC 62443-3-2 security risk assessment: system under consideration, zones, conduits, assets, threat scenarios, countermeasures and approvals (formatVersion ${CURRENT_FORMAT_VERSION}).`,
    ...rest,
  };
};
