/**
 * `/metrics` shows an operator what fpgo does, in Prometheus' format and naming: request latency by
 * route pattern, group-commit batch sizes and times, the callback outbox, deliveries and gateway
 * calls, and the Node runtime — with real values after real traffic.
 */
// @ts-nocheck

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedAttempts } from './support/attempts.js';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith, primaryExample } from './support/fixtures.js';
import { API } from './support/reservations.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** `name{labels} value` lines → value by series. */
function series(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (\S+)$/i.exec(line);
    if (match) values.set(match[1]!, Number(match[2]));
  }
  return values;
}

describe(`Prometheus metrics (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let m: TestMerchant;
  let receiver: Receiver;

  beforeAll(async () => {
    [t, receiver] = await Promise.all([startApp({ callbackRetrySchedule: [60_000], metricsToken: METRICS_TOKEN }), startReceiver()]);
    m = await t.merchant();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const scrape = async () => {
    const response = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('asks for METRICS_TOKEN when one is set', async () => {
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  });

  it('counts requests, commits, gateway calls and deliveries after real traffic', async () => {
    const delivered = recordedAttempts(t.worker!, (a) => a.httpStatus === 200, 1);
    for (let i = 0; i < 3; i++) expect((await m.api.post(`${API}/create`, primaryExample())).status).toBe(201);
    const created = await m.api.post(`${API}/create`, exampleWith((b) => (b.callback.callbackUrl = `${receiver.url}/cb`)));
    const uuid = created.json.data.reservationUuid;
    expect((await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
    expect((await m.api.get(`${API}/details/${uuid}`)).status).toBe(200);
    await fetch(created.json.data.paymentUrl);
    await delivered;

    const text = await scrape();
    const values = series(text);
    expect(values.get('fpgo_http_request_duration_seconds_count{method="POST",route="/api/v1/connect/reservations/create",status_code="201"}')).toBe(4);
    expect(values.get('fpgo_http_request_duration_seconds_count{method="GET",route="/api/v1/connect/reservations/details/:uuid",status_code="200"}')).toBe(1);
    // The checkout is timed by its pattern: the token, the customer's credential, never appears.
    expect(values.get('fpgo_http_request_duration_seconds_count{method="GET",route="/checkout/:token",status_code="200"}')).toBe(1);
    expect(text).not.toContain(created.json.data.paymentUrl.split('/').at(-1));
    expect(values.get('fpgo_commit_batch_size_count')).toBeGreaterThanOrEqual(5);
    expect(values.get('fpgo_commit_duration_seconds_sum')).toBeGreaterThan(0);
    expect(values.get('fpgo_gateway_request_duration_seconds_count{operation="authorize",outcome="approved"}')).toBe(1);
    expect(values.get('fpgo_outbox_deliveries_total{kind="callbacks",outcome="delivered"}')).toBe(1);
    expect(values.get('fpgo_outbox_pending{kind="callbacks"}')).toBe(0);
    expect(values.get('fpgo_outbox_oldest_due_seconds{kind="callbacks"}')).toBe(0);
    expect(values.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(values.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('shows the callback backlog while a receiver is down', async () => {
    const failed = recordedAttempts(t.worker!, (a) => a.httpStatus === null, 1);
    const created = await m.api.post(`${API}/create`, exampleWith((b) => (b.callback.callbackUrl = 'http://127.0.0.1:9/down')));
    await m.api.post(`/api/v1/test/reservations/${created.json.data.reservationUuid}/pay`, { cardNumber: '4111111111111111' });
    await failed;
    const values = series(await scrape());
    expect(values.get('fpgo_outbox_pending{kind="callbacks"}')).toBe(1);
    expect(values.get('fpgo_outbox_deliveries_total{kind="callbacks",outcome="retry"}')).toBe(1);
    // Its retry is a minute away: waiting, but not yet due.
    expect(values.get('fpgo_outbox_oldest_due_seconds{kind="callbacks"}')).toBe(0);
  });

  it('names every metric as Prometheus asks: counters end in _total, times are in _seconds', async () => {
    const names = [...(await scrape()).matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
    const ours = names.filter(({ name }) => name.startsWith('fpgo_'));
    expect(ours.length).toBeGreaterThanOrEqual(7);
    for (const { name, type } of ours) {
      if (type === 'counter') expect(name).toMatch(/_total$/);
      if (name.includes('duration') || name.includes('oldest')) expect(name).toMatch(/_seconds$/);
    }
  });
});
