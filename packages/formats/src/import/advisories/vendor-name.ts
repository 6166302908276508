/**
 * Vendor names as advisories and inventories spell them (`Siemens AG`, `Rockwell Automation/Allen-Bradley`,
 * `Schneider Electric Software, LLC`, `Johnson Controls, Inc.`) reduced to stable keys, so that the same company
 * gives the same key whatever the legal form, case, punctuation or brand.
 */

/** Trailing words that name a legal form, not a company. */
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'ltda',
  'limited',
  'llc',
  'gmbh',
  'ag',
  'se',
  'sa',
  'srl',
  'spa',
  'bv',
  'nv',
  'plc',
  'kg',
  'oy',
  'ab',
  'pty',
  'kk',
  'me',
  'mfg',
]);

/**
 * Brands and former names that belong to one vendor key (key first). Kept to vendors that appear in CISA ICS
 * advisories under more than one name; every other name is its own key after normalisation.
 */
export const VENDOR_ALIASES: readonly (readonly [string, ...string[]])[] = [
  [
    'rockwell automation',
    'rockwell',
    'allen bradley',
    'rockwell software',
    'rockwell automation allen bradley',
  ],
  ['siemens', 'siemens industry', 'siemens industrial automation'],
  ['schneider electric', 'schneider', 'schneider electric software', 'modicon', 'telemecanique', 'square d'],
  ['mitsubishi electric', 'mitsubishi', 'melco', 'mitsubishi electric europe'],
  [
    'general electric',
    'ge',
    'ge digital',
    'ge grid solutions',
    'ge vernova',
    'ge gas power',
    'ge automation',
  ],
  ['schweitzer engineering laboratories', 'sel', 'schweitzer engineering labs'],
  ['hirschmann', 'hirschmann automation and control'],
  ['hitachi energy', 'abb power grids'],
  ['johnson controls', 'jci', 'johnson controls international'],
  ['honeywell', 'honeywell process solutions', 'honeywell international'],
  ['emerson', 'emerson electric', 'emerson process management', 'emerson automation solutions'],
  ['yokogawa', 'yokogawa electric'],
  ['omron', 'omron industrial automation'],
  ['hms networks', 'hms', 'hms industrial networks', 'ewon'],
  ['b and r', 'b and r industrial automation', 'br automation'],
  ['phoenix contact', 'phoenix contact electronics'],
  ['wago', 'wago kontakttechnik'],
  ['franklin fueling systems', 'franklin fueling system'],
  ['abb', 'abb automation'],
  ['delta electronics', 'delta electronics taiwan'],
  ['moxa', 'moxa technologies'],
  ['national instruments', 'ni'],
  ['aveva', 'wonderware'],
];

const ALIAS_KEY = new Map<string, string>(
  VENDOR_ALIASES.flatMap(([key, ...aliases]) => [key, ...aliases].map((alias) => [alias, key] as const)),
);

/** Lowercase words without punctuation or legal form: `Johnson Controls, Inc.` → `johnson controls`. */
export const normaliseVendorName = (name: string): string => {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '');
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
};

/** The key of one vendor name: its alias group's key, or the normalised name itself. */
export const vendorKey = (name: string): string => {
  const normalised = normaliseVendorName(name);
  return ALIAS_KEY.get(normalised) ?? normalised;
};

/**
 * Every vendor key a name stands for. Lists (`ABB, Phoenix Contact, … and WAGO`), brand pairs
 * (`Rockwell Automation/Allen-Bradley`) and acronyms in brackets (`… Laboratories, Inc. (SEL)`) give one key each.
 */
export const vendorKeys = (name: string): readonly string[] => {
  const keys = new Set<string>();
  const plain = name.replace(/\([^)]*\)/g, ' ');
  const parts = plain
    .split(/[,/;]|\s+\+\s+/)
    .map((part) => vendorKey(part.replace(/^\s*and\s+/i, '')))
    .filter((key) => key !== '' && !LEGAL_FORMS.has(key));
  if (parts.length > 1) for (const key of parts) keys.add(key);
  else {
    const whole = vendorKey(plain);
    if (whole !== '') keys.add(whole);
  }
  for (const bracket of name.matchAll(/\(([^)]*)\)/g)) {
    const key = vendorKey(bracket[1] ?? '');
    if (key !== '') keys.add(key);
  }
  return [...keys].sort();
};
