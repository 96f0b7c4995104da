/**
 * The composition root: the one place that picks implementations for the core's ports and wires
 * them into the HTTP server, the checkout, the callback delivery worker and the sweeper. `serve`
 * runs them as a process: migrate and create the demo merchant if asked, listen, and on
 * SIGTERM/SIGINT stop accepting, finish in-flight requests and close the database.
 */
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { CallbackSender } from './callbacks/callback-sender.js';
import { DeliveryWorker } from './callbacks/delivery-worker.js';
import { checkoutRoutes } from './checkout/checkout-routes.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import type { Config } from './config.js';
import { TestGateway } from './gateway/test-gateway/test-gateway.js';
import { healthRoutes } from './http/health-routes.js';
import { createHttpServer } from './http/http-server.js';
import { merchantApi, type ApiSettings } from './http/merchant-api.js';
import { systemClock } from './kernel/clock.js';
import { randomIds } from './kernel/ids.js';
import { createUser, sweepSignIns } from './merchants/dashboard-users.js';
import { createMerchant } from './merchants/merchant-admin.js';
import { generatePassword } from './merchants/passwords.js';
import type { Clock, IdSource, PaymentGateway } from './reservations/ports.js';
import { Store } from './store/store.js';

export interface ServeOptions {
  migrate: boolean;
  demoMerchant: boolean;
}

/** The implementations behind the ports; tests swap the clock or the gateway. */
export interface Services {
  store: Store;
  gateway: PaymentGateway;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
}

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}

/** The HTTP application: health, the merchant API under /api/v1, the hosted checkout under /checkout and the dashboard under /dashboard. */
export async function buildApp(settings: ApiSettings, services: Services): Promise<FastifyInstance> {
  const { store, gateway, clock, ids } = services;
  const app = await createHttpServer(services.logger);
  await app.register(healthRoutes(store));
  await app.register(
    merchantApi({
      settings,
      merchants: store.merchants,
      idempotency: store.idempotency,
      reservations: store.reservations,
      lifecycle: store.lifecycle,
      payments: store.payments,
      callbacks: store.callbacks,
      gateway,
      clock,
      ids,
    }),
    { prefix: '/api/v1' },
  );
  await app.register(checkoutRoutes({ reservations: store.reservations, payments: store.payments, gateway, clock, ids }), { prefix: '/checkout' });
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
      idempotency: store.idempotency,
      gateway,
      clock,
      ids,
    }),
    { prefix: '/dashboard' },
  );
  return app;
}

/** The callback delivery worker, sending over undici with the SSRF guard (unless private callbacks are allowed). */
export function startCallbackDelivery(
  config: Pick<Config, 'allowPrivateCallbacks' | 'callbackRetrySchedule'>,
  services: Pick<Services, 'store' | 'clock' | 'logger'>,
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
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await transport.close();
    },
  };
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const logger = createLogger(config.logLevel);
  const store = await Store.open(config.databaseUrl);
  if (options.migrate) {
    const applied = await store.migrate();
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  if (options.demoMerchant) await ensureDemoMerchant(store, config.publicBaseUrl);

  const services: Services = { store, gateway: new TestGateway(), clock: systemClock, ids: randomIds, logger };
  const app = await buildApp(config, services);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ database: store.label, publicBaseUrl: config.publicBaseUrl }, 'fpgo is serving');
  logger.flush();

  const sweeper = startExpirySweeper(store, logger);
  const callbacks = startCallbackDelivery(config, services);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    logger.flush();
    clearInterval(sweeper);
    await app.close();
    await callbacks.stop();
    await store.close();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
}

/**
 * How often unpaid reservations past their due date are stored as EXPIRED (they read as EXPIRED at
 * once anyway), and idempotency keys past their retention, ended dashboard sessions and old failed
 * sign-ins are forgotten.
 */
const EXPIRY_SWEEP_MS = 60_000;

function startExpirySweeper(store: Store, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    const now = systemClock.now();
    store.reservations.expireOverdue(now).then(
      (expired) => expired > 0 && logger.info({ expired }, 'expired unpaid reservations'),
      (error: unknown) => logger.warn({ err: error }, 'expiry sweep failed'),
    );
    store.idempotency.sweepExpired(now).then(
      (forgotten) => forgotten > 0 && logger.info({ forgotten }, 'forgot expired idempotency keys'),
      (error: unknown) => logger.warn({ err: error }, 'idempotency key sweep failed'),
    );
    sweepSignIns({ users: store.users, clock: systemClock }).catch((error: unknown) => logger.warn({ err: error }, 'session sweep failed'));
  }, EXPIRY_SWEEP_MS);
  timer.unref();
  return timer;
}

/** The dashboard user `npm start` creates with the demo merchant. */
export const DEMO_USER_EMAIL = 'demo@example.com';

/** On a database without merchants, creates a test-mode demo merchant with an admin user and prints their secrets once. */
async function ensureDemoMerchant(store: Store, publicBaseUrl: string): Promise<void> {
  if ((await store.merchants.count()) > 0) return;
  const { merchant, apiToken } = await createMerchant(
    { merchants: store.merchants, clock: systemClock, ids: randomIds },
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
