/**
 * Opening the database at start: PostgreSQL may not be up yet (containers starting together) or
 * may be unreachable (a wrong port). Connection failures are retried with a growing pause for a
 * bounded time; then the start ends with one sentence naming DATABASE_URL (without credentials)
 * and the reason — never a pg-pool stack trace. Other failures (wrong password, missing database)
 * will not pass by waiting and end the start at once.
 */
import { sql } from 'kysely';
import { setTimeout as delay } from 'node:timers/promises';
import { Store, type StoreOptions } from './store.js';

/** Errors that may pass once the server is up: refused, unreachable, not resolvable yet, starting up or shutting down. */
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P03', '57P01', '08006', '08001']);

export class DatabaseUnavailable extends Error {}

export interface RetrySettings {
  /** How long to keep trying, in ms. */
  forMs: number;
  /** First pause; it doubles up to `maxPauseMs`. */
  firstPauseMs?: number;
  maxPauseMs?: number;
  /** Told of each failed attempt (for a log line). */
  onRetry?: (reason: string, pauseMs: number) => void;
}

/** DATABASE_URL as it may be shown: PostgreSQL's host, port and database, without user or password. */
export function shownUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  const parsed = new URL(url);
  return `postgres://${parsed.host}${parsed.pathname}`;
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  // Node's "connect ECONNREFUSED" for several addresses is an AggregateError with an empty message.
  const message = e.message || e.errors?.map((inner) => inner.message).join('; ') || String(error);
  return e.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

/** A refused or reset connection, or pg's "Connection terminated unexpectedly" (a server still starting or stopping). */
const isTransient = (error: unknown) => {
  const { code, message } = error as { code?: string; message?: string };
  return TRANSIENT.has(String(code ?? '')) || /^Connection terminated/.test(message ?? '');
};

/** The store, once the database answers a query; DatabaseUnavailable with one sentence when it will not. */
export async function openStoreWithRetry(url: string, options: StoreOptions, retry: RetrySettings): Promise<Store> {
  const deadline = Date.now() + retry.forMs;
  let pause = retry.firstPauseMs ?? 250;
  for (;;) {
    let store: Store | null = null;
    try {
      store = await Store.open(url, options);
      await sql`select 1`.execute(store.db);
      return store;
    } catch (error) {
      await store?.close().catch(() => {});
      const reason = reasonOf(error);
      if (!isTransient(error)) throw new DatabaseUnavailable(`DATABASE_URL ${shownUrl(url)} cannot be used: ${reason}`);
      if (Date.now() + pause > deadline) {
        throw new DatabaseUnavailable(`DATABASE_URL ${shownUrl(url)} could not be reached within ${Math.round(retry.forMs / 1000)} s: ${reason}`);
      }
      retry.onRetry?.(reason, pause);
      await delay(pause);
      pause = Math.min(pause * 2, retry.maxPauseMs ?? 5_000);
    }
  }
}
