/**
 * Soak: create and details at half of the peak create rate for a long time, sampling the server's
 * memory; it holds when every request succeeded and memory did not keep growing: the last third's
 * floor (its lowest sample) at most 10 % + 16 MiB above the middle third's. Exit status 1 otherwise.
 * Floors, not peaks: resident memory is a sawtooth (the heap grows for seconds, then a collection
 * gives it back), and a peak caught just before a collection says nothing about what is kept. The
 * floor is what survives collections; a leak raises it from one third to the next.
 *
 *   npm run bench:soak                   # 10 minutes (the documented long run)
 *   SOAK_SECONDS=30 npm run bench:soak   # the short form .ci/run uses
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleBody, load, residentMiB, startFpgo, type LoadResult } from './support.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const dir = mkdtempSync(join(tmpdir(), 'fpgo-bench-soak-'));
const server = await startFpgo(`sqlite:${join(dir, 'fpgo.sqlite')}`);
let failed = false;
try {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
  const createUrl = `${server.url}/api/v1/connect/reservations/create`;
  const create = { method: 'POST' as const, body: exampleBody(), headers, expect: 201, connections: 32 };
  const peak = await load(createUrl, { ...create, seconds: Math.min(8, Math.max(3, SECONDS / 10)) });
  const created = await (await fetch(createUrl, { method: 'POST', body: create.body, headers })).json();
  const detailsUrl = `${server.url}/api/v1/connect/reservations/details/${created.data.reservationUuid}`;

  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(residentMiB(server.child.process.pid!)), 1000);
  const half = peak.rate / 2;
  const [creates, details] = await Promise.all([
    load(createUrl, { ...create, connections: 16, seconds: SECONDS, rate: half * 0.8 }),
    load(detailsUrl, { headers, expect: 200, connections: 16, seconds: SECONDS, rate: half * 0.2 }),
  ]);
  clearInterval(sampler);

  const third = Math.floor(samples.length / 3);
  const middle = Math.min(...samples.slice(third, 2 * third));
  const last = Math.min(...samples.slice(2 * third));
  const problems = (name: string, r: LoadResult) => (Object.keys(r.unexpected).length ? [`${name}: ${JSON.stringify(r.unexpected)}`] : []);
  const errors = [...problems('create', creates), ...problems('details', details)];
  // Slack for the allocator and caches that fill once: growth that continues shows over a long run, not in a few MiB.
  const grew = last > middle * 1.1 + 16;
  console.log(`\nsoak: ${SECONDS} s at half of the create peak (${peak.rate.toFixed(0)} req/s) on SQLite`);
  console.log(`create ${creates.rate.toFixed(0)} req/s p99 ${creates.p99} ms; details ${details.rate.toFixed(0)} req/s p99 ${details.p99} ms`);
  console.log(`resident memory: start ${samples[0]?.toFixed(0)} MiB, floor of the middle third ${middle.toFixed(0)} MiB, of the last third ${last.toFixed(0)} MiB, highest ${Math.max(...samples).toFixed(0)} MiB`);
  if (errors.length || grew) {
    failed = true;
    console.log(`FAIL: ${[...errors, ...(grew ? ['memory kept growing'] : [])].join('; ')}`);
  } else {
    console.log('holds: no error, no memory growth');
  }
} finally {
  await server.child.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
