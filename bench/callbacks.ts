/**
 * Callback delivery: how many RESERVED callbacks per second fpgo delivers to a local receiver, and
 * the delay from the state change (the pay call's answer) to the callback's arrival — next to a
 * baseline of raw GETs per second from an undici Pool to the same receiver, in the same run.
 *
 *   npm run bench:callbacks                      # 2,000 reservations on SQLite
 *   BENCH_RESERVATIONS=5000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:callbacks
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool, request } from 'undici';
import { freePort, startChild } from './support.js';

const N = Number(process.env.BENCH_RESERVATIONS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

const arrivals = new Map<string, number>();
const receiver = createServer((req, res) => {
  const orderUuid = new URLSearchParams((req.url ?? '').split('?')[1]).get('orderUuid');
  if (orderUuid && !arrivals.has(orderUuid)) arrivals.set(orderUuid, performance.now());
  res.writeHead(200);
  res.end('ok');
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

async function baseline(seconds: number): Promise<number> {
  const pool = new Pool(receiverUrl, { connections: 32 });
  let count = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < until) {
        const r = await pool.request({ path: '/baseline?x=1', method: 'GET' });
        await r.body.dump();
        count++;
      }
    }),
  );
  await pool.close();
  return count / seconds;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  await baseline(1);
  const rawPerSecond = await baseline(5);

  const dir = mkdtempSync(join(tmpdir(), 'fpgo-bench-callbacks-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startChild(
    process.execPath,
    ['bin/fpgo.mjs', 'start'],
    {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'fpgo.sqlite')}`,
      PUBLIC_BASE_URL: base,
      RATE_LIMIT_PER_MINUTE: '0',
      ALLOW_PRIVATE_CALLBACKS: 'true',
    },
    /fpgo is serving/,
  );
  try {
    const token = /Demo API token:\s+(\S+)/.exec(server.output())?.[1];
    if (!token) throw new Error('the server printed no demo token (use a fresh database)');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const due = String(Math.floor(Date.now() / 1000) + 7 * 86400);
    const body = (i: number) =>
      JSON.stringify({
        customerDetails: { type: 'private', countryCode: '+47', msisdn: '46567468', email: 'nafees@yopmail.com', name: 'Nafees', preferredLanguage: 'en', address: { street: 'Dhaka', zip: '3500', city: 'Cumilla', country: 'NO' } },
        orderDate: '1724294524', dueDateForPaymentLink: due, sendOrderBy: { sms: false, email: false },
        products: { 0: { name: 'Test', rate: 1000, tax: '0', amount: 1000 } }, orderSummary: { subTotal: 1000, totalTax: 0, grandTotal: 1000 },
        submitPayment: { via: 'visa' }, callback: { callbackUrl: `${receiverUrl}/cb?n=${i}` },
      });
    const uuids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const i = next++;
          const r = await request(`${base}/api/v1/connect/reservations/create`, { method: 'POST', headers, body: body(i) });
          const json = (await r.body.json()) as { data: { reservationUuid: string } };
          uuids[i] = json.data.reservationUuid;
        }
      }),
    );
    const paidAt = new Map<string, number>();
    const payStart = performance.now();
    next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const uuid = uuids[next++]!;
          const r = await request(`${base}/api/v1/test/reservations/${uuid}/pay`, { method: 'POST', headers, body: '{"cardNumber":"4111111111111111"}' });
          await r.body.dump();
          if (r.statusCode === 200) paidAt.set(uuid, performance.now());
        }
      }),
    );
    const deadline = performance.now() + 30_000;
    while (arrivals.size < paidAt.size && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const delays = [...paidAt].filter(([uuid]) => arrivals.has(uuid)).map(([uuid, at]) => Math.max(0, arrivals.get(uuid)! - at)).sort((a, b) => a - b);
    const lastArrival = Math.max(...arrivals.values());
    const perSecond = arrivals.size / ((lastArrival - payStart) / 1000);
    console.log(`\ncallback delivery benchmark: ${N} reservations paid at concurrency ${CONCURRENCY}, loopback receiver\n`);
    console.log(`raw GET baseline (undici Pool, 32 connections)  ${rawPerSecond.toFixed(0)} GET/s`);
    console.log(`callbacks delivered                             ${arrivals.size}/${paidAt.size}, lost ${paidAt.size - arrivals.size}`);
    console.log(`callbacks per second                            ${perSecond.toFixed(0)}/s (${((100 * perSecond) / rawPerSecond).toFixed(1)}% of baseline)`);
    console.log(`state change → delivery                         p50 ${quantile(delays, 0.5).toFixed(0)} ms, p99 ${quantile(delays, 0.99).toFixed(0)} ms, max ${delays.at(-1)?.toFixed(0)} ms`);
  } finally {
    await server.stop();
    receiver.closeAllConnections();
    receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
