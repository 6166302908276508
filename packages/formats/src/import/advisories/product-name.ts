/**
 * Product names reduced for comparison: a normalised name (lowercase words without punctuation), its words, and
 * its model numbers, the tokens that mix letters and digits (`1756-ENBT`, `S7-1200`, `M340`, `6ES7 414-3EM07-0AB0`)
 * and so identify a product better than its marketing name.
 */

/** Words too common in product names to identify anything on their own. */
const GENERIC_WORDS = new Set([
  'and',
  'or',
  'the',
  'for',
  'with',
  'of',
  'in',
  'all',
  'series',
  'version',
  'versions',
  'firmware',
  'software',
  'hardware',
  'module',
  'modules',
  'device',
  'devices',
  'controller',
  'controllers',
  'product',
  'products',
  'family',
  'system',
  'systems',
  'incl',
  'including',
  'variants',
  'models',
  'model',
  'unit',
  'units',
]);

/** Lowercase words separated by single spaces, punctuation and trademark signs removed. */
export const normaliseProductName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[®™©]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The words of a name that may identify a product (generic words dropped). */
export const productWords = (name: string): readonly string[] => [
  ...new Set(
    normaliseProductName(name)
      .split(' ')
      .filter((word) => word.length >= 2 && !GENERIC_WORDS.has(word)),
  ),
];

/** Letters and digits only: `1756-ENBT` → `1756enbt`, `6ES7 414-3EM07-0AB0` → `6es74143em070ab0`. */
export const compactModel = (text: string): string => text.toLowerCase().replace(/[^a-z0-9*]+/g, '');

/** A model number mixes letters and digits and is not a version (`v2.1`) or a size (`64gb`). */
const isModelToken = (token: string): boolean => {
  const compact = compactModel(token).replace(/\*/g, '');
  if (compact.length < 3) return false;
  if (!/[a-z]/.test(compact) || !/\d/.test(compact)) return false;
  if (/^v\d/.test(token) || /^\d+(?:\.\d+)*[a-z]?$/.test(token)) return false;
  if (/^\d+(?:gb|mb|kb|tb|bit|mhz|ghz|kv|ma)$/.test(compact)) return false;
  return true;
};

/**
 * The model numbers in a product name, as written (lowercase). Slashes, brackets, commas and spaces separate tokens,
 * so `1756-ENBT/A` (module and series) gives `1756-enbt`.
 */
export const modelTokens = (name: string): readonly string[] => {
  const tokens = name
    .toLowerCase()
    .replace(/[®™©]/g, '')
    .split(/[\s,;:()[\]{}/|+&"']+/)
    .map((token) => token.replace(/^[-._]+|[-._]+$/g, ''))
    .filter(isModelToken);
  return [...new Set(tokens)];
};

/**
 * The keys under which an asset's model token can be found in the index: the whole compact token and each prefix
 * that ends at a hyphen or dot and is itself a model number (`1756-enbt-a` → `1756enbta`, `1756enbt`), because an
 * asset record often carries a longer order code than the advisory names.
 */
export const modelLookupKeys = (token: string): readonly string[] => {
  const keys = [compactModel(token)];
  for (let index = token.length - 1; index > 0; index -= 1) {
    const char = token[index];
    if (char !== '-' && char !== '.' && char !== '_') continue;
    const prefix = token.slice(0, index);
    if (isModelToken(prefix)) keys.push(compactModel(prefix));
  }
  return [...new Set(keys)];
};
