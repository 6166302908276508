import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { ZonewiseApp } from '../../app';

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['System'],
  summary: 'Liveness and database reachability',
  security: [],
  responses: {
    200: {
      description: 'The server answers and its database responds',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }),
        },
      },
    },
  },
});

/** `GET /api/health`: for load balancers and the start-up check. */
export const healthRoutes = (app: ZonewiseApp): void => {
  app.openapi(health, async (c) => {
    const { connection } = c.get('deps');
    await sql`select 1`.execute(connection.db);
    return c.json({ status: 'ok' as const, database: connection.dialect }, 200);
  });
};
