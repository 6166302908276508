import { describe, expect, it } from 'vitest';
import { normaliseVendorName, vendorKey, vendorKeys } from './vendor-name';

describe('normaliseVendorName', () => {
  it.each([
    ['Siemens AG', 'siemens'],
    ['Johnson Controls, Inc.', 'johnson controls'],
    ['Mitsubishi Electric Corporation', 'mitsubishi electric'],
    ['Hitachi Energy ', 'hitachi energy'],
    ['LOYTEC electronics GmbH', 'loytec electronics'],
    ['Kieback&Peter', 'kieback and peter'],
    ['Positron S.R.L', 'positron'],
    ['Schneider Electric Software, LLC', 'schneider electric software'],
    ['Leão Consultoria', 'leao consultoria'],
  ])('%j → %j', (name, normalised) => {
    expect(normaliseVendorName(name)).toBe(normalised);
  });
});

describe('vendorKey', () => {
  it.each([
    ['Rockwell Automation', 'Allen-Bradley'],
    ['Rockwell Automation', 'Rockwell'],
    ['Siemens AG', 'Siemens'],
    ['Schneider Electric', 'Schneider'],
    ['Schneider Electric Software, LLC', 'Schneider Electric'],
    ['Mitsubishi Electric Corporation', 'Mitsubishi'],
    ['Schweitzer Engineering Laboratories, Inc.', 'SEL'],
    ['Johnson Controls Inc', 'Johnson Controls, Inc.'],
    ['Moxa', 'MOXA'],
  ])('%j and %j are one vendor', (a, b) => {
    expect(vendorKey(a)).toBe(vendorKey(b));
  });

  it.each([
    ['Siemens', 'Schneider Electric'],
    ['Rockwell Automation', 'Rockwell Collins'],
    ['General Electric', 'Mitsubishi Electric'],
  ])('%j and %j are different vendors', (a, b) => {
    expect(vendorKey(a)).not.toBe(vendorKey(b));
  });
});

describe('vendorKeys', () => {
  it('reads a brand pair as one vendor', () => {
    expect(vendorKeys('Rockwell Automation/Allen-Bradley')).toEqual(['rockwell automation']);
  });

  it('reads a list of vendors as several', () => {
    expect(vendorKeys('ABB, Phoenix Contact, Schneider Electric, Siemens, and WAGO')).toEqual([
      'abb',
      'phoenix contact',
      'schneider electric',
      'siemens',
      'wago',
    ]);
  });

  it('keeps "and" inside a company name and reads an acronym in brackets', () => {
    expect(vendorKeys('Hirschmann Automation and Control GmbH, Belden Inc.')).toEqual([
      'belden',
      'hirschmann',
    ]);
    expect(vendorKeys('Schweitzer Engineering Laboratories, Inc. (SEL)')).toEqual([
      'schweitzer engineering laboratories',
    ]);
    expect(vendorKeys('Dover Fueling Solutions (DFS)')).toEqual(['dfs', 'dover fueling solutions']);
  });
});
