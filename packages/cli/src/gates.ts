import { evaluateGates as evaluateAssessmentGates, type Assessment, type GateResult } from '@zonewise/core';
import { CliError } from './exit-codes';

/**
 * Parses and evaluates a comma-separated `--fail-on` value with core's gate logic (the server's gate endpoint uses
 * the same). Unknown gates are a usage error (exit 2).
 */
export const evaluateGates = (assessment: Assessment, spec: string): readonly GateResult[] => {
  const evaluated = evaluateAssessmentGates(assessment, spec);
  if (!evaluated.ok)
    throw new CliError(
      `--fail-on: ${evaluated.diagnostics.map((diagnostic) => diagnostic.message).join(' ')}`,
    );
  return evaluated.value;
};
