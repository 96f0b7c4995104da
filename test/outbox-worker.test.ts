/**
 * The delivery loop shared by callbacks and notifications, driven directly (the HTTP tests reach it
 * only through receivers that wait for deliveries): how many it claims, the per-merchant share it
 * asks for, claiming again when a slot frees or a claim filled every slot, waking on an enqueue,
 * surviving a failing claim or delivery, and stopping only once deliveries in flight are recorded.
 * The source is an in-memory stand-in for the store's claim (whose SQL is tested on both databases).
 */
import { describe, expect, it } from 'vitest';
import type { FairShare } from '../src/reservations/ports.js';
import { OutboxWorker } from '../src/callbacks/outbox-worker.js';

interface Item {
  id: number;
  merchantId: string;
}

interface Claim {
  now: number;
  lockUntil: number;
  limit: number;
  perMerchant: number | undefined;
  busy: Record<string, number>;
}

/** Items waiting to be claimed; each claim is recorded and can be awaited. */
class Source {
  readonly waiting: Item[] = [];
  readonly claims: Claim[] = [];
  failNext: Error | null = null;
  /** While set, a claim waits for it (a claim on its way). */
  gate: Promise<void> | null = null;
  private listener: (() => void) | null = null;
  private claimWaiters: { count: number; resolve: () => void }[] = [];
  unsubscribed = false;

  async claimDue(now: number, lockUntil: number, limit: number, fairShare?: FairShare): Promise<Item[]> {
    this.claims.push({ now, lockUntil, limit, perMerchant: fairShare?.perMerchant, busy: Object.fromEntries(fairShare?.busy ?? []) });
    this.notifyClaims();
    if (this.gate) await this.gate;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const taken: Item[] = [];
    const perMerchant = new Map(fairShare?.busy ?? []);
    for (const item of [...this.waiting]) {
      if (taken.length === limit) break;
      const held = perMerchant.get(item.merchantId) ?? 0;
      if (fairShare && held >= fairShare.perMerchant) continue;
      perMerchant.set(item.merchantId, held + 1);
      taken.push(item);
      this.waiting.splice(this.waiting.indexOf(item), 1);
    }
    return taken;
  }

  onEnqueued(listener: () => void): () => void {
    this.listener = listener;
    return () => {
      this.unsubscribed = true;
      this.listener = null;
    };
  }

  enqueue(...items: Item[]): void {
    this.waiting.push(...items);
    this.listener?.();
  }

