/**
 * The composition root: the one place that picks implementations for the core's ports and wires
 * them into the HTTP server, the checkout, the callback delivery worker and the sweeper. `serve`
 * runs them as a process: migrate and create the demo merchant if asked, listen, and on
 * SIGTERM/SIGINT stop accepting, finish in-flight requests and close the database.
 */
import type { FastifyInstance } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { CallbackSender } from './callbacks/callback-sender.js';
import { DeliveryWorker } from './callbacks/delivery-worker.js';
import { CALLBACK_PATH, TEST_PROVIDER_PAGE } from './checkout/bankid-routes.js';
import { checkoutRoutes } from './checkout/checkout-routes.js';
import { ConfigError, type Config } from './config.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import { loadLiveGateway } from './gateway/load-gateway.js';
import { TestGateway } from './gateway/test-gateway/test-gateway.js';
import { healthRoutes } from './http/health-routes.js';
import { createHttpServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from './http/http-server.js';
import { configuredTransports, merchantApi, type ApiSettings, type SharedLimits } from './http/merchant-api.js';
import { deliveryReportRoutes } from './notifications/delivery-report-routes.js';
import { DevOutboxTransport } from './notifications/dev-outbox-transport.js';
import { NotificationWorker } from './notifications/notification-worker.js';
import { SmsWebhookTransport } from './notifications/sms-webhook.js';
import { SmtpTransport } from './notifications/smtp-transport.js';
import { devOutboxRoutes } from './notifications/dev-outbox-routes.js';
import { systemClock } from './kernel/clock.js';
import { randomIds } from './kernel/ids.js';
import { createUser, sweepSignIns } from './merchants/dashboard-users.js';
import { createMerchant } from './merchants/merchant-admin.js';
import { OpenIdConnectProvider, type OidcSettings } from './identity/openid-connect.js';
import { BuiltInTestProvider } from './identity/test-provider.js';
import { instrumentedGateway } from './metrics/instrumented-gateway.js';
import { commitObserver, createMetrics, type Metrics } from './metrics/metrics.js';
import { metricsRoutes, recordRequestLatency } from './metrics/metrics-routes.js';
import { generatePassword } from './merchants/passwords.js';
import type { Clock, Gateways, IdSource, PaymentGateway } from './reservations/ports.js';
import { reconcileDue, type ReconcileDependencies } from './reservations/reconcile-movement.js';
import { paymentUrl } from './reservations/reservation.js';
import type { IdentityProviders } from './reservations/verify-identity.js';
import { openStoreWithRetry, shownUrl } from './store/open-with-retry.js';
import { Store } from './store/store.js';

export interface ServeOptions {
  migrate: boolean;
  demoMerchant: boolean;
}

/** The implementations behind the ports; tests swap the clock or the gateway. */
export interface Services {
  store: Store;
  /** The gateway of test merchants (the built-in test gateway). */
  gateway: PaymentGateway;
  /** The gateway of live merchants (GATEWAY); none: they can neither be created nor paid. */
  liveGateway?: PaymentGateway | null;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  metrics: Metrics;
  /** Rate-limit counters shared by every process (REDIS_URL). */
  sharedLimits?: SharedLimits | null;
}

/** What the HTTP application needs beyond the API's settings. */
export interface AppSettings extends ApiSettings, Partial<HttpLimits> {
  /** Bearer token `/metrics` asks for; null: open (bind it to a private interface). */
  metricsToken: string | null;
  /** BankID over OpenID Connect; without it test merchants get the built-in test provider. */
  bankId?: OidcSettings | null;
  /** The SMS gateway, whose signed delivery reports are accepted when it is configured. */
  smsWebhook?: { url: string; secret: string } | null;
}

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}

/** Test merchants pay through the test gateway, live merchants only through the live one; every call timed when `metrics` are kept. */
export function gatewaysOf(services: Pick<Services, 'gateway' | 'liveGateway'> & { metrics?: Metrics }): Gateways {
  const timed = (gateway: PaymentGateway) => (services.metrics ? instrumentedGateway(gateway, services.metrics.gatewayRequests) : gateway);
  const test = timed(services.gateway);
  const live = services.liveGateway ? timed(services.liveGateway) : null;
  return { forMerchant: (merchant) => (merchant.mode === 'test' ? test : live) };
}

