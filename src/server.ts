/**
 * The server process: open the store, optionally migrate and create the demo merchant, listen,
 * and on SIGTERM/SIGINT stop accepting, finish in-flight requests and close the database.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { createMerchant } from './merchants/merchant-admin.js';
import { CallbackSender } from './callbacks/callback-sender.js';
import { DeliveryWorker } from './callbacks/delivery-worker.js';
import { TestGateway } from './gateway/test-gateway/test-gateway.js';
import { randomIds } from './reservations/ids.js';
import { systemClock } from './reservations/ports.js';
import { Store } from './store/store.js';

export interface ServeOptions {
  migrate: boolean;
  demoMerchant: boolean;
}

export function createLogger(level: Config['logLevel']): Logger {
  return pino(
    { level },
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

export async function serve(config: Config, options: ServeOptions): Promise<void> {
  const logger = createLogger(config.logLevel);
  const store = await Store.open(config.databaseUrl);
  if (options.migrate) {
    const applied = await store.migrate();
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  if (options.demoMerchant) await ensureDemoMerchant(store);

  const app = await buildApp({ config, store, gateway: new TestGateway(), clock: systemClock, ids: randomIds, logger });
  await app.listen({ port: config.port, host: config.host });
  logger.info({ database: store.handle.label, publicBaseUrl: config.publicBaseUrl }, 'fpgo is serving');
  logger.flush();

  const sweeper = startExpirySweeper(store, logger);
  const transport = new CallbackSender({ allowPrivate: config.allowPrivateCallbacks });
  const callbacks = new DeliveryWorker({ repository: store.callbacks, transport, clock: systemClock, schedule: config.callbackRetrySchedule, logger });
  callbacks.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    logger.flush();
    clearInterval(sweeper);
    await app.close();
    await callbacks.stop();
    await transport.close();
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
 * once anyway) and idempotency keys past their retention are forgotten.
 */
const EXPIRY_SWEEP_MS = 60_000;

function startExpirySweeper(store: Store, logger: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    const now = systemClock.now();
    store.payments.expireOverdue(now).then(
      (expired) => expired > 0 && logger.info({ expired }, 'expired unpaid reservations'),
      (error: unknown) => logger.warn({ err: error }, 'expiry sweep failed'),
    );
    store.idempotency.sweepExpired(now).then(
      (forgotten) => forgotten > 0 && logger.info({ forgotten }, 'forgot expired idempotency keys'),
      (error: unknown) => logger.warn({ err: error }, 'idempotency key sweep failed'),
    );
  }, EXPIRY_SWEEP_MS);
  timer.unref();
  return timer;
}

/** On a database without merchants, creates a test-mode demo merchant and prints its secrets once. */
async function ensureDemoMerchant(store: Store): Promise<void> {
  if ((await store.merchants.count()) > 0) return;
  const { merchant, apiToken } = await createMerchant(
    { merchants: store.merchants, clock: systemClock, ids: randomIds },
    { name: 'Demo Merchant', mode: 'test' },
  );
  process.stdout.write(
    `\nfpgo: created the demo merchant "${merchant.name}" (${merchant.id}, test mode). Shown once, keep them:\n` +
      `  Demo API token:  ${apiToken}\n` +
      `  Callback secret: ${merchant.callbackSecret}\n\n`,
  );
}
