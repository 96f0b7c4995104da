/**
 * What the history chain's head lock costs: every create of one merchant extends that merchant's
 * chain, so on PostgreSQL the transactions of one merchant queue on its head row while different
 * merchants' chains never wait on one another. Create req/s with all connections on one merchant,
 * then the same connections spread over four merchants, in one run, on each backend.
 *
 *   npm run bench:chain-lock             # 32 connections, 8 s per measurement
 */
import { execFileSync } from 'node:child_process';
import { exampleBody, load, onEachBackend, ROOT, startFpgo } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MERCHANTS = 4;

function newMerchantToken(databaseUrl: string, name: string): string {
  const printed = execFileSync(process.execPath, ['bin/fpgo.mjs', 'merchant', 'create', '--name', name, '--json'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
  return (JSON.parse(printed.toString()) as { apiToken: string }).apiToken;
}

async function createRate(url: string, tokens: string[]): Promise<number> {
  const each = (token: string, seconds: number) =>
    load(url, { method: 'POST', body: exampleBody(), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, expect: 201, connections: CONNECTIONS / tokens.length, seconds });
  await Promise.all(tokens.map((token) => each(token, 2)));
  const results = await Promise.all(tokens.map((token) => each(token, SECONDS)));
  return results.reduce((sum, result) => sum + result.rate, 0);
}

const rows = await onEachBackend(POSTGRES, 'fpgo-bench-chain-lock', async (databaseUrl) => {
  const server = await startFpgo(databaseUrl);
  try {
    const others = Array.from({ length: MERCHANTS - 1 }, (_, i) => newMerchantToken(databaseUrl, `Bench ${i + 2}`));
    const url = `${server.url}/api/v1/connect/reservations/create`;
    const oneMerchant = await createRate(url, [server.token]);
    const fourMerchants = await createRate(url, [server.token, ...others]);
    return { oneMerchant, fourMerchants };
  } finally {
    await server.child.stop();
  }
});

console.log(`\ncreate req/s, ${CONNECTIONS} connections, ${SECONDS} s: one merchant vs the same load over ${MERCHANTS} merchants`);
console.log('| backend | one merchant | four merchants | one / four |');
console.log('|---|---:|---:|---:|');
for (const [backend, { oneMerchant, fourMerchants }] of rows) {
  console.log(`| ${backend} | ${oneMerchant.toFixed(0)} | ${fourMerchants.toFixed(0)} | ${(oneMerchant / fourMerchants).toFixed(2)} |`);
}
