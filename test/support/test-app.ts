/** Runs the real application on 127.0.0.1 with a fresh database, for tests that talk HTTP to it. */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_TTL_MS } from '../../src/idempotency/idempotency.js';
import { CallbackSender } from '../../src/callbacks/callback-sender.js';
import { DeliveryWorker } from '../../src/callbacks/delivery-worker.js';
import type { PaymentGateway } from '../../src/gateway/gateway.js';
import { TestGateway } from '../../src/gateway/test-gateway/test-gateway.js';
import { createMerchant } from '../../src/merchants/merchant-admin.js';
import type { MerchantMode } from '../../src/merchants/merchant.js';
import { randomIds } from '../../src/reservations/ids.js';
import { systemClock, type Clock } from '../../src/reservations/ports.js';
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
  gateway?: PaymentGateway;
  idempotencyTtlMs?: number;
  /** Runs the callback delivery worker with this retry schedule (ms); private addresses are allowed. */
  callbackRetrySchedule?: number[];
  rateLimitPerMinute?: number;
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
  const store = await Store.open(database.url);
  await store.migrate();
  const clock = options.clock ?? systemClock;
  const config = {
    publicBaseUrl: 'http://placeholder',
    rateLimitPerMinute: options.rateLimitPerMinute ?? 0,
    idempotencyTtlMs: options.idempotencyTtlMs ?? DEFAULT_TTL_MS,
    idempotencyLockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS,
  };
  const app = await buildApp({ config, store, gateway: options.gateway ?? new TestGateway(), clock, ids: randomIds, logger: pino({ level: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const transport = new CallbackSender({ allowPrivate: true });
  const worker = options.callbackRetrySchedule
    ? new DeliveryWorker({ repository: store.callbacks, transport, clock, schedule: options.callbackRetrySchedule, logger: pino({ level: 'silent' }), pollMs: 200 })
    : null;
  worker?.start();
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  config.publicBaseUrl = baseUrl;
  return {
    baseUrl,
    store,
    database,
    app,
    worker,
    async merchant(name = 'Test Merchant', mode = 'test') {
      const created = await createMerchant({ merchants: store.merchants, clock, ids: randomIds }, { name, mode });
      return { id: created.merchant.id, token: created.apiToken, callbackSecret: created.merchant.callbackSecret, api: client(baseUrl, created.apiToken) };
    },
    async close() {
      await app.close();
      await worker?.stop();
      await transport.close();
      await store.close();
      await database.drop();
    },
  };
}
