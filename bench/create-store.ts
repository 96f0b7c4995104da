/**
 * CPU per stored create on the request thread, in process: validation, planning and the store's
 * group commit on SQLite (recording the group, the batch writer's thread, the log flush), driven
 * CONCURRENCY creates at a time as the HTTP server would under load. No HTTP, no load generator.
 *
 *   npx tsx bench/create-store.ts           # N=20000 creates per round, ROUNDS=4, CONCURRENCY=32
 *
 * Figures are CPU time from /proc (Linux): the request thread's own, and the whole process's (the
 * writer and checkpoint threads, libuv's pool, the garbage collector's helpers), per create, the
 * fastest of the rounds. To compare two commits, run it in a checkout of each, alternating.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/kernel/clock.js';
import { randomIds } from '../src/kernel/ids.js';
import { createMerchant } from '../src/merchants/merchant-admin.js';
import { createReservation, type CreateDependencies } from '../src/reservations/create-reservation.js';
import { Store } from '../src/store/store.js';
import { TestGateway } from '../src/gateway/test-gateway/test-gateway.js';
import { tuneRuntime } from '../src/cli/runtime-tuning.js';
import { exampleBody } from './support.js';

// The V8 settings `fpgo start` runs with (src/cli/runtime-tuning.ts), before anything is measured.
tuneRuntime();

const N = Number(process.env.N ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);

/** CPU ticks (user + system) of one thread, or of the process when `thread` is omitted. */
function ticks(thread?: number): number {
  const stat = readFileSync(thread === undefined ? '/proc/self/stat' : `/proc/self/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
const TICK_US = 10_000;

const dir = mkdtempSync(join(tmpdir(), 'fpgo-bench-store-'));
const store = await Store.open(`sqlite:${join(dir, 'fpgo.sqlite')}`);
try {
  await store.migrate();
  const testGateway = new TestGateway();
  const gateways = { forMerchant: () => testGateway };
  const { merchant } = await createMerchant({ merchants: store.merchants, clock: systemClock, ids: randomIds, gateways }, { name: 'Bench', mode: 'test' });
  const deps: CreateDependencies = {
    reservations: store.reservations,
    clock: systemClock,
    ids: randomIds,
    paymentUrl: (token) => `http://127.0.0.1/checkout/${token}`,
    identityProviderConfigured: false,
    transports: { email: false, sms: false },
  };
  const body = () => JSON.parse(exampleBody()) as unknown;

  async function createAll(count: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next++ < count) {
        const outcome = await createReservation(deps, merchant, body(), 'create');
        if (!outcome.ok) throw new Error(JSON.stringify(outcome));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  await createAll(5_000);
  const threads = () => new Map(readdirSync('/proc/self/task').map((id) => [id, ticks(Number(id))]));
  const before = threads();
  const rounds: { thread: number; process: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [thread0, process0] = [ticks(process.pid), ticks()];
    await createAll(N);
    rounds.push({ thread: ((ticks(process.pid) - thread0) * TICK_US) / N, process: ((ticks() - process0) * TICK_US) / N });
  }
  const after = threads();
  const perThread = [...after].map(([id, t]) => [id === String(process.pid) ? 'main' : id, ((t - (before.get(id) ?? 0)) * TICK_US) / (N * ROUNDS)] as const).filter(([, us]) => us >= 1);
  console.log('per thread, µs per create over all rounds:', perThread.map(([id, us]) => `${id} ${us.toFixed(0)}`).join(', '));
  const best = (pick: (r: (typeof rounds)[number]) => number) => Math.min(...rounds.map(pick)).toFixed(1);
  console.log(`request thread ${best((r) => r.thread)} µs, whole process ${best((r) => r.process)} µs per create (${ROUNDS} × ${N}, ${CONCURRENCY} at a time)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
