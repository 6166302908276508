import { warning, type Diagnostic } from '@zonewise/core';

/** The warning code for registers exported from a model that has changed since. */
export const REGISTER_MODEL_CHANGED = 'register-model-changed';

/**
 * Compares the model SHA-256 a register workbook was exported from (its About sheet) with the model it is imported
 * into. A difference is a warning, not an error: the editable columns are still matched by id, but the person
 * importing should know the rows they edited may describe an older model. No digest (CSV, or an About sheet without
 * one) means nothing to compare and no warning.
 */
export const checkRegisterModel = (
  exportedSha256: string | undefined,
  currentSha256: string | undefined,
  source: string,
): Diagnostic[] => {
  if (exportedSha256 === undefined || currentSha256 === undefined || exportedSha256 === currentSha256)
    return [];
  return [
    {
      ...warning(
        REGISTER_MODEL_CHANGED,
        ['About', 'Model SHA-256'],
        `the registers were exported from model ${exportedSha256.slice(0, 12)}…, the model is now ${currentSha256.slice(0, 12)}…: it changed since the export; check the imported rows against the current model, or export the registers again.`,
      ),
      file: source,
    },
  ];
};
