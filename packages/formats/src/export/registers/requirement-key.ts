/** One spelling of an SR/RE id for matching ("sr 5.1  re 1" and "SR 5.1 RE 1" are the same requirement). */
export const requirementKey = (subject: string, requirement: string): string =>
  `${subject}\u0000${requirement.replace(/\s+/g, ' ').trim().toUpperCase()}`;
