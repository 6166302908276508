import { describe, expect, it } from 'vitest';
import { clientAddressOf, parseTrustedProxies } from './client-address';

describe('clientAddressOf', () => {
  const trusted = ['10.0.0.5', '127.0.0.1'];

  it('takes the peer address when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
    expect(clientAddressOf('203.0.113.9', undefined, [])).toBe('203.0.113.9');
  });

  it('takes the nearest untrusted hop of X-Forwarded-For behind trusted proxies', () => {
    expect(clientAddressOf('10.0.0.5', '198.51.100.1', trusted)).toBe('198.51.100.1');
    // A client may put anything on the left; only hops added by trusted proxies count.
    expect(clientAddressOf('10.0.0.5', '1.2.3.4, 198.51.100.1, 127.0.0.1', trusted)).toBe('198.51.100.1');
    expect(clientAddressOf('::ffff:10.0.0.5', '2001:db8::7', trusted)).toBe('2001:db8::7');
  });

  it('falls back to the proxy when the header is missing, empty or not an address', () => {
    expect(clientAddressOf('10.0.0.5', undefined, trusted)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', ' , ', trusted)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '198.51.100.1, not-an-ip', trusted)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '127.0.0.1', trusted)).toBe('127.0.0.1');
  });
});

describe('parseTrustedProxies', () => {
  it('reads a comma-separated list of IP addresses', () => {
    expect(parseTrustedProxies('10.0.0.5, 127.0.0.1,::1', '--trust-proxy')).toEqual([
      '10.0.0.5',
      '127.0.0.1',
      '::1',
    ]);
    expect(parseTrustedProxies('', '--trust-proxy')).toEqual([]);
  });

  it('refuses anything that is not an IP address, naming the option', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8', 'ZONEWISE_TRUST_PROXY')).toThrow(
      /ZONEWISE_TRUST_PROXY.*10\.0\.0\.0\/8/,
    );
  });
});
