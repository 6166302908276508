import { CVSS20, CVSS30, CVSS31, CVSS40 } from '@pandatix/js-cvss';

/** The CVSS versions an advisory may carry. */
export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

/** A CVSS rating as the assessment file stores it: version, base score and vector. */
export interface CvssRating {
  readonly version: CvssVersion;
  readonly score: number;
  readonly vector: string;
}

/** The outcome of scoring one vector: the computed base score, or why the vector could not be read. */
export type CvssScoring =
  { readonly ok: true; readonly rating: CvssRating } | { readonly ok: false; readonly reason: string };

const versionOf = (vector: string): CvssVersion | undefined => {
  if (vector.startsWith('CVSS:4.0/')) return '4.0';
  if (vector.startsWith('CVSS:3.1/')) return '3.1';
  if (vector.startsWith('CVSS:3.0/')) return '3.0';
  if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(vector)) return '2.0';
  return undefined;
};

const baseScore = (version: CvssVersion, vector: string): number => {
  switch (version) {
    case '2.0':
      return new CVSS20(vector.replace(/^\(|\)$/g, '')).BaseScore();
    case '3.0':
      return new CVSS30(vector).BaseScore();
    case '3.1':
      return new CVSS31(vector).BaseScore();
    case '4.0':
      return new CVSS40(vector).Score();
  }
};

/**
 * Computes the base score of a CVSS v2, v3.0, v3.1 or v4.0 vector with js-cvss (the FIRST formulas). For v4.0 the
 * score is the one the vector's metrics define (CVSS-B for a base-only vector).
 */
export const scoreCvssVector = (vector: string): CvssScoring => {
  const trimmed = vector.trim();
  const version = versionOf(trimmed);
  if (version === undefined) return { ok: false, reason: 'not a CVSS v2, v3.0, v3.1 or v4.0 vector' };
  try {
    return { ok: true, rating: { version, score: baseScore(version, trimmed), vector: trimmed } };
  } catch (cause) {
    return { ok: false, reason: cause instanceof Error ? cause.message : String(cause) };
  }
};

/** Whether a document's base score differs from the computed one (scores have one decimal; 0.05 absorbs rounding). */
export const isScoreMismatch = (declared: number, computed: number): boolean =>
  Math.abs(declared - computed) > 0.05;
