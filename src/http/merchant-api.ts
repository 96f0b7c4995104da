/** Everything under /api/v1: rate-limited per token, then authenticated, with Idempotency-Key on every POST. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type {
  CallbackRepository,
  Clock,
  IdempotencyRepository,
  IdSource,
  LifecycleRepository,
  MerchantRepository,
  PaymentGateway,
  PaymentRepository,
  ReservationRepository,
} from '../reservations/ports.js';
import { bearerToken, requireMerchant } from './auth.js';
import { callbackRoutes } from './callback-routes.js';
import { idempotencyHooks } from './idempotency-hooks.js';
import { lifecycleRoutes } from './lifecycle-routes.js';
import { HttpProblem } from './problem.js';
import { sendRouteNotFound } from './reply.js';
import { reservationRoutes } from './reservation-routes.js';
import { testModeRoutes } from './test-mode-routes.js';

export interface ApiSettings {
  /** Read on every create, so a test may set it once it knows its port. */
  publicBaseUrl: string;
  /** Requests per minute per API token; 0 turns the limit off. */
  rateLimitPerMinute: number;
  idempotencyTtlMs: number;
  idempotencyLockTimeoutMs: number;
  /** BankID over OpenID Connect, when configured (live merchants' secureDetails needs it). */
  bankId?: { issuer: string } | null;
}

export interface MerchantApiDependencies {
  settings: ApiSettings;
  merchants: MerchantRepository;
  idempotency: IdempotencyRepository;
  reservations: ReservationRepository;
  lifecycle: LifecycleRepository;
  payments: PaymentRepository;
  callbacks: CallbackRepository;
  gateway: PaymentGateway;
  clock: Clock;
  ids: IdSource;
}

export function merchantApi(deps: MerchantApiDependencies) {
  return async function api(app: FastifyInstance): Promise<void> {
    const limit = deps.settings.rateLimitPerMinute;
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
    requireMerchant(app, deps.merchants);
    idempotencyHooks(app, {
      store: deps.idempotency,
      clock: deps.clock,
      ttlMs: deps.settings.idempotencyTtlMs,
      lockTimeoutMs: deps.settings.idempotencyLockTimeoutMs,
    });

    const { reservations, lifecycle, payments, merchants, callbacks, gateway, clock, ids } = deps;
    const paymentUrl = (token: string) => `${deps.settings.publicBaseUrl}/checkout/${token}`;
    await app.register(reservationRoutes({ reservations, lifecycle, clock, ids, paymentUrl, identityProviderConfigured: !!deps.settings.bankId }));
    await app.register(lifecycleRoutes({ lifecycle, gateway, clock, ids }));
    await app.register(callbackRoutes({ callbacks, clock }));
    await app.register(testModeRoutes({ reservations, payments, merchants, gateway, clock, ids }));

    app.setNotFoundHandler(limit > 0 ? { preHandler: app.rateLimit() } : {}, async (_request, reply) => sendRouteNotFound(reply));
  };
}
