/**
 * Each merchant's history is a hash chain: recomputing it finds an event edited, deleted, inserted
 * or moved with raw SQL behind fpgo's back, and names it. On both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblem, genesis, link, verifyChain, verifyChains } from '../src/audit/history-chain.js';
import type { HistoryEvent } from '../src/reservations/reservation.js';
import { TEST_BACKEND } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { runFpgo } from './support/process.js';
import { API, captureBody, chargeBody, reserved } from './support/reservations.js';
import { startApp, type TestApp, type TestMerchant } from './support/test-app.js';

const event = (title: string, amount: number | null = null): HistoryEvent => ({
  merchantId: 'MER1',
  reservationUuid: 'RES1',
  subjectUuid: 'RES1',
  title,
  occurredAt: 1_764_000_000_000,
  sentTo: null,
  actionBy: null,
  note: null,
  paymentMethod: null,
  isRefundable: false,
  amount,
  channel: null,
});

describe('the chain rule', () => {
  it('links each event to the one before it, starting from a genesis bound to the merchant', () => {
    const first = link(genesis('MER1'), 1, event('order-created', 100_000));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(link(genesis('MER2'), 1, event('order-created', 100_000))).not.toBe(first);
    expect(link(genesis('MER1'), 1, event('order-created', 100_001))).not.toBe(first);
    expect(link(genesis('MER1'), 2, event('order-created', 100_000))).not.toBe(first);
  });

  it('accepts an intact chain and names the first problem otherwise', () => {
    const events = [event('a'), event('b', 5), event('c')];
    let hash = genesis('MER1');
    const rows = events.map((e, index) => ({ id: 10 + index, sequence: index + 1, hash: (hash = link(hash, index + 1, e)), event: e, misfiled: false }));
    const head = { sequence: 3, hash };
    expect(verifyChain('MER1', rows, head)).toBeNull();
    expect(verifyChain('MER1', [rows[0]!, { ...rows[1]!, event: event('b', 6) }, rows[2]!], head)).toEqual({ kind: 'edited', sequence: 2, id: 11 });
    expect(verifyChain('MER1', [rows[0]!, rows[2]!], head)).toEqual({ kind: 'deleted', sequence: 2 });
    expect(verifyChain('MER1', rows.slice(0, 2), head)).toEqual({ kind: 'deleted', sequence: 3 });
    expect(verifyChain('MER1', [...rows, { id: 99, sequence: null, hash: null, event: event('forged'), misfiled: false }], head)).toEqual({ kind: 'inserted', id: 99 });
    expect(verifyChain('MER1', [rows[1]!, rows[0]!, rows[2]!], head)).toEqual({ kind: 'deleted', sequence: 1 });
    expect(verifyChain('MER2', rows, head)).toEqual({ kind: 'edited', sequence: 1, id: 10 });
    expect(verifyChain('MER1', [rows[0]!, { ...rows[1]!, misfiled: true }, rows[2]!], head)).toEqual({ kind: 'misfiled', sequence: 2, id: 11 });
  });
});

describe(`tampering with the stored history (${TEST_BACKEND})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  /** A merchant with a short, real history: two reservations, a payment and a capture. */
  async function merchantWithHistory(): Promise<TestMerchant> {
    const m = await t.merchant();
    expect((await m.api.post(`${API}/create`, primaryExample())).status).toBe(201);
    const { uuid, lineIds } = await reserved(m);
    expect((await m.api.post(`${API}/capture/${uuid}`, captureBody([[lineIds[0]!, 100]]))).status).toBe(202);
    return m;
  }
  const rowIds = async (merchantId: string) =>
    (await sql<{ id: number }>`select id from reservation_events where merchant_id = ${merchantId} order by chain_sequence`.execute(t.store.db)).rows.map((r) => Number(r.id));
  const verify = async (merchantId: string) => {
    const [report] = await verifyChains(t.store.history, merchantId);
    return report!.problem && describeProblem(merchantId, report!.problem);
  };

  it('files every event and product line under its reservation\'s creation time, however it was written', async () => {
    const m = await merchantWithHistory();
    const { uuid } = await reserved(m);
    expect((await m.api.post(`${API}/charge/${uuid}`, chargeBody(150))).status).toBe(202);
    const together = await Promise.all(Array.from({ length: 6 }, () => m.api.post(`${API}/create`, primaryExample())));
    expect(together.map((r) => r.status)).toEqual(Array(6).fill(201));
    const rows = async (table: 'product_lines' | 'reservation_events') =>
      (
        await sql<{ filed: number; created: number }>`select child.reservation_created_at as filed, r.created_at as created
          from ${sql.table(table)} child join reservations r on r.uuid = child.reservation_uuid where r.merchant_id = ${m.id}`.execute(t.store.db)
      ).rows;
    // Created alone and in a group (committed off the request thread), paid, captured and charged: lines and events of each path.
    const [lines, events] = [await rows('product_lines'), await rows('reservation_events')];
    expect(lines).toHaveLength(10);
    expect(events.length).toBeGreaterThanOrEqual(14);
    for (const row of [...lines, ...events]) expect(Number(row.filed)).toBe(Number(row.created));
    const details = (await m.api.get(`${API}/details/${uuid}`)).json.data;
    expect(details.productList).toHaveLength(1);
    expect(details.paymentHistory.charged[0].products).toHaveLength(1);
    expect((await t.store.search.events(m.id, uuid)).map((e) => e.title)).toContain('amount-charged-from-card');
  });

  it('finds nothing wrong with an untouched history, events chained in the order they were written', async () => {
    const m = await merchantWithHistory();
    const [report] = await verifyChains(t.store.history, m.id);
    expect(report).toMatchObject({ merchantId: m.id, events: 5, problem: null, head: { sequence: 5 } });
  });

  it('names an edited event', async () => {
    const m = await merchantWithHistory();
    const ids = await rowIds(m.id);
    await sql`update reservation_events set amount = 1 where id = ${ids[3]}`.execute(t.store.db);
    expect(await verify(m.id)).toBe(`${m.id}: event #4 (row ${ids[3]}) was edited, or an event before it was moved`);
  });

  it('names a deleted event, in the middle or at the end', async () => {
    const m = await merchantWithHistory();
    const ids = await rowIds(m.id);
    await sql`delete from reservation_events where id = ${ids[1]}`.execute(t.store.db);
    expect(await verify(m.id)).toBe(`${m.id}: event #2 is missing (deleted)`);
    const other = await merchantWithHistory();
    await sql`delete from reservation_events where id = ${(await rowIds(other.id)).at(-1)}`.execute(t.store.db);
    expect(await verify(other.id)).toBe(`${other.id}: event #5 is missing (deleted)`);
  });

  it('names an inserted event', async () => {
    const m = await merchantWithHistory();
    await sql`insert into reservation_events (merchant_id, reservation_uuid, subject_uuid, title, occurred_at, is_refundable, amount)
              select merchant_id, reservation_uuid, subject_uuid, 'refund-sent-from-captured', occurred_at, 0, 100 from reservation_events
              where merchant_id = ${m.id} and chain_sequence = 5`.execute(t.store.db);
    const inserted = (await sql<{ id: number }>`select id from reservation_events where merchant_id = ${m.id} and chain_sequence is null`.execute(t.store.db)).rows[0]!;
    expect(await verify(m.id)).toBe(`${m.id}: row ${Number(inserted.id)} was inserted outside the chain`);
  });

  it('names an event moved out of its reservation\'s history', async () => {
    const m = await merchantWithHistory();
    const ids = await rowIds(m.id);
    await sql`update reservation_events set reservation_created_at = reservation_created_at + 1 where id = ${ids[2]}`.execute(t.store.db);
    expect(await verify(m.id)).toBe(`${m.id}: event #3 (row ${ids[2]}) was moved where its reservation's history does not show it`);
  });

  it('finds two events that swapped places', async () => {
    const m = await merchantWithHistory();
    const ids = await rowIds(m.id);
    await sql`update reservation_events set chain_sequence = -1 where id = ${ids[1]}`.execute(t.store.db);
    await sql`update reservation_events set chain_sequence = 2 where id = ${ids[2]}`.execute(t.store.db);
    await sql`update reservation_events set chain_sequence = 3 where id = ${ids[1]}`.execute(t.store.db);
    expect(await verify(m.id)).toBe(`${m.id}: event #2 (row ${ids[2]}) was edited, or an event before it was moved`);
  });

  it('has `fpgo ledger verify` pass an intact chain and fail, naming the event, after tampering', async () => {
    const intact = await merchantWithHistory();
    const tampered = await merchantWithHistory();
    await sql`update reservation_events set note = 'edited' where merchant_id = ${tampered.id} and chain_sequence = 1`.execute(t.store.db);
    const env = { DATABASE_URL: t.database.url };

    const one = await runFpgo(['ledger', 'verify', '--merchant', intact.id], env);
    expect(one.code, one.output).toBe(0);
    expect(one.output).toMatch(new RegExp(`^ok ${intact.id}: 5 events, head #5 [0-9a-f]{64}$`, 'm'));

    const all = await runFpgo(['ledger', 'verify'], env);
    expect(all.code).toBe(1);
    expect(all.output).toContain(`ok ${intact.id}: 5 events`);
    expect(all.output).toMatch(new RegExp(`^TAMPERED ${tampered.id}: event #1 \\(row \\d+\\) was edited`, 'm'));
  });

  it('keeps one unbroken chain per merchant under concurrent writes', async () => {
    const [a, b] = [await t.merchant(), await t.merchant()];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).api.post(`${API}/create`, primaryExample())));
    expect(answers.every((r) => r.status === 201)).toBe(true);
    for (const m of [a, b]) expect(await verifyChains(t.store.history, m.id)).toEqual([expect.objectContaining({ events: 20, problem: null })]);
  });
});

describe('where history is written', () => {
  it('goes through the chain only: no store inserts history events itself', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../src/store/', import.meta.url);
    const writers = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && file !== 'history-log.ts')
      .filter((file) => /insertInto\(\s*'reservation_events'|into\([^)]*'reservation_events'/.test(readFileSync(new URL(file, dir), 'utf8')));
    expect(writers).toEqual([]);
  });
});