/** The gateways the configuration names: the test gateway, and GATEWAY's for live merchants. */
export async function configuredGateways(config: Pick<Config, 'gateway'>): Promise<Required<Pick<Services, 'gateway' | 'liveGateway'>>> {
  try {
    return { gateway: new TestGateway(), liveGateway: await loadLiveGateway(config.gateway) };
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** The HTTP application: health, the merchant API under /api/v1, the hosted checkout under /checkout and the dashboard under /dashboard. */
export async function buildApp(settings: AppSettings, services: Services): Promise<FastifyInstance> {
  const { store, clock, ids, metrics } = services;
  const gateways = gatewaysOf(services);
  metrics.outboxes.set('callbacks', () => store.callbacks.backlog(systemClock.now()));
  metrics.outboxes.set('notifications', () => store.notifications.backlog(systemClock.now()));
  const app = await createHttpServer(services.logger, { requestTimeoutMs: settings.requestTimeoutMs ?? DEFAULT_HTTP_LIMITS.requestTimeoutMs });
  recordRequestLatency(app, metrics);
  await app.register(healthRoutes(store));
  await app.register(metricsRoutes(metrics, settings.metricsToken));
  await app.register(
    merchantApi({
      settings,
      merchants: store.merchants,
      idempotency: store.idempotency,
      reservations: store.reservations,
      lifecycle: store.lifecycle,
      ledger: store.ledger,
      payments: store.payments,
      callbacks: store.callbacks,
      notifications: store.notifications,
      devOutbox: store.notifications,
      gateways,
      clock,
      ids,
      sharedLimits: services.sharedLimits ?? null,
    }),
    { prefix: '/api/v1' },
  );
  await app.register(
    checkoutRoutes({
      reservations: store.reservations,
      payments: store.payments,
      gateways,
      clock,
      ids,
      merchants: store.merchants,
      logins: store.identityLogins,
      providers: identityProviders(settings),
      settings,
    }),
    { prefix: '/checkout' },
  );
  await app.register(
    dashboardRoutes({
      settings,
      users: store.users,
      merchants: store.merchants,
      search: store.search,
      reservations: store.reservations,
      lifecycle: store.lifecycle,
      payments: store.payments,
      callbacks: store.callbacks,
      notifications: store.notifications,
      idempotency: store.idempotency,
      gateways,
      clock,
      ids,
      transports: configuredTransports(settings),
    }),
    { prefix: '/dashboard' },
  );
  if (settings.smsWebhook) await app.register(deliveryReportRoutes({ notifications: store.notifications, secret: settings.smsWebhook.secret, clock: systemClock }));
  // Test merchants' messages land there while a channel has no transport.
  if (!settings.smtp || !settings.smsWebhook) await app.register(devOutboxRoutes({ outbox: store.notifications }));
  return app;
}

/** BankID over OpenID Connect when an issuer is configured; the built-in test provider always (it serves test merchants only). */
function identityProviders(settings: { publicBaseUrl: string; bankId?: OidcSettings | null }): IdentityProviders {
  return {
    oidc: settings.bankId ? new OpenIdConnectProvider(settings.bankId, () => `${settings.publicBaseUrl}${CALLBACK_PATH}`) : undefined,
    test: new BuiltInTestProvider(TEST_PROVIDER_PAGE),
  };
}

/** The callback delivery worker, sending over undici with the SSRF guard (unless private callbacks are allowed). */
export function startCallbackDelivery(
  config: Pick<Config, 'allowPrivateCallbacks' | 'callbackRetrySchedule'>,
  services: Pick<Services, 'store' | 'clock' | 'logger' | 'metrics'>,
  options: { pollMs?: number } = {},
): { worker: DeliveryWorker; stop(): Promise<void> } {
  const transport = new CallbackSender({ allowPrivate: config.allowPrivateCallbacks });
  const worker = new DeliveryWorker({
    repository: services.store.callbacks,
    transport,
    clock: services.clock,
    schedule: config.callbackRetrySchedule,
    logger: services.logger,
    ...options,
  });
  worker.events.on('attempt', (attempt) => {
    const outcome = attempt.state === 'pending' ? 'retry' : attempt.state;
    services.metrics.deliveries.inc({ kind: 'callbacks', outcome });
  });
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await transport.close();
    },
  };
}

