// @ts-nocheck
import type { DeliveryWorker, RecordedAttempt } from '../../src/callbacks/delivery-worker.js';

/** Resolves with the first `count` recorded attempts that match, as the worker stores them. */
export function recordedAttempts(worker: DeliveryWorker, match: (attempt: RecordedAttempt) => boolean, count: number, timeoutMs = 20_000): Promise<RecordedAttempt[]> {
  return new Promise((resolve, reject) => {
    const seen: RecordedAttempt[] = [];
    const listener = (attempt: RecordedAttempt) => {
      if (!match(attempt)) return;
      seen.push(attempt);
      if (seen.length === count) finish(() => resolve(seen));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`only ${seen.length} of ${count} attempts recorded within ${timeoutMs} ms`))), timeoutMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      worker.events.off('attempt', listener);
      settle();
    };
    worker.events.on('attempt', listener);
  });
}
