/**
 * Whole reservations per second: create → pay (test mode) → capture, each flow by one client after
 * another, many clients at once — on SQLite and PostgreSQL.
 *
 *   npm run bench:flows                  # 32 clients for 10 s
 *   BENCH_SECONDS=30 BENCH_CLIENTS=64 npm run bench:flows
 */
import { Pool } from 'undici';
import { exampleBody, onEachBackend, startFpgo } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function flows(databaseUrl: string): Promise<{ perSecond: number; p99Ms: number; failures: number }> {
  const server = await startFpgo(databaseUrl);
  const pool = new Pool(server.url, { connections: CLIENTS });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.token}` };
  const post = async (path: string, body: unknown) => {
    const response = await pool.request({ path, method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.statusCode, json: (await response.body.json()) as { data: Record<string, unknown> } };
  };
  const flow = async () => {
    const created = await post('/api/v1/connect/reservations/create', exampleBody());
    const uuid = created.json.data.reservationUuid as string;
    const paid = await post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });
    const details = await pool.request({ path: `/api/v1/connect/reservations/details/${uuid}`, method: 'GET', headers });
    const line = ((await details.body.json()) as { data: { productList: { id: number }[] } }).data.productList[0]!.id;
    const captured = await post(`/api/v1/connect/reservations/capture/${uuid}`, { products: [{ id: line, amount: 1000 }], grandTotal: 1000 });
    return created.status === 201 && paid.status === 200 && captured.status === 202;
  };
  try {
    const durations: number[] = [];
    let failures = 0;
    const run = async (until: number, record: boolean) => {
      while (performance.now() < until) {
        const started = performance.now();
        const ok = await flow();
        if (record) ok ? durations.push(performance.now() - started) : failures++;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, () => run(performance.now() + 2000, false)));
    await Promise.all(Array.from({ length: CLIENTS }, () => run(performance.now() + SECONDS * 1000, true)));
    durations.sort((a, b) => a - b);
    return { perSecond: durations.length / SECONDS, p99Ms: Math.round(durations[Math.floor(durations.length * 0.99)] ?? NaN), failures };
  } finally {
    await pool.close();
    await server.child.stop();
  }
}

console.log(`\nreserve → capture flows: ${CLIENTS} clients, ${SECONDS} s, loopback\n`);
for (const [backend, result] of await onEachBackend(POSTGRES, 'fpgo-bench-flows', flows)) {
  console.log(`${backend.padEnd(12)}${result.perSecond.toFixed(0).padStart(6)} flows/s   p99 ${result.p99Ms} ms per flow (4 requests)   failures ${result.failures}`);
}
