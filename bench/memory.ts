/**
 * Memory per 100,000 stored reservations: the server's resident memory and the database's size
 * before and after creating them. Stored reservations should cost disk, not memory.
 *
 *   npm run bench:memory                 # 100,000 reservations on SQLite
 *   BENCH_RESERVATIONS=20000 npm run bench:memory
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleBody, load, residentMiB, startFpgo } from './support.js';

const N = Number(process.env.BENCH_RESERVATIONS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'fpgo-bench-memory-'));
const file = join(dir, 'fpgo.sqlite');
const server = await startFpgo(`sqlite:${file}`);
const size = () => ['', '-wal'].reduce((sum, suffix) => sum + (statSync(file + suffix, { throwIfNoEntry: false })?.size ?? 0), 0) / 1024 / 1024;
try {
  const url = `${server.url}/api/v1/connect/reservations/create`;
  const request = { method: 'POST' as const, body: exampleBody(), headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, expect: 201, connections: 32 };
  await load(url, { ...request, seconds: 2 });
  const before = { rss: residentMiB(server.child.process.pid!), db: size() };
  let stored = 0;
  while (stored < N) {
    const result = await load(url, { ...request, seconds: 5 });
    stored += Math.round(result.rate * 5);
  }
  const after = { rss: residentMiB(server.child.process.pid!), db: size() };
  const per100k = (x: number) => ((x * 100_000) / stored).toFixed(1);
  console.log(`\nmemory: ${stored} reservations created on SQLite\n`);
  console.log(`server resident memory  ${before.rss.toFixed(0)} MiB → ${after.rss.toFixed(0)} MiB   (${per100k(after.rss - before.rss)} MiB per 100k)`);
  console.log(`database on disk        ${before.db.toFixed(0)} MiB → ${after.db.toFixed(0)} MiB   (${per100k(after.db - before.db)} MiB per 100k)`);
} finally {
  await server.child.stop();
  rmSync(dir, { recursive: true, force: true });
}
