import { vendorKey } from '../../advisories/vendor-name';
import { BUILTIN_OUI_VENDORS } from './ics-vendors';

/** One assignment: the first `bits` bits of `value` (a 48-bit address number, lower bits zero) belong to `vendor`. */
export interface OuiEntry {
  readonly value: number;
  /** Prefix length: 24 for an MA-L (OUI), 28 for an MA-M, 36 for an MA-S or IAB, up to 48 for one address. */
  readonly bits: number;
  readonly vendor: string;
}

/** The assignment a MAC address fell into: the longest prefix that holds it. */
export interface OuiMatch {
  readonly vendor: string;
  /** The prefix as hex digits (`001D9C`, `00A0F4`, `8C1F64A1F`) and its length in bits. */
  readonly prefix: string;
  readonly bits: number;
}

/** A MAC-prefix table with longest-prefix lookup (a /36 block inside a /24 names its own holder). */
export interface OuiTable {
  /** Number of prefixes in the table. */
  readonly size: number;
  /** The vendor of a MAC address (`00:1d:9c:c5:13:dd`, `00-1D-9C-C5-13-DD`, `001d.9cc5.13dd`), if any prefix holds it. */
  lookup(mac: string): OuiMatch | undefined;
}

const TWO_TO_48 = 2 ** 48;

/** Parses a MAC address written with `:`, `-` or `.` separators or none; undefined unless it has 48 bits. */
export const parseMacAddress = (mac: string): number | undefined => {
  const hex = mac.trim().replace(/[:.-]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return undefined;
  return Number.parseInt(hex, 16);
};

const prefixText = (value: number, bits: number): string =>
  Math.floor(value / 2 ** (48 - bits))
    .toString(16)
    .toUpperCase()
    .padStart(Math.ceil(bits / 4), '0');

/**
 * Builds a lookup table from assignments. The first assignment of a prefix wins, so callers list their preferred
 * source first; bits below the prefix length are ignored.
 */
export const createOuiTable = (entries: Iterable<OuiEntry>): OuiTable => {
  const byLength = new Map<number, Map<number, string>>();
  let size = 0;
  for (const entry of entries) {
    if (!Number.isInteger(entry.bits) || entry.bits < 1 || entry.bits > 48) continue;
    if (!(entry.value >= 0 && entry.value < TWO_TO_48)) continue;
    let table = byLength.get(entry.bits);
    if (table === undefined) {
      table = new Map();
      byLength.set(entry.bits, table);
    }
    const key = Math.floor(entry.value / 2 ** (48 - entry.bits));
    if (table.has(key)) continue;
    table.set(key, entry.vendor);
    size += 1;
  }
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  return {
    size,
    lookup: (mac) => {
      const value = parseMacAddress(mac);
      if (value === undefined) return undefined;
      for (const bits of lengths) {
        const vendor = byLength.get(bits)?.get(Math.floor(value / 2 ** (48 - bits)));
        if (vendor !== undefined) return { vendor, prefix: prefixText(value, bits), bits };
      }
      return undefined;
    },
  };
};

/** Bits of a built-in prefix by its number of hex digits (MA-L, MA-M, MA-S/IAB). */
const BITS_BY_DIGITS: ReadonlyMap<number, number> = new Map([
  [6, 24],
  [7, 28],
  [9, 36],
]);

let builtin: OuiTable | undefined;

/** The built-in table of industrial and common IT vendors ({@link BUILTIN_OUI_VENDORS}), built on first use. */
export const builtinOuiTable = (): OuiTable => {
  builtin ??= createOuiTable(
    BUILTIN_OUI_VENDORS.flatMap(([vendor, prefixes]) =>
      prefixes.map((prefix) => {
        const bits = BITS_BY_DIGITS.get(prefix.length) ?? 0;
        return { value: Number.parseInt(prefix, 16) * 2 ** (48 - bits), bits, vendor };
      }),
    ),
  );
  return builtin;
};

const BUILTIN_NAME_BY_KEY: ReadonlyMap<string, string> = new Map(
  BUILTIN_OUI_VENDORS.map(([vendor]) => [vendorKey(vendor), vendor] as const),
);

/**
 * The name a registry organisation is shown under: the built-in vendor name when it is the same company to the
 * advisory matcher (`SIEMENS AG`, `Siemens AG` → `Siemens`), else the organisation name with its spacing tidied.
 * That way a full table and the built-in one name the industrial vendors alike.
 */
export const ouiVendorName = (organisation: string): string => {
  const tidy = organisation.replace(/\s+/g, ' ').trim();
  return BUILTIN_NAME_BY_KEY.get(vendorKey(tidy)) ?? tidy;
};
