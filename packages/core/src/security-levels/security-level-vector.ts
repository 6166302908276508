import { FOUNDATIONAL_REQUIREMENTS, type Fr } from '../catalogs/foundational-requirements';
import { toSecurityLevel, type SecurityLevel } from '../catalogs/security-levels';
import type { SecurityLevelVector } from '../model/system-model';

/** A vector with the same level for every FR. */
export const uniformVector = (level: SecurityLevel): SecurityLevelVector => vectorFrom(() => level);

/** Builds a vector by asking for each FR's level. */
export const vectorFrom = (levelOf: (fr: Fr, index: number) => SecurityLevel): SecurityLevelVector => {
  const vector: Partial<Record<Fr, SecurityLevel>> = {};
  FOUNDATIONAL_REQUIREMENTS.forEach((fr, index) => {
    vector[fr] = levelOf(fr, index);
  });
  return vector as SecurityLevelVector;
};

/**
 * Reads an SL vector as the file writes it: one number (every FR), seven numbers, or "{2 2 0 1 3 1 3}".
 * Input is assumed to have passed the schema.
 */
export const parseSecurityLevelVector = (input: number | readonly number[] | string): SecurityLevelVector => {
  if (typeof input === 'number') return uniformVector(toSecurityLevel(input));
  const levels =
    typeof input === 'string'
      ? input
          .replace(/[{}]/g, ' ')
          .split(/[\s,]+/)
          .filter((part) => part !== '')
          .map(Number)
      : input;
  return vectorFrom((_fr, index) => toSecurityLevel(levels[index] ?? 0));
};

/** Per-FR maximum of two vectors. */
export const maxVector = (a: SecurityLevelVector, b: SecurityLevelVector): SecurityLevelVector =>
  vectorFrom((fr) => (a[fr] >= b[fr] ? a[fr] : b[fr]));

/** Per-FR minimum of two vectors. */
export const minVector = (a: SecurityLevelVector, b: SecurityLevelVector): SecurityLevelVector =>
  vectorFrom((fr) => (a[fr] <= b[fr] ? a[fr] : b[fr]));

/** The standard's notation: "{2 2 0 1 3 1 3}". */
export const formatVector = (vector: SecurityLevelVector): string =>
  `{${FOUNDATIONAL_REQUIREMENTS.map((fr) => vector[fr]).join(' ')}}`;

/** The levels in FR order. */
export const vectorLevels = (vector: SecurityLevelVector): readonly SecurityLevel[] =>
  FOUNDATIONAL_REQUIREMENTS.map((fr) => vector[fr]);

/** True when both vectors have the same level for every FR. */
export const vectorsEqual = (a: SecurityLevelVector, b: SecurityLevelVector): boolean =>
  FOUNDATIONAL_REQUIREMENTS.every((fr) => a[fr] === b[fr]);

/** Lowest level over the FRs (the "overall" level some courses report). */
export const minLevelOf = (vector: SecurityLevelVector): SecurityLevel =>
  vectorLevels(vector).reduce<SecurityLevel>((low, level) => (level < low ? level : low), 4);
