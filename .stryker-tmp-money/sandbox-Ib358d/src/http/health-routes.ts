/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers). */
// @ts-nocheck

import type { FastifyInstance } from 'fastify';

export function healthRoutes(store: { ping(): Promise<boolean> }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const hide = { hide: true };
    app.get('/healthz', { schema: hide }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: hide }, async (_request, reply) => {
      const ready = await store.ping();
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database unreachable' });
    });
  };
}
