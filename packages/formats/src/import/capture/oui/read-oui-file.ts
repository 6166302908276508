import type { Diagnostic, DiagnosticSeverity } from '@zonewise/core';
import { decodeText } from '../../tabular/decode-text';
import { parseCsv } from '../../tabular/parse-csv';
import { builtinOuiTable, createOuiTable, ouiVendorName, type OuiEntry, type OuiTable } from './oui-table';

/**
 * Stable codes for problems in a MAC-prefix table file. Only `oui-no-entries` is an error (nothing to look up);
 * the others name a line that was skipped, and the rest of the table is used.
 */
export const OUI_DIAGNOSTIC_CODES = [
  'oui-no-entries',
  'oui-bad-prefix',
  'oui-missing-vendor',
  'oui-bad-row',
  'oui-unknown-registry',
  'oui-duplicate-prefix',
] as const;

/** One of {@link OUI_DIAGNOSTIC_CODES}. */
export type OuiDiagnosticCode = (typeof OUI_DIAGNOSTIC_CODES)[number];

/** The two table layouts a full table comes in. */
export type OuiFileFormat = 'wireshark-manuf' | 'ieee-csv';

/** A table file read: its layout, the assignments in file order, the table built from them and what was skipped. */
export interface OuiFileRead {
  readonly format: OuiFileFormat;
  readonly entries: readonly OuiEntry[];
  readonly table: OuiTable;
  readonly diagnostics: readonly Diagnostic[];
}

const LISTED_PER_CODE = 20;

/** Collects line diagnostics, listing at most 20 per code and counting the rest in one summary line. */
const collector = (file: string) => {
  const diagnostics: Diagnostic[] = [];
  const counts = new Map<OuiDiagnosticCode, number>();
  const add = (
    code: OuiDiagnosticCode,
    severity: DiagnosticSeverity,
    line: number | undefined,
    message: string,
  ): void => {
    const count = (counts.get(code) ?? 0) + 1;
    counts.set(code, count);
    if (count > LISTED_PER_CODE) return;
    diagnostics.push({
      code,
      severity,
      path: [],
      message,
      file,
      ...(line === undefined ? {} : { line, column: 1 }),
    });
  };
  const finish = (): Diagnostic[] => [
    ...diagnostics,
    ...[...counts]
      .filter(([, count]) => count > LISTED_PER_CODE)
      .map(([code, count]) => ({
        code,
        severity: 'warning' as const,
        path: [],
        message: `${count - LISTED_PER_CODE} more ${code} lines were skipped without being listed.`,
        file,
      })),
  ];
  return { add, finish };
};

const MAC_PREFIX = /^([0-9A-Fa-f]{2})(?:[:.-]?([0-9A-Fa-f]{2}))*$/;

/**
 * Reads the address of a manuf line: two to six octets separated by `:`, `-` or `.` (or none), optionally `/bits`.
 * Without `/bits` the prefix is as long as the octets written (`00:00:0C` → 24).
 */
const parseManufAddress = (text: string): { value: number; bits: number } | undefined => {
  const [address = '', mask, extra] = text.split('/');
  if (extra !== undefined || !MAC_PREFIX.test(address)) return undefined;
  const hex = address.replace(/[:.-]/g, '');
  if (hex.length < 4 || hex.length > 12 || hex.length % 2 !== 0) return undefined;
  const written = hex.length * 4;
  const bits = mask === undefined ? written : /^\d{1,2}$/.test(mask) ? Number(mask) : Number.NaN;
  if (!(bits >= 8 && bits <= 48) || bits > written) return undefined;
  return { value: Number.parseInt(hex.padEnd(12, '0'), 16), bits };
};

/**
 * Reads Wireshark's `manuf` layout: `address[/bits] <tab> short name [<tab> long name] [# comment]`, `#` comment
 * lines, /28 and /36 blocks written as full addresses with a mask. The long name is used where there is one.
 */
export const readManufText = (text: string, file: string): OuiFileRead => {
  const problems = collector(file);
  const entries: OuiEntry[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const fields = (raw.includes('\t') ? raw.split('\t') : content.split(/\s+/))
      .map((field) => field.trim())
      .filter((field) => field !== '');
    const comment = fields.findIndex((field) => field.startsWith('#'));
    const [address = '', short = '', ...long] = comment < 0 ? fields : fields.slice(0, comment);
    const parsed = parseManufAddress(address);
    if (parsed === undefined) {
      problems.add(
        'oui-bad-prefix',
        'warning',
        line,
        `"${address.slice(0, 40)}" is not a MAC prefix (two to six hex octets, optionally /bits up to 48); the line was skipped.`,
      );
      return;
    }
    const name = long.join(' ') || short;
    if (name === '') {
      problems.add(
        'oui-missing-vendor',
        'warning',
        line,
        `Prefix ${address} has no vendor name; the line was skipped.`,
      );
      return;
    }
    addEntry(entries, seen, problems, line, { ...parsed, organisation: name }, address);
  });
  return finishRead('wireshark-manuf', entries, problems, file);
};

