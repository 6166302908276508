import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { vendorKey } from '../../advisories/vendor-name';
import { BUILTIN_OUI_VENDORS } from './ics-vendors';
import { OUI_DIAGNOSTIC_CODES, readIeeeOuiCsv, readManufText, readOuiFile } from './read-oui-file';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The same assignments written the two ways they are published (organisation names as each source spells them). */
const MANUF = [
  '# A comment line, then a blank one',
  '',
  '00:00:BC\tRockwell\tRockwell Automation',
  '00:1B:1B\tSiemens\tSiemens AG,',
  '00:30:A7\tSchweitz\tSchweitzer Engineering\t# comment after the name',
  '3C:A9:F4\tIntelCor\tIntel Corporate',
  '70:B3:D5\tIEEERegi\tIEEE Registration Authority',
  '70:B3:D5:E4:00:00/36\tSiemensM\tSiemens Mobility GmbH - MO TI SPA',
  '38:FD:FE\tIEEERegi\tIEEE Registration Authority',
  '38:FD:FE:30:00:00/28\tSiemensA\tSiemens AG, DI PA AE',
  '00-A0-45 PHOENIXC PHOENIX CONTACT Electronics GmbH',
  '08:00:06\tSiemensN',
].join('\n');

const CSV = [
  'Registry,Assignment,Organization Name,Organization Address',
  'MA-L,0000BC,Rockwell Automation,"1 Allen-Bradley Dr. Mayfield Heights OH US 44124-6118 "',
  'MA-L,001B1B,"Siemens AG,","Nuernberg Bayern DE 90475 "',
  'MA-L,0030A7,SCHWEITZER ENGINEERING,2350 NE HOPKINS COURT PULLMAN WA US 99163',
  'MA-L,3CA9F4,Intel Corporate,Lot 8 Jalan Hi-Tech 2/3 Kulim Kedah MY 09000',
  'MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554',
  'MA-S,70B3D5E40,Siemens Mobility GmbH - MO TI SPA,Berlin DE',
  'MA-L,38FDFE,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554',
  'MA-M,38FDFE3,"Siemens AG, DI PA AE",Karlsruhe DE',
  'MA-L,00A045,PHOENIX CONTACT Electronics GmbH,Blomberg DE',
  'MA-L,080006,SiemensN,Munich DE',
  'CID,0A1B2C,Some Company Id,Nowhere',
].join('\r\n');

const PROBES = [
  '00:00:bc:3e:eb:e4',
  '00:1b:1b:23:eb:3b',
  '00:30:a7:00:00:01',
  '3c:a9:f4:21:22:f8',
  '70:b3:d5:e4:00:01',
  '70:b3:d5:e4:10:01',
  '70:b3:d5:00:00:01',
  '38:fd:fe:3a:bc:de',
  '38:fd:fe:40:00:00',
  '00:a0:45:6d:d3:43',
  '08:00:06:93:cf:32',
  '0a:1b:2c:00:00:01',
  '00:00:00:00:00:00',
];

