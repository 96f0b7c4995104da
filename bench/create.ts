/**
 * Create-reservation throughput: fpgo on SQLite (and on PostgreSQL when reachable) against a bare
 * Fastify hello-world GET and a bare POST echo of the same body, measured in one run.
 *
 *   npm run bench:create                 # 8 s per measurement, 32 connections
 *   BENCH_SECONDS=4 BENCH_CONNECTIONS=64 npm run bench:create
 *   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:create
 */
import { exampleBody, freePort, load, onEachBackend, startBareFastify, startChild, type LoadResult } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';



async function measureCreate(databaseUrl: string): Promise<LoadResult> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: '0', PUBLIC_BASE_URL: `http://127.0.0.1:${port}` };
  const server = await startChild(process.execPath, ['bin/fpgo.mjs', 'start'], env, /fpgo is serving/);
  try {
    const token = /Demo API token:\s+(\S+)/.exec(server.output())![1]!;
    const url = `http://127.0.0.1:${port}/api/v1/connect/reservations/create`;
    const request = { method: 'POST' as const, body: exampleBody(), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, expect: 201, connections: CONNECTIONS };
    await load(url, { ...request, seconds: 2 });
    return await load(url, { ...request, seconds: SECONDS });
  } finally {
    await server.stop();
  }
}

const format = (r: LoadResult) => `${r.rate.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms`;

async function main(): Promise<void> {
  const rows: [string, LoadResult][] = (await onEachBackend(POSTGRES, 'fpgo-bench-create', measureCreate)).map(([backend, result]) => [`create (${backend})`, result]);
  const bare = await startBareFastify();
  try {
    const base = { connections: CONNECTIONS, expect: 200 };
    await load(`${bare.url}/`, { ...base, seconds: 2 });
    rows.push(['bare Fastify GET', await load(`${bare.url}/`, { ...base, seconds: SECONDS })]);
    const echo = { ...base, method: 'POST' as const, body: exampleBody(), headers: { 'content-type': 'application/json' } };
    await load(`${bare.url}/echo`, { ...echo, seconds: 2 });
    rows.push(['bare Fastify POST echo', await load(`${bare.url}/echo`, { ...echo, seconds: SECONDS })]);
  } finally {
    await bare.child.stop();
  }

  const get = rows.find(([name]) => name === 'bare Fastify GET')![1].rate;
  const echo = rows.find(([name]) => name === 'bare Fastify POST echo')![1].rate;
  console.log(`\ncreate-reservation benchmark: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, loopback\n`);
  for (const [name, result] of rows) {
    const ratio = name.startsWith('create') ? `   ${((100 * result.rate) / get).toFixed(1)}% of bare GET, ${((100 * result.rate) / echo).toFixed(1)}% of POST echo` : '';
    const odd = Object.keys(result.unexpected).length ? `   unexpected: ${JSON.stringify(result.unexpected)}` : '';
    console.log(`${name.padEnd(24)}${format(result)}${ratio}${odd}`);
  }
}

await main();
