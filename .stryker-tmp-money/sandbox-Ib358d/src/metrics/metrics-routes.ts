/** `GET /metrics` in Prometheus' text format, and the latency of every request. */
// @ts-nocheck

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/** On the root instance, so every route is timed — by its pattern, never the raw URL (it may hold a checkout token). */
export function recordRequestLatency(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/** With a `token` (METRICS_TOKEN), scrapes must send it as a Bearer token. */
export function metricsRoutes(metrics: Metrics, token: string | null) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (token !== null && !sameToken(request.headers.authorization, `Bearer ${token}`)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ status: 'METRICS_TOKEN required' });
      }
      return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  };
}

function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