describe('readOuiFile', () => {
  it('tells the IEEE CSV from the manuf layout by its header', () => {
    expect(readOuiFile(encode(MANUF), 'manuf').format).toBe('wireshark-manuf');
    expect(readOuiFile(encode(CSV), 'oui.csv').format).toBe('ieee-csv');
    expect(readOuiFile(encode(`\uFEFF${CSV}`), 'oui.csv').format).toBe('ieee-csv');
  });

  it('gives the same vendors from both layouts for the prefixes they share, longest prefix first', () => {
    const manuf = readOuiFile(encode(MANUF), 'manuf');
    const csv = readOuiFile(encode(CSV), 'oui.csv');
    expect(manuf.diagnostics).toEqual([]);
    expect(csv.diagnostics).toEqual([]);
    expect(manuf.entries).toHaveLength(10);
    expect(csv.entries).toHaveLength(10);
    for (const mac of PROBES) {
      const fromManuf = manuf.table.lookup(mac);
      const fromCsv = csv.table.lookup(mac);
      expect(fromCsv?.prefix, mac).toBe(fromManuf?.prefix);
      expect(fromCsv?.bits, mac).toBe(fromManuf?.bits);
      expect(fromCsv && vendorKey(fromCsv.vendor), mac).toBe(fromManuf && vendorKey(fromManuf.vendor));
    }
    expect(manuf.table.lookup('70:b3:d5:e4:00:01')).toEqual({
      vendor: 'Siemens',
      prefix: '70B3D5E40',
      bits: 36,
    });
    expect(csv.table.lookup('38:fd:fe:3a:bc:de')).toMatchObject({ prefix: '38FDFE3', bits: 28 });
    expect(csv.table.lookup('38:fd:fe:40:00:00')?.vendor).toBe('IEEE Registration Authority');
    // Prefixes the built-in table holds are named as it names them, whatever the registry's spelling.
    expect(manuf.table.lookup('00:1b:1b:23:eb:3b')?.vendor).toBe('Siemens');
    expect(csv.table.lookup('00:1b:1b:23:eb:3b')?.vendor).toBe('Siemens');
    expect(csv.table.lookup('00:30:a7:00:00:01')?.vendor).toBe('Schweitzer Engineering Laboratories');
    expect(manuf.table.lookup('00:a0:45:6d:d3:43')?.vendor).toBe('Phoenix Contact');
    expect(csv.table.lookup('0a:1b:2c:00:00:01')).toBeUndefined();
  });

  it('reports bad manuf lines by line number and keeps the good ones', () => {
    const read = readManufText(
      [
        '00:00:BC\tRockwell\tRockwell Automation',
        'GG:00:BC\tBad',
        '00:00:BC:00:00:00/52\tBadMask',
        '00:1B:1B',
        '00:00:BC\tAgain',
        '00:00:BC:00:00:00/40\tTooLong',
      ].join('\n'),
      'manuf',
    );
    expect(read.entries.map((entry) => entry.vendor)).toEqual(['Rockwell Automation', 'TooLong']);
    expect(read.diagnostics.map((item) => [item.code, item.line, item.severity])).toEqual([
      ['oui-bad-prefix', 2, 'warning'],
      ['oui-bad-prefix', 3, 'warning'],
      ['oui-missing-vendor', 4, 'warning'],
      ['oui-duplicate-prefix', 5, 'warning'],
    ]);
    expect(read.diagnostics.every((item) => item.file === 'manuf')).toBe(true);
  });

  it('reports bad CSV rows by line number, skips CID rows, and lists at most 20 problems of a kind', () => {
    const rows = [
      'Registry,Assignment,Organization Name,Organization Address',
      'MA-L,0000BC,Rockwell Automation,x',
      'MA-L,0000B,Short Assignment,x',
      'XYZ,0000BD,Unknown Registry,x',
      'MA-L,0000BE',
      'MA-L,0000BF,,x',
      'CID,0000C0,Company Id,x',
      ...Array.from({ length: 25 }, () => 'MA-M,12345,Too Short,x'),
    ];
    const read = readIeeeOuiCsv(rows.join('\n'), 'oui.csv');
    expect(read.entries).toHaveLength(1);
    const listed = read.diagnostics.filter((item) => item.line !== undefined);
    expect(listed.slice(0, 4).map((item) => [item.code, item.line])).toEqual([
      ['oui-bad-prefix', 3],
      ['oui-unknown-registry', 4],
      ['oui-bad-row', 5],
      ['oui-missing-vendor', 6],
    ]);
    expect(read.diagnostics.filter((item) => item.code === 'oui-bad-prefix')).toHaveLength(21);
    expect(read.diagnostics.at(-1)?.message).toMatch(/^6 more oui-bad-prefix/);
  });

  it('fails with an error when no prefix could be read', () => {
    for (const text of [
      '',
      '# only comments\n',
      'Registry,Assignment,Organization Name\n',
      '\u0000\u0001binary',
    ]) {
      const read = readOuiFile(encode(text), 'x');
      expect(read.table.size).toBe(0);
      expect(read.diagnostics.filter((item) => item.severity === 'error').map((item) => item.code)).toEqual([
        'oui-no-entries',
      ]);
    }
  });

  it('never throws on random or mutated input, and only reports known codes at lines of the input', () => {
    const codes = new Set<string>(OUI_DIAGNOSTIC_CODES);
    const check = (bytes: Uint8Array): void => {
      const read = readOuiFile(bytes, 'fuzz');
      const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/).length;
      for (const diagnostic of read.diagnostics) {
        expect(codes.has(diagnostic.code) || diagnostic.code.startsWith('csv-'), diagnostic.code).toBe(true);
        if (diagnostic.line !== undefined) expect(diagnostic.line).toBeLessThanOrEqual(lines + 1);
      }
      expect(read.table.size).toBeLessThanOrEqual(read.entries.length);
      for (const mac of PROBES) read.table.lookup(mac);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), check), { seed: 62443, numRuns: 1500 });
    const lineOf = fc.oneof(
      fc.constantFrom(...MANUF.split('\n'), ...CSV.split('\r\n')),
      fc.string({ maxLength: 60 }),
      fc.stringMatching(/^[0-9A-Fa-f:./-]{0,24}\t[A-Za-z ,"#]{0,20}$/),
    );
    const mutated = fc.array(lineOf, { maxLength: 30 }).map((lines) => encode(lines.join('\n')));
    fc.assert(fc.property(mutated, check), { seed: 3232, numRuns: 1500 });
  });
});

const WIRESHARK_MANUF = '/usr/share/wireshark/manuf';

// The describe body runs while tests are collected, skipped or not: the file is read in beforeAll, only when present
// (Debian's wireshark-common installs it; a fresh machine may not have it).
describe.skipIf(!existsSync(WIRESHARK_MANUF))("Debian's Wireshark manuf", () => {
  let read: ReturnType<typeof readOuiFile>;
  beforeAll(() => {
    read = readOuiFile(readFileSync(WIRESHARK_MANUF), WIRESHARK_MANUF);
  });

  it('reads without a problem, /28 and /36 blocks included', () => {
    expect(read.format).toBe('wireshark-manuf');
    expect(read.diagnostics).toEqual([]);
    expect(read.table.size).toBeGreaterThan(40_000);
    expect(new Set(read.entries.map((entry) => entry.bits))).toEqual(new Set([24, 28, 36]));
  });

  it('holds every built-in prefix as an assignment of the same length (the built-in facts are registry facts)', () => {
    for (const [vendor, prefixes] of BUILTIN_OUI_VENDORS) {
      for (const prefix of prefixes) {
        const mac = prefix.padEnd(12, '0');
        expect(read.table.lookup(mac)?.prefix, `${vendor} ${prefix}`).toBe(prefix);
      }
    }
  });
});
