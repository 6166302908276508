import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';

/**
 * The peer address of the request, for per-address login limits. Forwarded headers are not trusted: a client
 * could send any address in them. Requests without a socket (tests, other runtimes) share the key `unknown`.
 */
export const clientAddress = (c: Context<AppEnv>): string => {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
};
