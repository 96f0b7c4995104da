/**
 * Delivers the callback outbox: the shared outbox loop (outbox-worker.ts) claims due callbacks; each
 * is signed, sent, its attempt recorded and its retry scheduled.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { CallbackRepository } from '../reservations/ports.js';
import type { AttemptResult, PendingCallback } from '../reservations/status-callback.js';
import { CALLBACK_TIMEOUT_MS } from './callback-sender.js';
import { OutboxWorker } from './outbox-worker.js';
import { afterAttempt } from './retry-schedule.js';
import { callbackParameters, callbackWebhookSignature, signedCallbackUrl } from './signature.js';

export interface CallbackTransport {
  send(url: string, headers: Record<string, string>): Promise<AttemptResult>;
}

export interface DeliveryWorkerOptions {
  repository: CallbackRepository;
  transport: CallbackTransport;
  /** Real time: retries and the `timestamp` parameter follow the wall clock, not a test clock. */
  clock: Clock;
  schedule: readonly number[];
  logger: Pick<Logger, 'warn' | 'info'>;
  /** Deliveries in flight at once (128 by default). */
  concurrency?: number;
  /**
   * Deliveries in flight at once for one merchant (a quarter of `concurrency` by default), so a
   * merchant whose receiver hangs holds a few slots, never all: everyone else's callbacks go on.
   */
  perMerchantConcurrency?: number;
  /** How often to look for due callbacks when nothing wakes the worker. */
  pollMs?: number;
  /**
   * How long a claim protects a delivery from other workers: longer than a delivery can take, and
   * as short as that allows, because a crashed worker's claims are only retaken when they run out.
   */
  leaseMs?: number;
  random?: () => number;
}

export interface RecordedAttempt {
  webhookId: string;
  reservationUuid: string;
  httpStatus: number | null;
  state: 'pending' | 'delivered' | 'failed';
}

export class DeliveryWorker {
  /** Emits 'attempt' (RecordedAttempt) once each attempt is stored: for metrics and tests. */
  readonly events = new EventEmitter<{ attempt: [RecordedAttempt] }>();
  private readonly loop: OutboxWorker<PendingCallback>;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.loop = new OutboxWorker({
      source: options.repository,
      deliver: (callback) => this.deliver(callback),
      kind: 'callbacks',
      clock: options.clock,
      logger: options.logger,
      leaseMs: options.leaseMs ?? CALLBACK_TIMEOUT_MS + 5_000,
      // A single busy merchant's callbacks keep pace with its payments on a quarter of these (32 at once).
      concurrency: options.concurrency ?? 128,
      perMerchantConcurrency: options.perMerchantConcurrency,
      pollMs: options.pollMs,
    });
  }

  start(): void {
    this.loop.start();
  }

  /** Stops claiming and waits for the deliveries in flight to be recorded. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  wake(): void {
    this.loop.wake();
  }

  private async deliver(callback: PendingCallback): Promise<void> {
    const sentAt = this.options.clock.now();
    // During a secret rotation's grace period the checksum (one value) keeps the old secret, so receivers that
    // have not switched yet still accept it, and webhook-signature carries both (Standard Webhooks' rotation).
    // The URL is exactly the one undici requests (WHATWG-normalized, percent-encoded): the webhook signature covers it.
    const url = new URL(signedCallbackUrl(callback.url, callbackParameters(callback, sentAt), callback.previousSecret ?? callback.secret)).href;
    const timestamp = Math.floor(sentAt / 1000);
    const signingSecrets = callback.previousSecret ? [callback.secret, callback.previousSecret] : [callback.secret];
    const result = await this.options.transport.send(url, {
      'webhook-id': callback.webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signingSecrets.map((secret) => callbackWebhookSignature(secret, callback.webhookId, timestamp, url)).join(' '),
    });
    const now = this.options.clock.now();
    const outcome = afterAttempt(callback.attemptsMade, result, this.options.schedule, now, (this.options.random ?? Math.random)());
    await this.options.repository.recordAttempt({ callbackId: callback.id, attemptedAt: sentAt, url, result, outcome });
    this.events.emit('attempt', { webhookId: callback.webhookId, reservationUuid: callback.reservationUuid, httpStatus: result.httpStatus, state: outcome.state });
    if (outcome.state === 'failed') {
      this.options.logger.warn(
        { webhookId: callback.webhookId, reservation: callback.reservationUuid, error: result.detail ?? result.error, httpStatus: result.httpStatus },
        'callback given up',
      );
    }
  }
}
