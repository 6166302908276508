import { describe, expect, it } from 'vitest';
import {
  coversRanges,
  findIpRanges,
  formatIp,
  formatIpRange,
  mergeRanges,
  parseIp,
  parseIpRange,
  subtractRanges,
} from './ip-range';

const cidr = (text: string) => {
  const range = parseIpRange(text);
  if (!range) throw new Error(text);
  return range;
};

describe('ip ranges', () => {
  it.each([
    ['10.30.0.2/24', '10.30.0.0/24'],
    ['10.0.0.7', '10.0.0.7/32'],
    ['10.0.0.0-10.0.0.255', '10.0.0.0/24'],
    ['10.0.0.20-10.0.0.10', '10.0.0.10-10.0.0.20'],
    ['fd00:1::1/64', 'fd00:1::/64'],
    ['::ffff:10.0.0.1', '::ffff:a00:1/128'],
    ['fe80::1%em0', 'fe80::1/128'],
  ])('reads %s as %s', (text, expected) => {
    expect(formatIpRange(cidr(text))).toBe(expected);
  });

  it.each(['10.0.0.256', '10.0.0.0/33', '1.2.3', 'lan', '1::2::3', '10.0.0.1/24/8', 'fd00::-10.0.0.1'])(
    'rejects %s',
    (text) => {
      expect(parseIpRange(text)).toBeUndefined();
    },
  );

  it('formats IPv6 in its short form', () => {
    expect(formatIp(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001') ?? { family: 6, value: 0n })).toBe(
      '2001:db8::1',
    );
    expect(formatIp(parseIp('2001:db8:0:1:0:0:0:1') ?? { family: 6, value: 0n })).toBe('2001:db8:0:1::1');
  });

  it('merges, subtracts and checks coverage', () => {
    expect(mergeRanges([cidr('10.0.1.0/24'), cidr('10.0.0.0/24')]).map(formatIpRange)).toEqual([
      '10.0.0.0/23',
    ]);
    expect(subtractRanges([cidr('10.0.0.0/24')], [cidr('10.0.0.0/25')]).map(formatIpRange)).toEqual([
      '10.0.0.128/25',
    ]);
    expect(coversRanges([cidr('10.0.0.0/25'), cidr('10.0.0.128/25')], [cidr('10.0.0.0/24')])).toBe(true);
    expect(coversRanges([cidr('10.0.0.0/25')], [cidr('10.0.0.0/24')])).toBe(false);
  });

  it('finds addresses in free text and ignores version numbers', () => {
    const text =
      'VLAN 50, 10.50.1.0/24 and host 10.50.9.7; PLCs 10.50.2.10 - 10.50.2.20; fd00:50::/64; firmware 1.2.3';
    expect(findIpRanges(text).map(formatIpRange)).toEqual([
      '10.50.1.0/24',
      '10.50.9.7/32',
      '10.50.2.10-10.50.2.20',
      'fd00:50::/64',
    ]);
  });
});