  /** Resolves once `count` claims have been made in all. */
  claimed(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.claimWaiters.push({ count, resolve });
      this.notifyClaims();
    });
  }

  private notifyClaims(): void {
    for (const waiter of this.claimWaiters.filter((w) => this.claims.length >= w.count)) {
      this.claimWaiters.splice(this.claimWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

/** Deliveries the test finishes by hand. */
class Deliveries {
  readonly started: Item[] = [];
  private readonly finishers = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private startWaiters: { count: number; resolve: () => void }[] = [];

  deliver = (item: Item): Promise<void> =>
    new Promise((resolve, reject) => {
      this.started.push(item);
      this.finishers.set(item.id, { resolve, reject });
      for (const waiter of this.startWaiters.filter((w) => this.started.length >= w.count)) {
        this.startWaiters.splice(this.startWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });

  /** Resolves once `count` deliveries have started in all. */
  startedCount(count: number): Promise<void> {
    if (this.started.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.startWaiters.push({ count, resolve }));
  }

  finish(id: number, error?: Error): void {
    const finisher = this.finishers.get(id)!;
    this.finishers.delete(id);
    if (error) finisher.reject(error);
    else finisher.resolve();
  }
}

function setUp(options: { concurrency?: number; perMerchantConcurrency?: number; pollMs?: number } = {}) {
  const source = new Source();
  const deliveries = new Deliveries();
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  let now = 1_000_000;
  const worker = new OutboxWorker<Item>({
    source,
    deliver: deliveries.deliver,
    kind: 'widgets',
    clock: { now: () => now },
    logger: { warn: ((fields: Record<string, unknown>, message: string) => warnings.push({ fields, message })) as never },
    leaseMs: 15_000,
    pollMs: options.pollMs ?? 60_000,
    ...options,
  });
  return { source, deliveries, warnings, worker, setNow: (ms: number) => (now = ms) };
}

const items = (merchantId: string, ...ids: number[]) => ids.map((id) => ({ id, merchantId }));

describe('the outbox delivery loop', () => {
  it('claims as many as it has free slots, leased from now, with a quarter of them per merchant by default', async () => {
    const { source, deliveries, worker } = setUp({ concurrency: 8 });
    source.enqueue(...items('MER1', 1, 2, 3), ...items('MER2', 4));
    worker.start();
    await deliveries.startedCount(3);
    expect(source.claims[0]).toEqual({ now: 1_000_000, lockUntil: 1_015_000, limit: 8, perMerchant: 2, busy: {} });
    expect(deliveries.started.map((item) => item.id)).toEqual([1, 2, 4]);
    for (const item of [...deliveries.started]) deliveries.finish(item.id);
    await worker.stop();
  });

  it('tells the claim how many deliveries each merchant has in flight, and claims again as soon as one ends', async () => {
    const { source, deliveries, worker } = setUp({ concurrency: 8 });
    source.enqueue(...items('MER1', 1, 2, 3));
    worker.start();
    await deliveries.startedCount(2);
    const claimsBefore = source.claims.length;
    deliveries.finish(1);
    await deliveries.startedCount(3);
    const after = source.claims[claimsBefore]!;
    // Item 2 was still in flight when the slot of item 1 freed.
    expect(after.busy).toEqual({ MER1: 1 });
    expect(after.limit).toBe(7);
    expect(deliveries.started.map((item) => item.id)).toEqual([1, 2, 3]);
    deliveries.finish(2);
    deliveries.finish(3);
    await worker.stop();
  });

  it('claims again when woken while a claim was on its way, and not otherwise', async () => {
    const { source, deliveries, worker } = setUp({ pollMs: 3_600_000 });
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    worker.start();
    await source.claimed(1);
    source.enqueue(...items('MER1', 1));
    open();
    await deliveries.startedCount(1);
    await source.claimed(2);
    expect(source.claims).toHaveLength(2);
    deliveries.finish(1);
    await source.claimed(3);
    await worker.stop();
    // The finished delivery freed a slot (one more claim); nothing else woke the loop (a poll is an hour away).
    expect(source.claims).toHaveLength(3);
  });

  it('keeps one merchant to its share while another merchant’s items go out', async () => {
    const { source, deliveries, worker } = setUp({ concurrency: 4, perMerchantConcurrency: 1 });
    source.enqueue(...items('SLOW', 1, 2, 3), ...items('FAST', 4, 5));
    worker.start();
    await deliveries.startedCount(2);
    expect(deliveries.started.map((item) => item.merchantId).sort()).toEqual(['FAST', 'SLOW']);
    deliveries.finish(4);
    await deliveries.startedCount(3);
    expect(deliveries.started[2]).toEqual({ id: 5, merchantId: 'FAST' });
    // SLOW's first delivery still hangs: none of its other items was started.
    expect(deliveries.started.filter((item) => item.merchantId === 'SLOW')).toHaveLength(1);
    deliveries.finish(1);
    deliveries.finish(5);
    await deliveries.startedCount(4);
    for (const item of deliveries.started.slice(3)) deliveries.finish(item.id);
    await deliveries.startedCount(5);
    deliveries.finish(deliveries.started[4]!.id);
    await worker.stop();
    expect(source.waiting).toEqual([]);
  });

  it('wakes when an item is enqueued, without waiting for its poll', async () => {
    const { source, deliveries, worker } = setUp({ pollMs: 3_600_000 });
    worker.start();
    await source.claimed(1);
    source.enqueue(...items('MER1', 7));
    await deliveries.startedCount(1);
    expect(deliveries.started).toEqual([{ id: 7, merchantId: 'MER1' }]);
    deliveries.finish(7);
    await worker.stop();
  });

  it('logs a failed claim with the kind of item, and claims again on its next poll', async () => {
    const { source, deliveries, warnings, worker } = setUp({ pollMs: 5 });
    source.failNext = new Error('database is locked');
    source.waiting.push(...items('MER1', 1));
    worker.start();
    await deliveries.startedCount(1);
    expect(warnings[0]!.message).toBe('claiming widgets failed; retrying on the next poll');
    expect((warnings[0]!.fields.err as Error).message).toBe('database is locked');
    deliveries.finish(1);
    await worker.stop();
  });

  it('logs a delivery that could not be recorded, frees its slot and goes on', async () => {
    const { source, deliveries, warnings, worker } = setUp({ concurrency: 1, perMerchantConcurrency: 1 });
    source.enqueue(...items('MER1', 1, 2));
    worker.start();
    await deliveries.startedCount(1);
    deliveries.finish(1, new Error('disk full'));
    await deliveries.startedCount(2);
    expect(warnings.map((w) => w.message)).toEqual(['recording an attempt of widgets failed']);
    expect((warnings[0]!.fields.err as Error).message).toBe('disk full');
    deliveries.finish(2);
    await worker.stop();
  });

  it('stops claiming on stop, stops listening for enqueues, and waits for the deliveries in flight', async () => {
    const { source, deliveries, worker } = setUp();
    source.enqueue(...items('MER1', 1));
    worker.start();
    await deliveries.startedCount(1);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    expect(source.unsubscribed).toBe(true);
    source.waiting.push(...items('MER1', 2));
    worker.wake();
    await Promise.resolve();
    expect(stopped).toBe(false);
    deliveries.finish(1);
    await stopping;
    expect(deliveries.started.map((item) => item.id)).toEqual([1]);
    expect(source.waiting).toEqual([{ id: 2, merchantId: 'MER1' }]);
  });

  it('starts once however often it is started', async () => {
    const { source, worker } = setUp();
    worker.start();
    worker.start();
    await source.claimed(1);
    await worker.stop();
    expect(source.claims).toHaveLength(1);
  });
});
