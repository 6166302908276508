/** One safeguard (protection layer) of a PHA scenario and whether a cyber attack can defeat it. */
export interface Safeguard {
  readonly name: string;
  /** true: hackable (programmable, networked); false: not hackable (mechanical, hard-wired); undefined: not stated. */
  readonly isHackable: boolean | undefined;
}

/** A problem with the hackable information of one cell, for a diagnostic. */
export interface SafeguardProblem {
  readonly code: 'pha-invalid-hackable' | 'pha-hackable-count-mismatch';
  readonly message: string;
}

// "[H]", "(H)", "[hackable]", "(cyber)" mark a hackable safeguard; "[NH]", "(not hackable)", "[non-hackable]" one that is not.
const MARKER = /\s*[[(]\s*(h|hackable|cyber|nh|n\/h|not[ -]hackable|non[ -]hackable|unhackable)\s*[\])]\s*/i;
const YES = new Set(['y', 'yes', 'true', '1', 'x', 'h', 'hackable', 'cyber', 'ja', 'oui', 'si']);
const NO = new Set([
  'n',
  'no',
  'false',
  '0',
  '-',
  'nh',
  'n/h',
  'not hackable',
  'non-hackable',
  'non hackable',
  'unhackable',
  'nein',
  'non',
]);

/** Splits a list cell on line breaks and semicolons, dropping bullets and "1)" / "2." numbering. */
export const splitListCell = (text: string): string[] =>
  text
    .split(/\r\n|\r|\n|;/)
    .map((item) => item.replace(/^\s*(?:[-•*·▪]|\(?\d{1,2}[.)])\s+/, '').trim())
    .filter((item) => item !== '');

const hackableWord = (text: string): boolean | undefined => {
  const word = text.trim().toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
};

/**
 * Reads a safeguards cell and the optional hackable cell of the same row. Accepted forms, in order of precedence:
 * a marker in the safeguard text (`[H]`, `(H)`, `[hackable]`, `(cyber)` for hackable; `[NH]`, `(not hackable)`,
 * `[non-hackable]` for not hackable); then the hackable cell, either one yes/no value per safeguard in the same
 * order (y/yes/true/1/x/h/hackable or n/no/false/0/-/nh), one value for all, or the names of the hackable
 * safeguards (the others are then not hackable). Separators are line breaks, semicolons and, in the hackable
 * cell, also commas.
 */
export const parseSafeguards = (
  safeguardsText: string,
  hackableText: string,
): { readonly safeguards: readonly Safeguard[]; readonly problems: readonly SafeguardProblem[] } => {
  const items = splitListCell(safeguardsText).map((item) => {
    const marker = MARKER.exec(item);
    const name = item.replace(MARKER, ' ').replace(/\s+/g, ' ').trim();
    const isHackable =
      marker?.[1] === undefined ? undefined : (hackableWord(marker[1]) ?? !/^n/i.test(marker[1]));
    return { name: name === '' ? item : name, isHackable };
  });
  const problems: SafeguardProblem[] = [];
  const values = hackableText
    .split(/\r\n|\r|\n|;|,/)
    .map((value) => value.trim())
    .filter((value) => value !== '');
  if (values.length === 0 || items.length === 0) return { safeguards: items, problems };
  const words = values.map(hackableWord);
  let fromColumn: (boolean | undefined)[];
  if (words.every((word) => word !== undefined)) {
    if (words.length === 1) {
      fromColumn = items.map(() => words[0]);
    } else {
      if (words.length !== items.length) {
        problems.push({
          code: 'pha-hackable-count-mismatch',
          message: `The hackable cell has ${words.length} values for ${items.length} safeguards; they were paired in order and the rest left unknown: give one value per safeguard.`,
        });
      }
      fromColumn = items.map((_, index) => words[index]);
    }
  } else {
    const named = values.map((value) => value.toLowerCase());
    const unknown = named.filter(
      (value) =>
        hackableWord(value) === undefined && !items.some((item) => item.name.toLowerCase().includes(value)),
    );
    if (unknown.length > 0) {
      problems.push({
        code: 'pha-invalid-hackable',
        message: `"${unknown.join('", "')}" in the hackable cell is neither yes/no nor the name of a safeguard of the row; it was ignored.`,
      });
    }
    fromColumn = items.map((item) => named.some((value) => item.name.toLowerCase().includes(value)));
  }
  return {
    safeguards: items.map((item, index) => ({
      name: item.name,
      isHackable: item.isHackable ?? fromColumn[index],
    })),
    problems,
  };
};
