import type { EntityRef } from '@zonewise/core';

/** Ids of entity references joined for a register cell ("a, b, c"); undefined when there are none. */
export const idList = (refs: readonly (EntityRef | string)[] | undefined): string | undefined => {
  if (refs === undefined || refs.length === 0) return undefined;
  return refs.map((ref) => (typeof ref === 'string' ? ref : ref.id)).join(', ');
};

/** "yes" or "no", the spelling every register uses for flags (filterable, language-neutral enough). */
export const yesNo = (value: boolean | undefined): string => (value === true ? 'yes' : 'no');
