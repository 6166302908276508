import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.5`) as plain IPv4, so lists compare alike. */
const normalise = (address: string): string => {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
};

/**
 * The client's address from the socket peer and `X-Forwarded-For`. The header is only believed when the peer is a
 * trusted proxy: then its hops are read from the right (nearest first), skipping trusted proxies, and the first
 * other address is the client. Anything that is not an IP address on the way stops the walk at the last proxy, so a
 * forged or garbled header can never put an arbitrary key in the login limits or the audit trail.
 */
export const clientAddressOf = (
  peer: string,
  forwardedFor: string | undefined,
  trustedProxies: readonly string[],
): string => {
  const trusted = new Set(trustedProxies.map(normalise));
  let current = normalise(peer);
  if (!trusted.has(current) || forwardedFor === undefined) return current;
  const hops = forwardedFor
    .split(',')
    .map(normalise)
    .filter((hop) => hop !== '');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    if (isIP(hop) === 0) return current;
    current = hop;
    if (!trusted.has(hop)) return hop;
  }
  return current;
};

/** A comma-separated list of proxy IP addresses (`--trust-proxy`, `ZONEWISE_TRUST_PROXY`); `source` names it. */
export const parseTrustedProxies = (text: string, source: string): string[] => {
  const addresses = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const wrong = addresses.filter((address) => isIP(normalise(address)) === 0);
  if (wrong.length > 0)
    throw new Error(
      `${source} "${wrong.join(', ')}": give the proxies' IP addresses, comma-separated (e.g. 127.0.0.1,10.0.0.5); ` +
        'address ranges are not accepted',
    );
  return addresses.map(normalise);
};

/**
 * The address of the request's client, for per-address login limits and the audit trail: the socket peer, or behind
 * a trusted proxy (settings `trustedProxies`) the client it forwarded for. Requests without a socket (tests, other
 * runtimes) share the key `unknown`.
 */
export const clientAddress = (c: Context<AppEnv>): string => {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
  return clientAddressOf(peer, c.req.header('x-forwarded-for'), c.get('deps').settings.trustedProxies);
};
