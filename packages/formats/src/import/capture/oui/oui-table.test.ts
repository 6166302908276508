import { describe, expect, it } from 'vitest';
import { normaliseVendorName, vendorKey, vendorKeys } from '../../advisories/vendor-name';
import { BUILTIN_OUI_VENDORS } from './ics-vendors';
import { builtinOuiTable, createOuiTable, ouiVendorName, parseMacAddress } from './oui-table';

describe('parseMacAddress', () => {
  it('reads colon, hyphen, dot and bare notations alike and refuses anything but 48 bits', () => {
    const value = 0x001d9cc513dd;
    for (const text of ['00:1d:9c:c5:13:dd', '00-1D-9C-C5-13-DD', '001d.9cc5.13dd', '001D9CC513DD']) {
      expect(parseMacAddress(text)).toBe(value);
    }
    for (const text of ['', '00:1d:9c', '00:1d:9c:c5:13:dd:ee', 'zz:1d:9c:c5:13:dd']) {
      expect(parseMacAddress(text)).toBeUndefined();
    }
  });
});

describe('createOuiTable', () => {
  const table = createOuiTable([
    { value: 0x70b3d5000000, bits: 24, vendor: 'IEEE Registration Authority' },
    { value: 0x70b3d5e40000, bits: 36, vendor: 'Block Holder' },
    { value: 0x38fdfe300000, bits: 28, vendor: 'Medium Holder' },
    { value: 0x38fdfe000000, bits: 24, vendor: 'Large Holder' },
    { value: 0x38fdfe000000, bits: 24, vendor: 'Second Claim' },
  ]);

  it('answers with the longest prefix that holds the address', () => {
    expect(table.lookup('70:b3:d5:e4:0a:bc')).toEqual({
      vendor: 'Block Holder',
      prefix: '70B3D5E40',
      bits: 36,
    });
    expect(table.lookup('70:b3:d5:e4:1a:bc')).toEqual({
      vendor: 'IEEE Registration Authority',
      prefix: '70B3D5',
      bits: 24,
    });
    expect(table.lookup('38:fd:fe:3f:ff:ff')).toMatchObject({ vendor: 'Medium Holder', bits: 28 });
    expect(table.lookup('38:fd:fe:40:00:00')).toMatchObject({ vendor: 'Large Holder', bits: 24 });
    expect(table.lookup('00:00:00:00:00:01')).toBeUndefined();
    expect(table.lookup('not a mac')).toBeUndefined();
  });

  it('keeps the first assignment of a prefix', () => {
    expect(table.size).toBe(4);
    expect(table.lookup('38:fd:fe:00:00:01')?.vendor).toBe('Large Holder');
  });
});

describe('the built-in table', () => {
  const table = builtinOuiTable();

  it('names the industrial vendors of the public captures', () => {
    expect(table.lookup('00:1d:9c:c5:13:dd')).toEqual({
      vendor: 'Rockwell Automation',
      prefix: '001D9C',
      bits: 24,
    });
    expect(table.lookup('00:1b:1b:23:eb:3b')?.vendor).toBe('Siemens');
    expect(table.lookup('00:0a:dc:06:19:5c')?.vendor).toBe('Siemens');
    expect(table.lookup('00:04:17:02:23:88')?.vendor).toBe('Schneider Electric');
    expect(table.lookup('00:26:16:00:00:d2')?.vendor).toBe('Emerson');
    expect(table.lookup('00:a0:f4:01:a3:48')?.vendor).toBe('General Electric');
    expect(table.lookup('00:50:56:bd:18:fd')?.vendor).toBe('VMware');
    expect(table.lookup('3c:a9:f4:21:22:f8')).toBeUndefined();
  });

  it('covers every vendor the issue lists', () => {
    const vendors = new Set(BUILTIN_OUI_VENDORS.map(([vendor]) => vendor));
    for (const vendor of [
      'Rockwell Automation',
      'Siemens',
      'Schneider Electric',
      'ABB',
      'Honeywell',
      'Emerson',
      'Yokogawa',
      'General Electric',
      'Mitsubishi Electric',
      'Omron',
      'Phoenix Contact',
      'Moxa',
      'Hirschmann',
      'Hilscher',
      'WAGO',
      'Beckhoff',
      'B&R',
      'Red Lion Controls',
      'Advantech',
      'Lantronix',
      'Schweitzer Engineering Laboratories',
      'Endress+Hauser',
      'Pepperl+Fuchs',
      'Turck',
      'Bosch Rexroth',
      'Festo',
      'SICK',
      'Cisco',
      'HP',
      'Hewlett Packard Enterprise',
      'Dell',
      'VMware',
    ]) {
      expect(vendors.has(vendor), vendor).toBe(true);
    }
  });

  it('writes each vendor as its own advisory key, so MAC vendors match advisories', () => {
    for (const [vendor] of BUILTIN_OUI_VENDORS) {
      expect(vendorKey(vendor), vendor).toBe(normaliseVendorName(vendor));
      expect(ouiVendorName(vendor)).toBe(vendor);
    }
    expect(vendorKey('Rockwell Automation/Allen-Bradley')).toBe(vendorKey('Rockwell Automation'));
    expect(vendorKeys('Schweitzer Engineering Laboratories, Inc. (SEL)')).toContain(
      vendorKey('Schweitzer Engineering Laboratories'),
    );
  });

  it('holds a few hundred well-formed prefixes, each assigned to one vendor only', () => {
    const prefixes = BUILTIN_OUI_VENDORS.flatMap(([, list]) => list);
    expect(prefixes.length).toBeGreaterThan(300);
    expect(prefixes.length).toBeLessThan(800);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[0-9A-F]{6}(?:[0-9A-F]|[0-9A-F]{3})?$/);
    expect(table.size).toBe(prefixes.length);
  });
});

describe('ouiVendorName', () => {
  it('names registry organisations of built-in vendors as the built-in table does, and tidies the rest', () => {
    expect(ouiVendorName('SIEMENS AG')).toBe('Siemens');
    expect(ouiVendorName('Rockwell Automation')).toBe('Rockwell Automation');
    expect(ouiVendorName('Schweitzer Engineering Laboratories, Inc.')).toBe(
      'Schweitzer Engineering Laboratories',
    );
    expect(ouiVendorName('  Hon Hai   Precision Ind. Co.,Ltd. ')).toBe('Hon Hai Precision Ind. Co.,Ltd.');
  });
});