const addEntry = (
  entries: OuiEntry[],
  seen: Set<string>,
  problems: ReturnType<typeof collector>,
  line: number,
  assignment: Omit<OuiEntry, 'vendor'> & { readonly organisation: string },
  written: string,
): void => {
  const entry: OuiEntry = {
    value: assignment.value,
    bits: assignment.bits,
    vendor: registryVendorName(assignment.value, assignment.bits, assignment.organisation),
  };
  const key = `${Math.floor(entry.value / 2 ** (48 - entry.bits))}/${entry.bits}`;
  if (seen.has(key)) {
    problems.add(
      'oui-duplicate-prefix',
      'warning',
      line,
      `Prefix ${written} is assigned again; the first assignment is kept.`,
    );
    return;
  }
  seen.add(key);
  entries.push(entry);
};

/**
 * The vendor an assignment is shown under: the built-in name when the built-in table holds the same prefix (so a
 * full table and the built-in one agree, whatever the registry's spelling: `SCHWEITZER ENGINEERING`), else
 * {@link ouiVendorName} of the organisation.
 */
const registryVendorName = (value: number, bits: number, organisation: string): string => {
  const builtin = builtinOuiTable().lookup(value.toString(16).padStart(12, '0'));
  return builtin !== undefined && builtin.bits === bits ? builtin.vendor : ouiVendorName(organisation);
};

const finishRead = (
  format: OuiFileFormat,
  entries: OuiEntry[],
  problems: ReturnType<typeof collector>,
  file: string,
): OuiFileRead => {
  const diagnostics = problems.finish();
  if (entries.length === 0) {
    diagnostics.unshift({
      code: 'oui-no-entries',
      severity: 'error',
      path: [],
      message:
        'No MAC prefix could be read: give a Wireshark manuf file or an IEEE registry CSV (oui.csv, mam.csv, oui36.csv).',
      file,
    });
  }
  return { format, entries, table: createOuiTable(entries), diagnostics };
};

/** Prefix length of each IEEE registry by the digits of its assignments (CID is not a MAC block and is skipped). */
const REGISTRY_BITS: ReadonlyMap<string, { digits: number; bits: number }> = new Map([
  ['MA-L', { digits: 6, bits: 24 }],
  ['MA-M', { digits: 7, bits: 28 }],
  ['MA-S', { digits: 9, bits: 36 }],
  ['IAB', { digits: 9, bits: 36 }],
]);

/**
 * Reads an IEEE registry CSV (`Registry,Assignment,Organization Name,Organization Address`, as oui.csv, mam.csv,
 * oui36.csv and iab.csv are published): MA-L, MA-M, MA-S and IAB rows become 24-, 28- and 36-bit prefixes; CID
 * rows (company ids, not address blocks) are skipped silently.
 */
export const readIeeeOuiCsv = (text: string, file: string): OuiFileRead => {
  const problems = collector(file);
  const entries: OuiEntry[] = [];
  const seen = new Set<string>();
  const parsed = parseCsv(text, ',', file);
  for (const diagnostic of parsed.diagnostics) {
    if (diagnostic.severity === 'error')
      problems.add('oui-bad-row', 'warning', diagnostic.line, diagnostic.message);
  }
  parsed.records.forEach((record, index) => {
    const cells = record.cells.map((cell) => cell.text.trim());
    if (cells.length === 1 && cells[0] === '') return;
    if (index === 0 && cells[0]?.toLowerCase() === 'registry') return;
    const [registry = '', assignment = '', organisation = ''] = cells;
    if (cells.length < 3) {
      problems.add(
        'oui-bad-row',
        'warning',
        record.row,
        `Expected Registry,Assignment,Organization Name,… but found ${cells.length} cell${cells.length === 1 ? '' : 's'}; the row was skipped.`,
      );
      return;
    }
    if (registry.toUpperCase() === 'CID') return;
    const layout = REGISTRY_BITS.get(registry.toUpperCase());
    if (layout === undefined) {
      problems.add(
        'oui-unknown-registry',
        'warning',
        record.row,
        `Registry "${registry.slice(0, 20)}" is not MA-L, MA-M, MA-S, IAB or CID; the row was skipped.`,
      );
      return;
    }
    if (assignment.length !== layout.digits || !/^[0-9A-Fa-f]+$/.test(assignment)) {
      problems.add(
        'oui-bad-prefix',
        'warning',
        record.row,
        `Assignment "${assignment.slice(0, 20)}" of registry ${registry} should be ${layout.digits} hex digits; the row was skipped.`,
      );
      return;
    }
    if (organisation === '') {
      problems.add(
        'oui-missing-vendor',
        'warning',
        record.row,
        `Assignment ${assignment} has no organisation name; the row was skipped.`,
      );
      return;
    }
    const value = Number.parseInt(assignment, 16) * 2 ** (48 - layout.bits);
    addEntry(entries, seen, problems, record.row, { value, bits: layout.bits, organisation }, assignment);
  });
  return finishRead('ieee-csv', entries, problems, file);
};

/**
 * Reads a full MAC-prefix table and tells the layout from the content: an IEEE registry CSV starts with its
 * `Registry,Assignment,…` header, anything else is read as Wireshark's manuf. Bytes are decoded as UTF-8 (BOM
 * honoured), falling back to Windows-1252.
 */
export const readOuiFile = (bytes: Uint8Array, file: string): OuiFileRead => {
  const { text } = decodeText(bytes, file);
  const firstLine =
    text
      .slice(0, 200)
      .trimStart()
      .split(/\r\n|\r|\n/, 1)[0] ?? '';
  return /^"?registry"?\s*,\s*"?assignment"?/i.test(firstLine)
    ? readIeeeOuiCsv(text, file)
    : readManufText(text, file);
};
