/**
 * Group commit: writes that arrive while a commit is on its way to disk wait and are committed
 * together in the next transaction, so one fsync serves many requests. Each caller's promise
 * settles only once its own transaction is durable. If a shared transaction fails (one bad
 * write, a lost connection), each write of that group is retried alone, so one failure never
 * fails its neighbours — unless the failure came after the transaction took effect.
 */
import { atEndOfTurn } from '../kernel/end-of-turn.js';

export interface GroupCommitOptions<T> {
  /**
   * Commits all items in one transaction; resolves once it is durable. Calls `committed` as soon as
   * the transaction is committed, before it is on disk: the next group may then begin while this
   * one's flush runs (the flush is what takes longest, and one flush can cover both).
   */
  commitGroup(items: T[], committed: () => void): Promise<void>;
  /** Commits one item in its own transaction (after its group failed). */
  commitOne(item: T): Promise<void>;
  /** Most items per transaction. */
  maxGroupSize: number;
  /** Transactions allowed in flight at once, counted until each is committed (not until it is durable). */
  maxConcurrentCommits: number;
  /** Errors raised after the group's transaction took effect: its items must not be committed again. */
  committedAnyway?(error: unknown): boolean;
}

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

export class GroupCommit<T> {
  private queue: Pending<T>[] = [];
  /** Groups sent and not yet committed: what maxConcurrentCommits bounds. */
  private inFlight = 0;
  /** Groups sent and not yet settled (committed and durable, or failed). */
  private unsettled = 0;
  private flushScheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: GroupCommitOptions<T>) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Resolves once everything submitted so far is committed or failed. */
  drain(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.unsettled === 0 && !this.flushScheduled;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.inFlight >= this.options.maxConcurrentCommits) return;
    this.flushScheduled = true;
    // Every request read from the sockets in this turn joins the group, also those whose bodies wait
    // to be parsed and validated together at the turn's end (src/kernel/end-of-turn.ts).
    atEndOfTurn(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxConcurrentCommits) {
      const group = this.queue.splice(0, this.options.maxGroupSize);
      this.inFlight++;
      this.unsettled++;
      let slotFreed = false;
      const freeSlot = () => {
        if (slotFreed) return;
        slotFreed = true;
        this.inFlight--;
        if (this.queue.length > 0) this.scheduleFlush();
      };
      void this.commit(group, freeSlot).finally(() => {
        freeSlot();
        this.unsettled--;
        if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private async commit(group: Pending<T>[], committed: () => void): Promise<void> {
    try {
      await this.options.commitGroup(group.map((p) => p.item), committed);
      for (const p of group) p.resolve();
    } catch (groupError) {
      if (group.length === 1 || this.options.committedAnyway?.(groupError)) {
        for (const p of group) p.reject(groupError);
        return;
      }
      for (const p of group) {
        try {
          await this.options.commitOne(p.item);
          p.resolve();
        } catch (error) {
          p.reject(error);
        }
      }
    }
  }
}
