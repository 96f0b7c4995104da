/**
 * Prometheus metrics (prom-client): one registry per server, the instruments fpgo records into, and
 * the gauges read when Prometheus scrapes. docs/operations.md lists them with the alerts to set.
 */
// @ts-nocheck

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxBacklog } from '../reservations/ports.js';

/** Latency buckets from 0.5 ms to 10 s: a create is a few ms, a gateway call or a callback up to seconds. */
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64];

export interface Metrics {
  registry: Registry;
  /** Outbox kind (callbacks, …) → how to read its backlog; read at each scrape. */
  outboxes: Map<string, () => Promise<OutboxBacklog>>;
  httpRequests: Histogram<'method' | 'route' | 'status_code'>;
  commitBatchSize: Histogram;
  commitDuration: Histogram;
  deliveries: Counter<'kind' | 'outcome'>;
  gatewayRequests: Histogram<'operation' | 'outcome'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const outboxes = new Map<string, () => Promise<OutboxBacklog>>();
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    outboxes,
    httpRequests: new Histogram({
      name: 'fpgo_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern and status.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: SECONDS,
      registers: [registry],
    }),
    commitBatchSize: new Histogram({
      name: 'fpgo_commit_batch_size',
      help: 'Pieces of work (requests) committed together in one transaction (group commit).',
      buckets: BATCH_SIZES,
      registers: [registry],
    }),
    commitDuration: new Histogram({
      name: 'fpgo_commit_duration_seconds',
      help: 'Time from the start of a group transaction to its durable commit.',
      buckets: SECONDS,
      registers: [registry],
    }),
    deliveries: new Counter({
      name: 'fpgo_outbox_deliveries_total',
      help: 'Delivery attempts by outbox kind and outcome (delivered, retry, failed).',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    gatewayRequests: new Histogram({
      name: 'fpgo_gateway_request_duration_seconds',
      help: 'Time the payment gateway took, by operation and outcome.',
      labelNames: ['operation', 'outcome'],
      buckets: SECONDS,
      registers: [registry],
    }),
  };
  const read = () => Promise.all([...outboxes].map(async ([kind, backlog]) => [kind, await backlog()] as const));
  new Gauge({
    name: 'fpgo_outbox_pending',
    help: 'Messages waiting in an outbox (due now or scheduled for a retry), by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      for (const [kind, backlog] of await read()) this.set({ kind }, backlog.pending);
    },
  });
  new Gauge({
    name: 'fpgo_outbox_oldest_due_seconds',
    help: 'How long the message due longest has waited for delivery, by outbox kind (0 when none is due).',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      for (const [kind, backlog] of await read()) this.set({ kind }, backlog.oldestDueMs / 1000);
    },
  });
  return metrics;
}

/** What the store reports of each commit, recorded. */
export function commitObserver(metrics: Metrics) {
  return (size: number, seconds: number): void => {
    metrics.commitBatchSize.observe(size);
    metrics.commitDuration.observe(seconds);
  };
}
