/**
 * What an Idempotency-Key costs on create-reservation: the same server, the same body, measured
 * without a key and with a new key on every request, in one run, on SQLite (and on PostgreSQL when
 * reachable). Runs alternate A B B A so that a database growing during the run favours neither.
 *
 *   npm run bench:idempotency                 # 5 s per measurement, 32 connections
 *   BENCH_SECONDS=8 BENCH_CONNECTIONS=64 npm run bench:idempotency
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:idempotency
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { exampleBody, freePort, onEachBackend, startChild, type LoadResult } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';



interface KeyedLoadResult extends LoadResult {
  /** Answers that came back as replays: must be 0, every key is new. */
  replayed: number;
}

/**
 * Like support.ts's `load`, but every request goes through `setupRequest` (autocannon rebuilds it
 * each time), so the runs with and without a key differ only in the header.
 */
async function loadCreate(url: string, headers: Record<string, string>, withKey: boolean, seconds: number): Promise<KeyedLoadResult> {
  const counts: Record<string, number> = {};
  let replayed = 0;
  const run = randomBytes(6).toString('hex');
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        body: exampleBody(),
        headers,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => (withKey ? { ...request, headers: { ...request.headers, 'idempotency-key': `bench-${run}-${next++}` } } : request),
            onResponse: (_status, _body, _context, responseHeaders) => {
              if (responseHeaders?.['idempotent-replayed']) replayed++;
            },
          },
        ],
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on('response', (_client, status) => {
      counts[status] = (counts[status] ?? 0) + 1;
    });
  });
  const ok = counts[201] ?? 0;
  const unexpected: Record<string, number> = Object.fromEntries(Object.entries(counts).filter(([status]) => Number(status) !== 201));
  if (result.errors) unexpected.errors = result.errors;
  return { rate: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, unexpected, replayed };
}

/** The mean of two runs (rates, and the percentiles of each run averaged). */
function mean(a: KeyedLoadResult, b: KeyedLoadResult): KeyedLoadResult {
  const unexpected = { ...a.unexpected };
  for (const [k, v] of Object.entries(b.unexpected)) unexpected[k] = (unexpected[k] ?? 0) + v;
  return { rate: (a.rate + b.rate) / 2, p50: (a.p50 + b.p50) / 2, p99: (a.p99 + b.p99) / 2, unexpected, replayed: a.replayed + b.replayed };
}

async function measure(databaseUrl: string): Promise<{ plain: KeyedLoadResult; keyed: KeyedLoadResult }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '0', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` };
  const server = await startChild(process.execPath, ['bin/fpgo.mjs', 'start'], env, /fpgo is serving/);
  try {
    const token = /Demo API token:\s+(\S+)/.exec(server.output())![1]!;
    const url = `http://127.0.0.1:${port}/api/v1/connect/reservations/create`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    await loadCreate(url, headers, false, 2);
    await loadCreate(url, headers, true, 2);
    const plain1 = await loadCreate(url, headers, false, SECONDS);
    const keyed1 = await loadCreate(url, headers, true, SECONDS);
    const keyed2 = await loadCreate(url, headers, true, SECONDS);
    const plain2 = await loadCreate(url, headers, false, SECONDS);
    return { plain: mean(plain1, plain2), keyed: mean(keyed1, keyed2) };
  } finally {
    await server.stop();
  }
}

const format = (r: KeyedLoadResult) =>
  `${r.rate.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms` +
  (Object.keys(r.unexpected).length ? `   unexpected: ${JSON.stringify(r.unexpected)}` : '') +
  (r.replayed ? `   REPLAYED: ${r.replayed}` : '');

async function main(): Promise<void> {
  const results = await onEachBackend(POSTGRES, 'fpgo-bench-idem', measure);

  console.log(`\nIdempotency-Key cost on create-reservation: autocannon, ${CONNECTIONS} connections, 2 × ${SECONDS} s per mode (A B B A), loopback\n`);
  for (const [backend, { plain, keyed }] of results) {
    console.log(`${`create, no key (${backend})`.padEnd(32)}${format(plain)}`);
    console.log(`${`create, unique key (${backend})`.padEnd(32)}${format(keyed)}`);
    console.log(`${''.padEnd(32)}keyed / plain: ${(keyed.rate / plain.rate).toFixed(2)}× throughput, p50 ${(keyed.p50 / plain.p50).toFixed(2)}×, p99 ${(keyed.p99 / plain.p99).toFixed(2)}×\n`);
  }
}

await main();