/**
 * The notifications worker: email over SMTP_URL, SMS through SMS_WEBHOOK_URL, and test merchants'
 * messages on a channel without either to the development outbox.
 */
export function startNotificationDelivery(
  config: Pick<Config, 'smtp' | 'smsWebhook' | 'notificationRetrySchedule' | 'publicBaseUrl'>,
  services: Pick<Services, 'store' | 'clock' | 'logger' | 'metrics'>,
  options: { pollMs?: number } = {},
): { worker: NotificationWorker; stop(): Promise<void> } {
  const email = config.smtp ? new SmtpTransport(config.smtp.url, config.smtp.from) : null;
  const sms = config.smsWebhook ? new SmsWebhookTransport(config.smsWebhook.url, config.smsWebhook.secret, services.clock) : null;
  const { store } = services;
  const worker = new NotificationWorker({
    repository: store.notifications,
    reservations: store.reservations,
    merchants: store.merchants,
    transports: { email, sms },
    devOutbox: new DevOutboxTransport(store.notifications, services.clock),
    // Read when each message is rendered, so a test may set it once it knows its port.
    paymentUrl: (token) => paymentUrl(config.publicBaseUrl, token),
    clock: services.clock,
    schedule: config.notificationRetrySchedule,
    logger: services.logger,
    ...options,
  });
  worker.events.on('attempt', (attempt) => {
    services.metrics.deliveries.inc({ kind: 'notifications', outcome: attempt.status === 'queued' ? 'retry' : attempt.status });
  });
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      email?.close();
      await sms?.close();
    },
  };
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics();
  const store = await openStoreWithRetry(
    config.databaseUrl,
    { committed: commitObserver(metrics), secretsKey: config.secretsKey },
    {
      forMs: config.databaseConnectTimeoutMs,
      onRetry: (reason, pauseMs) => logger.warn({ database: shownUrl(config.databaseUrl), reason, retryInMs: pauseMs }, 'the database cannot be reached yet; retrying'),
    },
  );
  if (options.migrate) {
    const applied = await store.migrate();
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  await sealCallbackSecrets(store, logger);
  if (options.demoMerchant) await ensureDemoMerchant(store, gatewaysOf(await configuredGateways(config)), config.publicBaseUrl);

  const sharedLimits = config.redisUrl ? { redis: await openRedis(config.redisUrl, logger), keyPrefix: config.redisKeyPrefix } : null;
  const services: Services = { store, ...(await configuredGateways(config)), clock: systemClock, ids: randomIds, logger, metrics, sharedLimits };
  const app = await buildApp(config, services);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ database: store.label, publicBaseUrl: config.publicBaseUrl }, 'fpgo is serving');
  logger.flush();

  const sweeper = startExpirySweeper(store, logger);
  const reconciler = startReconciler({ lifecycle: store.lifecycle, gateways: gatewaysOf(services), clock: systemClock, ids: randomIds }, logger);
  const callbacks = startCallbackDelivery(config, services);
  const notifications = startNotificationDelivery(config, services);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    logger.flush();
    clearInterval(sweeper);
    clearInterval(reconciler);
    await app.close();
    await callbacks.stop();
    await notifications.stop();
    await store.close();
    sharedLimits?.redis.disconnect();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}

/** With SECRETS_KEY, callback secrets stored before it was set are encrypted now; without it, a database holding encrypted ones is refused. */
async function sealCallbackSecrets(store: Store, logger: Logger): Promise<void> {
  try {
    const sealed = await store.merchants.sealPlainSecrets();
    if (sealed > 0) logger.info({ merchants: sealed }, 'encrypted callback secrets stored in plain text (SECRETS_KEY)');
  } catch (error) {
    await store.close();
    throw new ConfigError((error as Error).message);
  }
}

