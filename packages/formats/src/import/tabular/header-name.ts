/**
 * A header as words for matching: camelCase and snake_case split, "I/O" kept as one word, punctuation to spaces,
 * lower case; "#" survives because it names the scenario number column of many worksheets.
 */
export const normalizeHeaderName = (name: string): string =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bi\/o\b/g, 'io')
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();
