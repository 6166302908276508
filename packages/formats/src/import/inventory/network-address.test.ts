import { describe, expect, it } from 'vitest';
import { normalizeMacAddress, parseIpAddress, splitAddresses } from './network-address';

describe('parseIpAddress', () => {
  it.each([
    ['10.10.20.11', '10.10.20.11'],
    [' 010.001.000.005 ', '10.1.0.5'],
    ['192.168.1.10/24', '192.168.1.10'],
    ['FE80::1%eth0', 'fe80::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8:0:0:0:0:0:1'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
  ])('reads %j as %s', (text, ip) => {
    expect(parseIpAddress(text)).toBe(ip);
  });

  it.each(['256.1.1.1', '10.0.0', 'host-1', '1:2:3', '1::2::3', '00:1D:9C:C8:12:01:', ''])(
    'rejects %j',
    (text) => {
      expect(parseIpAddress(text)).toBeUndefined();
    },
  );
});

describe('normalizeMacAddress', () => {
  it.each(['00:1D:9C:C8:12:01', '00-1d-9c-c8-12-01', '001d.9cc8.1201', '001D9CC81201'])(
    'reads %j',
    (text) => {
      expect(normalizeMacAddress(text)).toBe('00:1d:9c:c8:12:01');
    },
  );

  it.each(['00:1D:9C:C8:12', 'zz:1d:9c:c8:12:01', ''])('rejects %j', (text) => {
    expect(normalizeMacAddress(text)).toBeUndefined();
  });
});

describe('splitAddresses', () => {
  it('splits on commas, semicolons, bars and white space', () => {
    expect(splitAddresses('10.0.0.1, 10.0.0.2;10.0.0.3 | 10.0.0.4\n10.0.0.5')).toHaveLength(5);
  });
});
