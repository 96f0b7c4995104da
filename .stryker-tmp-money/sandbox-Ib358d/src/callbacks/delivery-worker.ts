/**
 * Delivers the callback outbox: claims due callbacks, sends them (several at a time), records every
 * attempt, and schedules retries. It wakes at once when a transaction enqueues a callback and
 * otherwise polls, so callbacks left by a crashed or another process are found too.
 */
// @ts-nocheck

import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { CallbackRepository } from '../reservations/ports.js';
import type { AttemptResult, PendingCallback } from '../reservations/status-callback.js';
import { CALLBACK_TIMEOUT_MS } from './callback-sender.js';
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
  /** Deliveries in flight at once. */
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
  private inFlight = 0;
  /** Deliveries in flight per merchant (merchants with none are left out). */
  private readonly inFlightByMerchant = new Map<string, number>();
  private running = false;
  private claiming = false;
  private claimAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly concurrency: number;
  private readonly perMerchant: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.concurrency = options.concurrency ?? 64;
    this.perMerchant = options.perMerchantConcurrency ?? Math.max(1, Math.floor(this.concurrency / 4));
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? CALLBACK_TIMEOUT_MS + 5_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.repository.onEnqueued(() => this.wake());
    this.wake();
  }

  /** Stops claiming and waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.inFlight > 0 || this.claiming) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  wake(): void {
    if (!this.running) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    void this.claim();
  }

  private async claim(): Promise<void> {
    this.claiming = true;
    if (this.timer) clearTimeout(this.timer);
    try {
      do {
        this.claimAgain = false;
        const room = this.concurrency - this.inFlight;
        if (room <= 0 || !this.running) break;
        const now = this.options.clock.now();
        const claimed = await this.options.repository.claimDue(now, now + this.leaseMs, room, { perMerchant: this.perMerchant, busy: this.inFlightByMerchant });
        for (const callback of claimed) void this.deliver(callback);
        if (claimed.length === room) this.claimAgain = true;
      } while (this.claimAgain && this.running);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'claiming callbacks failed; retrying on the next poll');
    } finally {
      this.claiming = false;
      if (this.running) this.timer = setTimeout(() => this.wake(), this.pollMs);
      this.settleIfIdle();
    }
  }

  private async deliver(callback: PendingCallback): Promise<void> {
    this.inFlight++;
    this.inFlightByMerchant.set(callback.merchantId, (this.inFlightByMerchant.get(callback.merchantId) ?? 0) + 1);
    try {
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
    } catch (error) {
      // The claim runs out and another attempt follows; nothing is lost.
      this.options.logger.warn({ err: error, webhookId: callback.webhookId }, 'recording a callback attempt failed');
    } finally {
      this.inFlight--;
      const left = this.inFlightByMerchant.get(callback.merchantId)! - 1;
      if (left > 0) this.inFlightByMerchant.set(callback.merchantId, left);
      else this.inFlightByMerchant.delete(callback.merchantId);
      // A freed slot, or a delivered callback that held back a later one of the same reservation.
      this.wake();
      this.settleIfIdle();
    }
  }

  private settleIfIdle(): void {
    if (this.running || this.inFlight > 0 || this.claiming) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
