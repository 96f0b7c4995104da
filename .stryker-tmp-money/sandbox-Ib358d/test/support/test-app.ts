/** Runs the real application on 127.0.0.1 with a fresh database, for tests that talk HTTP to it. */
// @ts-nocheck

import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { DeliveryWorker } from '../../src/callbacks/delivery-worker.js';
import { TestGateway } from '../../src/gateway/test-gateway/test-gateway.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_TTL_MS } from '../../src/idempotency/idempotency.js';
import type { OidcSettings } from '../../src/identity/openid-connect.js';
import { systemClock, type Clock } from '../../src/kernel/clock.js';
import { randomIds, type IdSource } from '../../src/kernel/ids.js';
import { createMerchant } from '../../src/merchants/merchant-admin.js';
import { commitObserver, createMetrics } from '../../src/metrics/metrics.js';
import type { MerchantMode } from '../../src/reservations/merchant.js';
import type { PaymentGateway } from '../../src/reservations/ports.js';
import { buildApp, gatewaysOf, startCallbackDelivery, startReconciler } from '../../src/server.js';
import { Store } from '../../src/store/store.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { client } from './http.js';

export interface TestApp {
  baseUrl: string;
  store: Store;
  database: TestDatabase;
  app: FastifyInstance;
  /** The callback delivery worker, when the app was started with a retry schedule. */
  worker: DeliveryWorker | null;
  /** A new merchant and an API client authenticated as it. */
  merchant(name?: string, mode?: MerchantMode): Promise<TestMerchant>;
  close(): Promise<void>;
}

export interface TestMerchant {
  id: string;
  token: string;
  callbackSecret: string;
  api: ReturnType<typeof client>;
}

export interface TestAppOptions {
  clock?: Clock;
  /** Where ids come from (random by default). */
  ids?: IdSource;
  gateway?: PaymentGateway;
  /** The gateway of live merchants (none by default: they cannot be created). */
  liveGateway?: PaymentGateway;
  idempotencyTtlMs?: number;
  /** Runs the callback delivery worker with this retry schedule (ms); private addresses are allowed. */
  callbackRetrySchedule?: number[];
  rateLimitPerMinute?: number;
  metricsToken?: string;
  /** BankID over OpenID Connect (BANKID_OIDC_ISSUER and friends). */
  bankId?: OidcSettings;
  /** Where the server logs (silent by default). */
  logger?: Logger;
  requestTimeoutMs?: number;
  /** Runs the reconciler of pending money movements this often (ms), on the app's clock. */
  reconcileEveryMs?: number;
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.now()) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export async function startApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const metrics = createMetrics();
  const store = await Store.open(database.url, { committed: commitObserver(metrics) });
  await store.migrate();
  const clock = options.clock ?? systemClock;
  const config = {
    publicBaseUrl: 'http://placeholder',
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    idempotencyTtlMs: options.idempotencyTtlMs ?? DEFAULT_TTL_MS,
    idempotencyLockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS,
    metricsToken: options.metricsToken ?? null,
    requestTimeoutMs: options.requestTimeoutMs,
    bankId: options.bankId ?? null,
  };
  const logger = options.logger ?? pino({ level: 'silent' });
  const gateways = { gateway: options.gateway ?? new TestGateway(), liveGateway: options.liveGateway ?? null };
  const app = await buildApp(config, { store, ...gateways, clock, ids: options.ids ?? randomIds, logger, metrics });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const delivery = options.callbackRetrySchedule
    ? startCallbackDelivery({ allowPrivateCallbacks: true, callbackRetrySchedule: options.callbackRetrySchedule }, { store, clock, logger, metrics }, { pollMs: 200 })
    : null;
  const reconciler = options.reconcileEveryMs
    ? startReconciler({ lifecycle: store.lifecycle, gateways: gatewaysOf({ ...gateways, metrics }), clock, ids: options.ids ?? randomIds }, logger, options.reconcileEveryMs)
    : null;
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  config.publicBaseUrl = baseUrl;
  return {
    baseUrl,
    store,
    database,
    app,
    worker: delivery?.worker ?? null,
    async merchant(name = 'Test Merchant', mode = 'test') {
      const created = await createMerchant({ merchants: store.merchants, clock, ids: randomIds, gateways: gatewaysOf(gateways) }, { name, mode });
      return { id: created.merchant.id, token: created.apiToken, callbackSecret: created.merchant.callbackSecret, api: client(baseUrl, created.apiToken) };
    },
    async close() {
      if (reconciler) clearInterval(reconciler);
      await app.close();
      await delivery?.stop();
      await store.close();
      await database.drop();
    },
  };
}
