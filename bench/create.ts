/**
 * Create and Details throughput on SQLite and PostgreSQL, next to a bare Fastify hello-world GET and
 * a bare POST echo of the same body, in one run; then latency at half of each peak, with requests sent at a
 * steady pace (next to a bare GET at the same pace: the floor of that measurement here); and on PostgreSQL,
 * create with two server processes on one database.
 *
 *   npm run bench:create                 # 8 s per measurement, 32 connections
 *   BENCH_SECONDS=4 BENCH_CONNECTIONS=64 npm run bench:create
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:create
 */
import { exampleBody, load, onEachBackend, startBareFastify, startFpgo, type LoadResult } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Row = [name: string, result: LoadResult, kind: 'create' | 'details' | 'baseline'];

async function measure(url: string, request: Omit<Parameters<typeof load>[1], 'seconds' | 'connections'>, rate?: number): Promise<LoadResult> {
  await load(url, { ...request, connections: CONNECTIONS, seconds: 2 });
  return load(url, { ...request, connections: CONNECTIONS, seconds: SECONDS, ...(rate ? { rate } : {}) });
}

async function measureBackend(databaseUrl: string, backend: string): Promise<Row[]> {
  const server = await startFpgo(databaseUrl);
  try {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
    const createUrl = `${server.url}/api/v1/connect/reservations/create`;
    const create = { method: 'POST' as const, body: exampleBody(), headers, expect: 201 };
    const created = await (await fetch(createUrl, { method: 'POST', body: create.body, headers })).json();
    const detailsUrl = `${server.url}/api/v1/connect/reservations/details/${created.data.reservationUuid}`;
    const details = { headers: { authorization: headers.authorization }, expect: 200 };
    const createPeak = await measure(createUrl, create);
    const detailsPeak = await measure(detailsUrl, details);
    const rows: Row[] = [
      [`create (${backend})`, createPeak, 'create'],
      [`details (${backend})`, detailsPeak, 'details'],
      [`create at half peak (${backend})`, await measure(createUrl, create, createPeak.rate / 2), 'create'],
      [`details at half peak (${backend})`, await measure(detailsUrl, details, detailsPeak.rate / 2), 'details'],
    ];
    if (backend === 'PostgreSQL') rows.push([`create, 2 processes (${backend})`, await twoProcesses(databaseUrl, server.url, create), 'create']);
    return rows;
  } finally {
    await server.child.stop();
  }
}

/** A second server on the same database; the load is split between the two, as a load balancer would. */
async function twoProcesses(databaseUrl: string, firstUrl: string, create: Omit<Parameters<typeof load>[1], 'seconds' | 'connections'>): Promise<LoadResult> {
  const second = await startFpgo(databaseUrl);
  try {
    const half = { ...create, connections: CONNECTIONS / 2 };
    const path = '/api/v1/connect/reservations/create';
    await Promise.all([load(firstUrl + path, { ...half, seconds: 2 }), load(second.url + path, { ...half, seconds: 2 })]);
    const [a, b] = await Promise.all([load(firstUrl + path, { ...half, seconds: SECONDS }), load(second.url + path, { ...half, seconds: SECONDS })]);
    return { rate: a.rate + b.rate, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), unexpected: { ...a.unexpected, ...b.unexpected } };
  } finally {
    await second.child.stop();
  }
}

const format = (r: LoadResult) => `${r.rate.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms`;

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const [, measured] of await onEachBackend(POSTGRES, 'fpgo-bench-create', (url) => measureBackend(url, url.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'))) {
    rows.push(...measured);
  }
  const bare = await startBareFastify();
  try {
    rows.push(['bare Fastify GET', await measure(`${bare.url}/`, { expect: 200 }), 'baseline']);
    rows.push(['bare Fastify POST echo', await measure(`${bare.url}/echo`, { method: 'POST', body: exampleBody(), headers: { 'content-type': 'application/json' }, expect: 200 }), 'baseline']);
    // The floor of a paced run's latency on this machine (the load generator's and the loopback's share).
    const pacedRate = rows.find(([name]) => name === 'details at half peak (SQLite)')?.[1].rate ?? 1000;
    rows.push([`bare Fastify GET at ${pacedRate.toFixed(0)} req/s`, await measure(`${bare.url}/`, { expect: 200 }, pacedRate), 'baseline']);
  } finally {
    await bare.child.stop();
  }

  const get = rows.find(([name]) => name === 'bare Fastify GET')![1].rate;
  const echo = rows.find(([name]) => name === 'bare Fastify POST echo')![1].rate;
  console.log(`\ncreate and details: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, loopback; "at half peak" and "at N req/s": requests sent at that steady pace\n`);
  for (const [name, result, kind] of rows) {
    const ratio = kind === 'create' ? `   ${((100 * result.rate) / echo).toFixed(1)}% of POST echo` : kind === 'details' ? `   ${((100 * result.rate) / get).toFixed(1)}% of bare GET` : '';
    const odd = Object.keys(result.unexpected).length ? `   unexpected: ${JSON.stringify(result.unexpected)}` : '';
    console.log(`${name.padEnd(40)}${format(result)}${ratio}${odd}`);
  }
}

await main();
