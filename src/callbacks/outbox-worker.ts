/**
 * The delivery loop every outbox shares (callbacks, notifications): claims due items, hands each to
 * `deliver` (several at a time, a fair share per merchant), and claims again when a slot frees. It
 * wakes at once when a transaction enqueues an item and otherwise polls, so items left by a crashed
 * or another process are found too. What an item is and how it is sent is the caller's business;
 * `deliver` records its own outcome, and an item it leaves unrecorded is retaken when its claim runs out.
 */
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock.js';
import type { FairShare } from '../reservations/ports.js';

export interface OutboxSource<T> {
  claimDue(now: number, lockUntil: number, limit: number, fairShare?: FairShare): Promise<T[]>;
  /** Calls `listener` after a transaction that enqueued items commits; returns an unsubscribe. */
  onEnqueued(listener: () => void): () => void;
}

export interface OutboxWorkerOptions<T> {
  source: OutboxSource<T>;
  deliver(item: T): Promise<void>;
  /** What the log calls the items ("callbacks", "notifications"). */
  kind: string;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /**
   * Deliveries in flight at once for one merchant (a quarter of `concurrency` by default), so a
   * merchant whose receiver hangs holds a few slots, never all: everyone else's items go on.
   */
  perMerchantConcurrency?: number;
  /** How often to look for due items when nothing wakes the worker. */
  pollMs?: number;
  /**
   * How long a claim protects an item from other workers: longer than a delivery can take, and as
   * short as that allows, because a crashed worker's claims are only retaken when they run out.
   */
  leaseMs: number;
}

export class OutboxWorker<T extends { merchantId: string }> {
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

  constructor(private readonly options: OutboxWorkerOptions<T>) {
    this.concurrency = options.concurrency ?? 64;
    this.perMerchant = options.perMerchantConcurrency ?? Math.max(1, Math.floor(this.concurrency / 4));
    this.pollMs = options.pollMs ?? 1000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.source.onEnqueued(() => this.wake());
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
        const claimed = await this.options.source.claimDue(now, now + this.options.leaseMs, room, { perMerchant: this.perMerchant, busy: this.inFlightByMerchant });
        for (const item of claimed) void this.deliver(item);
      } while (this.claimAgain && this.running);
    } catch (error) {
      this.options.logger.warn({ err: error }, `claiming ${this.options.kind} failed; retrying on the next poll`);
    } finally {
      this.claiming = false;
      if (this.running) this.timer = setTimeout(() => this.wake(), this.pollMs);
      this.settleIfIdle();
    }
  }

  private async deliver(item: T): Promise<void> {
    this.inFlight++;
    this.inFlightByMerchant.set(item.merchantId, (this.inFlightByMerchant.get(item.merchantId) ?? 0) + 1);
    try {
      await this.options.deliver(item);
    } catch (error) {
      // The claim runs out and another attempt follows; nothing is lost.
      this.options.logger.warn({ err: error }, `recording an attempt of ${this.options.kind} failed`);
    } finally {
      this.inFlight--;
      const left = this.inFlightByMerchant.get(item.merchantId)! - 1;
      if (left > 0) this.inFlightByMerchant.set(item.merchantId, left);
      else this.inFlightByMerchant.delete(item.merchantId);
      // A freed slot, or a delivered item that held back a later one of the same reservation.
      this.wake();
      this.settleIfIdle();
    }
  }

  private settleIfIdle(): void {
    if (this.running || this.inFlight > 0 || this.claiming) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
