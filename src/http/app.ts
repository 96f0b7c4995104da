/**
 * The Fastify application: built apart from the process (server.ts) so tests can run it on a
 * random port. Route groups are plugins; everything thrown becomes FPGO's envelope.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { IdSource } from '../reservations/ids.js';
import type { Clock } from '../reservations/ports.js';
import type { Store } from '../store/store.js';
import { AccessLog } from './access-log.js';
import { bearerToken, requireMerchant } from './auth.js';
import { handleError } from './error-handler.js';
import { idempotencyHooks } from './idempotency-hooks.js';
import { healthRoutes } from './health-routes.js';
import { registerOpenApi } from './openapi.js';
import { HttpProblem } from './problem.js';
import { sendRouteNotFound } from './reply.js';
import { reservationRoutes } from './reservation-routes.js';
import { testModeRoutes } from './test-mode-routes.js';
import { callbackRoutes } from './callback-routes.js';
import { lifecycleRoutes } from './lifecycle-routes.js';
import { checkoutRoutes } from '../checkout/checkout-routes.js';
import type { PaymentGateway } from '../gateway/gateway.js';

export interface AppDependencies {
  config: Pick<Config, 'publicBaseUrl' | 'rateLimitPerMinute' | 'idempotencyTtlMs' | 'idempotencyLockTimeoutMs'>;
  store: Store;
  gateway: PaymentGateway;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
}

const ONE_MIB = 1024 * 1024;

export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new AccessLog(),
    bodyLimit: ONE_MIB,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
  });
  // Validation happens in the operations (Laravel-style sentences); route schemas document the API.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);

  await registerOpenApi(app);
  await app.register(healthRoutes(deps.store));
  await app.register(merchantApi(deps), { prefix: '/api/v1' });
  await app.register(checkoutRoutes({ payments: deps.store.payments, gateway: deps.gateway, clock: deps.clock, ids: deps.ids }), { prefix: '/checkout' });

  app.setNotFoundHandler(async (_request, reply) => sendRouteNotFound(reply));
  return app;
}

/** Everything under /api/v1: rate-limited per token, then authenticated. */
function merchantApi(deps: AppDependencies) {
  return async function api(app: FastifyInstance): Promise<void> {
    const limit = deps.config.rateLimitPerMinute;
    if (limit > 0) {
      await app.register(rateLimit, {
        global: true,
        max: limit,
        timeWindow: 60_000,
        keyGenerator: (request) => bearerToken(request) ?? `ip:${request.ip}`,
        addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': false },
        addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': false, 'retry-after': true },
        errorResponseBuilder: () => new HttpProblem('tooManyRequests'),
      });
    }
    requireMerchant(app, deps.store.merchants);
    idempotencyHooks(app, {
      store: deps.store.idempotency,
      clock: deps.clock,
      ttlMs: deps.config.idempotencyTtlMs,
      lockTimeoutMs: deps.config.idempotencyLockTimeoutMs,
    });

    const paymentUrl = (token: string) => `${deps.config.publicBaseUrl}/checkout/${token}`;
    await app.register(reservationRoutes({ repository: deps.store, lifecycle: deps.store.lifecycle, clock: deps.clock, ids: deps.ids, paymentUrl }));
    await app.register(lifecycleRoutes({ lifecycle: deps.store.lifecycle, gateway: deps.gateway, clock: deps.clock, ids: deps.ids }));
    await app.register(callbackRoutes({ repository: deps.store.callbacks, clock: deps.clock }));
    await app.register(testModeRoutes({ repository: deps.store, payments: deps.store.payments, merchants: deps.store.merchants, gateway: deps.gateway, clock: deps.clock, ids: deps.ids }));

    app.setNotFoundHandler(limit > 0 ? { preHandler: app.rateLimit() } : {}, async (_request, reply) => sendRouteNotFound(reply));
  };
}
