/** Security levels 0–4 (IEC 62443-3-3 §4.2; IEC 62443-3-2 Annex A). */
export const SECURITY_LEVELS = [0, 1, 2, 3, 4] as const;

/** A security level 0–4. */
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/** The attacker profile each security level protects against (our paraphrase of the common wording). */
export const SECURITY_LEVEL_INFO: Readonly<
  Record<
    SecurityLevel,
    {
      readonly protectsAgainst: string;
      readonly means: string;
      readonly resources: string;
      readonly skills: string;
      readonly motivation: string;
    }
  >
> = {
  0: {
    protectsAgainst: 'no specific requirement or protection',
    means: '–',
    resources: '–',
    skills: '–',
    motivation: '–',
  },
  1: {
    protectsAgainst: 'casual or coincidental violation',
    means: 'accident, error',
    resources: '–',
    skills: '–',
    motivation: '–',
  },
  2: {
    protectsAgainst: 'intentional violation using simple means',
    means: 'simple',
    resources: 'low',
    skills: 'generic',
    motivation: 'low',
  },
  3: {
    protectsAgainst: 'intentional violation using sophisticated means',
    means: 'sophisticated',
    resources: 'moderate',
    skills: 'IACS-specific',
    motivation: 'moderate',
  },
  4: {
    protectsAgainst: 'intentional violation using sophisticated means with extended resources',
    means: 'sophisticated',
    resources: 'extended',
    skills: 'IACS-specific',
    motivation: 'high',
  },
};

/** Narrows a number to a security level by clamping to 0–4 and truncating. */
export const toSecurityLevel = (value: number): SecurityLevel =>
  Math.max(0, Math.min(4, Math.trunc(value))) as SecurityLevel;
