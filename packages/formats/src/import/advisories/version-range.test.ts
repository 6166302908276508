import { describe, expect, it } from 'vitest';
import { checkVersion, compareVersions, parseVersion, parseVersionSpec } from './version-range';

const verdict = (spec: string, version: string | undefined) =>
  checkVersion(parseVersionSpec(spec), version === undefined ? undefined : parseVersion(version));

describe('parseVersion', () => {
  it.each([
    ['6.006', [6, 6]],
    ['V2.1', [2, 1]],
    ['FW 10.012', [10, 12]],
    ['Firmware V2.1.3', [2, 1, 3]],
    ['Rev 4.003', [4, 3]],
    ['Ver.9.1.0', [9, 1, 0]],
    ['V5.1 SP1 HF8', [5, 1, 'sp', 1, 'hf', 8]],
    ['V7.5_SP2_Update_15', [7, 5, 'sp', 2, 'update', 15]],
    ['1.29F', [1, 29, 'f']],
    ['2023 R2', [2023, 'r', 2]],
    ['MX-V5.1.0.99-r3', [5, 1, 0, 99, 'r', 3]],
    ['Series B FW 21.003', [21, 3]],
    ['01.02.29(09)', [1, 2, 29]],
  ])('reads %s', (text, segments) => {
    expect(parseVersion(text)?.segments).toEqual(segments);
  });

  it.each(['', 'unknown', 'The first 5 digits of serial No. 26061', 'PM554-TP-ETH', 'W2.1.NA', '8/30/2024'])(
    'refuses %j',
    (text) => {
      expect(parseVersion(text)).toBeUndefined();
    },
  );
});

describe('compareVersions', () => {
  it.each([
    ['2.0', '2', 0],
    ['V2.1', '2.1.0', 0],
    ['21.003', '21.004', -1],
    ['10.012', '10.10', 1],
    ['1.29', '1.29F', -1],
    ['1.000A', '1.033K', -1],
    ['V5.1', 'V5.1 SP1', -1],
    ['V5.1 SP1', 'V5.1 SP1 HF8', -1],
    ['3.10', '3.9', 1],
  ])('%s vs %s is %i', (a, b, order) => {
    const left = parseVersion(a);
    const right = parseVersion(b);
    expect(left && right && Math.sign(compareVersions(left, right))).toBe(order);
  });
});

describe('checkVersion on the forms CISA uses', () => {
  it.each([
    // every version
    ['vers:all/*', '6.006', 'in-range'],
    ['All versions', '1.0', 'in-range'],
    ['all versions', undefined, 'in-range'],
    // plain operators
    ['<=V2.1', '2.1', 'in-range'],
    ['<=V2.1', 'V2.1.1', 'out-of-range'],
    ['< 3.0', '2.9.9', 'in-range'],
    ['< 3.0', '3.0', 'out-of-range'],
    ['<= 10.10', 'FW 10.010', 'in-range'],
    ['<= 10.10', 'FW 10.012', 'out-of-range'],
    ['<V4.1.8', '4.1.7', 'in-range'],
    ['>= V7.80 < V9.30', '8.0', 'in-range'],
    ['>= V7.80 < V9.30', '9.30', 'out-of-range'],
    ['>= V7.80 < V9.30', '7.79', 'out-of-range'],
    ['>= V5.0 and < V6.4', '6.3', 'in-range'],
    ['> V1.0  and < V1.6', '1.0', 'out-of-range'],
    ['>=1.220|<=1.281', '1.281', 'in-range'],
    ['>=1.220|<=1.281', '1.300', 'out-of-range'],
    ['>=1.00A|<1.05F', '1.05E', 'in-range'],
    ['< V3.16 P002', 'V3.16 P001', 'in-range'],
    ['<V7.5_SP2_Update_15', 'V7.5 SP2 Update 14', 'in-range'],
    ['<V7.5_SP2_Update_15', 'V7.5 SP2 Update 15', 'out-of-range'],
    // VERS
    ['vers:all/<V3.5.20', '3.5.19', 'in-range'],
    ['vers:all/<V3.5.20', '3.5.20', 'out-of-range'],
    ['vers:all/>=V7.80<V9.40', '9.39', 'in-range'],
    ['vers:generic/<2.0.3', '2.0.2', 'in-range'],
    ['vers:generic/<2.0.3', '2.0.3', 'out-of-range'],
    ['vers:semver/>=1.0|<1.5', '1.4.9', 'in-range'],
    ['vers:semver/>=1.0|<1.5', '1.5.0', 'out-of-range'],
    ['vers:semver/>=1.0|<1.5', '0.9', 'out-of-range'],
    ['vers:generic/1.2.3|2.0.0', '2.0', 'in-range'],
    ['vers:generic/!=1.2.3', '1.2.4', 'in-range'],
    ['vers:generic/!=1.2.3', '1.2.3', 'out-of-range'],
    // prose
    ['V2.0 and prior', '2.0', 'in-range'],
    ['V2.0 and prior', '2.0.1', 'out-of-range'],
    ['v10.10 and earlier', '10.9', 'in-range'],
    ['3.0 and later', '3.1', 'in-range'],
    ['3.0 and later', '2.9', 'out-of-range'],
    ['prior to 3.0', '2.99', 'in-range'],
    ['All versions < V2.0 SP1', 'V2.0', 'in-range'],
    ['All versions < V2.0 SP1', 'V2.0 SP1', 'out-of-range'],
    ['All Versions < V4.3', '4.3', 'out-of-range'],
    // ranges, exact versions and wildcards
    ['1.0 - 2.3', '2.3', 'in-range'],
    ['1.0 - 2.3', '2.4', 'out-of-range'],
    ['12.0.1-12.0.13', '12.0.7', 'in-range'],
    ['5.028', '5.028', 'in-range'],
    ['5.028', '5.029', 'out-of-range'],
    ['V28', '28.0', 'in-range'],
    ['12.6.*', '12.6.3', 'in-range'],
    ['12.6.*', '12.7.0', 'out-of-range'],
    ['3.0.x', '3.0.11', 'in-range'],
    ['>= 4.4.0 (only affected by CVE-2019-10943)', '4.5', 'in-range'],
    // no asset version or an unreadable spec: unknown, never a guess
    ['< 3.0', undefined, 'unknown'],
    ['< 3.0', 'unknown', 'unknown'],
    ['<=The_first_5_digits_of_serial_No._"26061"', '1.0', 'unknown'],
    ['< V3.X.17', '3.1.2', 'unknown'],
    ['<8/30/2024', '1.0', 'unknown'],
    ['<V10.6.12_only_if_the_basic_authentication_mechanism_is_used', '10.0', 'unknown'],
    ['PM554-TP-ETH', '2.8', 'unknown'],
  ])('%j contains %j: %s', (spec, version, expected) => {
    expect(verdict(spec, version)).toBe(expected);
  });
});
