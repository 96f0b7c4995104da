/** Everything under /api/v1: rate-limited, then authenticated, with Idempotency-Key on every POST. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { hashToken } from '../merchants/tokens.js';
import type {
  CallbackRepository,
  Clock,
  DevOutbox,
  IdempotencyRepository,
  IdSource,
  LedgerRepository,
  LifecycleRepository,
  Gateways,
  MerchantRepository,
  NotificationRepository,
  PaymentRepository,
  ReservationRepository,
} from '../reservations/ports.js';
import { gatewayOf } from '../reservations/no-gateway.js';
import type { MessageTransports } from '../reservations/notification.js';
import { paymentUrl } from '../reservations/reservation.js';
import { bearerToken, requireMerchant } from './auth.js';
import { callbackRoutes } from './callback-routes.js';
import { notificationRoutes } from './notification-routes.js';
import { idempotencyHooks } from './idempotency-hooks.js';
import { ledgerRoutes } from './ledger-routes.js';
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
  /** Email over SMTP (SMTP_URL), when configured: live merchants' sendOrderBy.email needs it. */
  smtp?: { url: string } | null;
  /** SMS through the webhook (SMS_WEBHOOK_URL), when configured: live merchants' sendOrderBy.sms needs it. */
  smsWebhook?: { url: string } | null;
}

/** Which channels have a real transport. */
export function configuredTransports(settings: Pick<ApiSettings, 'smtp' | 'smsWebhook'>): MessageTransports {
  return { email: !!settings.smtp, sms: !!settings.smsWebhook };
}

/** Where every server process counts requests together (REDIS_URL); without it, each counts its own. */
export interface SharedLimits {
  redis: Redis;
  /** Prefix of every key fpgo writes to Redis. */
  keyPrefix: string;
}

/** Counters kept by one process: a flood of new keys evicts the least recently used, never beyond this. */
const LOCAL_COUNTERS = 10_000;

export interface MerchantApiDependencies {
  settings: ApiSettings;
  merchants: MerchantRepository;
  idempotency: IdempotencyRepository;
  reservations: ReservationRepository;
  lifecycle: LifecycleRepository;
  ledger: LedgerRepository;
  payments: PaymentRepository;
  callbacks: CallbackRepository;
  notifications: NotificationRepository;
  devOutbox: Pick<DevOutbox, 'find'>;
  gateways: Gateways;
  clock: Clock;
  ids: IdSource;
  sharedLimits?: SharedLimits | null;
}

/**
 * The budget a request counts against, found without the database: its token's, when that token
 * authenticated recently (the merchant cache knows it); otherwise its client address's, so random
 * or missing tokens cannot cost a lookup each, nor open a fresh budget each.
 */
function rateLimitKey(merchants: Pick<MerchantRepository, 'isKnownToken'>) {
  return (request: FastifyRequest): string => {
    const token = bearerToken(request);
    const hash = token ? hashToken(token) : null;
    return hash && merchants.isKnownToken(hash) ? `token:${hash}` : `ip:${request.ip}`;
  };
}

export function merchantApi(deps: MerchantApiDependencies) {
  return async function api(app: FastifyInstance): Promise<void> {
    const limit = deps.settings.rateLimitPerMinute;
    if (limit > 0) {
      await app.register(rateLimit, {
        global: true,
        max: limit,
        timeWindow: 60_000,
        keyGenerator: rateLimitKey(deps.merchants),
        ...(deps.sharedLimits
          ? { redis: deps.sharedLimits.redis, nameSpace: `${deps.sharedLimits.keyPrefix}rate-limit:`, skipOnError: true }
          : { cache: LOCAL_COUNTERS }),
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

    const { reservations, lifecycle, payments, merchants, callbacks, gateways, clock, ids } = deps;
    const transports = configuredTransports(deps.settings);
    await app.register(reservationRoutes({ reservations, lifecycle, clock, ids, paymentUrl: (token) => paymentUrl(deps.settings.publicBaseUrl, token), identityProviderConfigured: !!deps.settings.bankId, transports }));
    await app.register(lifecycleRoutes({ lifecycle, gateways, clock, ids, transports }));
    await app.register(callbackRoutes({ callbacks, clock }));
    await app.register(notificationRoutes({ notifications: deps.notifications, devOutbox: deps.devOutbox }));
    await app.register(ledgerRoutes({ ledger: deps.ledger, clock }));
    // Test mode is for test merchants only, and so is the test gateway.
    await app.register(testModeRoutes({ reservations, payments, merchants, gateway: gatewayOf(gateways, { mode: 'test' }), clock, ids }));

    app.setNotFoundHandler(limit > 0 ? { preHandler: app.rateLimit() } : {}, async (_request, reply) => sendRouteNotFound(reply));
  };
}
