import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/**
 * Runs the rest of the request on one pooled PostgreSQL connection: every statement it sends (identifying the caller,
 * then the write) goes through that connection instead of queueing for the pool once per statement. Under load
 * the wait for a pooled connection is most of a request's latency, so a request of two statements waited twice as
 * long as a read of one. For the short one-entity writes only: the connection is held while the request runs,
 * also while it validates the body. On SQLite (one in-process connection behind a mutex) it would hold the mutex
 * for the whole request, so it does nothing there.
 */
export const onOneConnection: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  if (deps.store.dialect !== 'postgres') {
    await next();
    return;
  }
  await deps.store.db.connection().execute(async (db) => {
    c.set('deps', { ...deps, store: { ...deps.store, db } });
    await next();
  });
};
