/** Waiting for test receivers (HTTP, SMTP, an SMS gateway) to have received enough: woken by each arrival, never by polling. */
export class Arrivals {
  private readonly waiters = new Set<() => void>();

  /** The receiver calls this after it has stored what arrived. */
  arrived(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves with `received()` once it holds `count` items; rejects after `timeoutMs` with `shortfall(got)` as the message. */
  waitFor<T>(received: () => T[], count: number, timeoutMs: number, shortfall: (got: number) => string): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const items = received();
        if (items.length < count) return;
        done();
        resolve(items);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(shortfall(received().length)));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}