/**
 * Redis for the shared rate limit. While it cannot be reached, requests are not limited rather
 * than refused (the limiter skips on errors), and a warning is logged once per outage.
 */
async function openRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error }, 'Redis (REDIS_URL) cannot be reached: requests are not rate-limited until it is back');
    down = true;
  });
  redis.on('ready', () => (down = false));
  // Serve with the shared counters from the first request, if Redis answers within a moment.
  await Promise.race([new Promise((resolve) => redis.once('ready', resolve)), delay(2_000, undefined, { ref: false })]);
  return redis;
}

/** How often pending money movements due for a lookup are looked up at the gateway (reconcile-movement.ts). */
const RECONCILE_EVERY_MS = 30_000;

export function startReconciler(deps: ReconcileDependencies, logger: Pick<Logger, 'info' | 'warn'>, everyMs = RECONCILE_EVERY_MS): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileDue(deps)
      .then(
        (results) => results.length > 0 && logger.info({ results }, 'looked up pending money movements'),
        (error: unknown) => logger.warn({ err: error }, 'looking up pending money movements failed'),
      )
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return timer;
}

/**
 * How often unpaid reservations past their due date are stored as EXPIRED (they read as EXPIRED at
 * once anyway), and idempotency keys past their retention, ended dashboard sessions and old failed
 * sign-ins are forgotten.
 */
const EXPIRY_SWEEP_MS = 60_000;

export function startExpirySweeper(
  store: Pick<Store, 'reservations' | 'idempotency' | 'users'>,
  logger: Pick<Logger, 'info' | 'warn'>,
  options: { clock?: Clock; everyMs?: number } = {},
): NodeJS.Timeout {
  const clock = options.clock ?? systemClock;
  const timer = setInterval(() => {
    const now = clock.now();
    store.reservations.expireOverdue(now).then(
      (expired) => expired > 0 && logger.info({ expired }, 'expired unpaid reservations'),
      (error: unknown) => logger.warn({ err: error }, 'expiry sweep failed'),
    );
    store.idempotency.sweepExpired(now).then(
      (forgotten) => forgotten > 0 && logger.info({ forgotten }, 'forgot expired idempotency keys'),
      (error: unknown) => logger.warn({ err: error }, 'idempotency key sweep failed'),
    );
    sweepSignIns({ users: store.users, clock }).catch((error: unknown) => logger.warn({ err: error }, 'session sweep failed'));
  }, options.everyMs ?? EXPIRY_SWEEP_MS);
  timer.unref();
  return timer;
}

/** The dashboard user `npm start` creates with the demo merchant. */
export const DEMO_USER_EMAIL = 'demo@example.com';

/** On a database without merchants, creates a test-mode demo merchant with an admin user and prints their secrets once. */
async function ensureDemoMerchant(store: Store, gateways: Gateways, publicBaseUrl: string): Promise<void> {
  if ((await store.merchants.count()) > 0) return;
  const { merchant, apiToken } = await createMerchant(
    { merchants: store.merchants, clock: systemClock, ids: randomIds, gateways },
    { name: 'Demo Merchant', mode: 'test' },
  );
  const password = generatePassword();
  const user = await createUser(
    { users: store.users, merchants: store.merchants, clock: systemClock },
    { merchantId: merchant.id, email: DEMO_USER_EMAIL, role: 'admin', password },
  );
  if (!user.ok) throw new Error(`the demo user could not be created: ${user.problem}`);
  process.stdout.write(
    `\nfpgo: created the demo merchant "${merchant.name}" (${merchant.id}, test mode). Shown once, keep them:\n` +
      `  Demo API token:  ${apiToken}\n` +
      `  Callback secret: ${merchant.callbackSecret}\n` +
      `  Dashboard:       ${publicBaseUrl}/dashboard\n` +
      `  Demo user:       ${DEMO_USER_EMAIL}\n` +
      `  Demo password:   ${password}\n\n`,
  );
}
