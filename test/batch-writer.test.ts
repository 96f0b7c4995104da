/**
 * SQLite commits groups of concurrent creates on a writer thread of its own: the request thread
 * builds their statements, chaining history from the heads the last transaction left, and the
 * thread runs them. Whatever another process did meanwhile, every create is stored once and each
 * merchant's chain stays one unbroken line; work that must read still runs on the request thread.
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../src/audit/history-chain.js';
import { BatchWriter } from '../src/store/sqlite/batch-writer.js';
import { TransactionRecorder } from '../src/store/sqlite/recorded-transaction.js';
import { WRITER_PRAGMAS } from '../src/store/sqlite/sqlite-connection.js';
import { openSqlite } from '../src/store/sqlite/sqlite-database.js';
import { freshSqliteDatabase } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { client } from './support/http.js';
import { API } from './support/reservations.js';
import { tempDirs } from './support/temp-dirs.js';
import { startApp, type TestApp } from './support/test-app.js';

describe('SQLite creates committed off the request thread', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ database: freshSqliteDatabase() });
  });
  afterAll(() => t.close());

  const storedReservations = async (merchantId: string) =>
    Number((await sql<{ n: number }>`select count(*) as n from reservations where merchant_id = ${merchantId}`.execute(t.store.db)).rows[0]!.n);

  it('stores every one of 200 concurrent creates once, each merchant with one unbroken chain', async () => {
    const [a, b] = [await t.merchant(), await t.merchant()];
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).api.post(`${API}/create`, primaryExample())));
    expect(answers.map((r) => r.status)).toEqual(Array(200).fill(201));
    const details = await a.api.get(`${API}/details/${answers[1]!.json.data.reservationUuid}`);
    expect(details.status).toBe(200);
    for (const m of [a, b]) {
      expect(await storedReservations(m.id)).toBe(100);
      expect(await verifyChains(t.store.history, m.id)).toEqual([expect.objectContaining({ events: 100, problem: null })]);
    }
  });

  it('chains after a head another process moved, instead of forking the chain', async () => {
    const m = await t.merchant();
    const wave = () => Promise.all(Array.from({ length: 20 }, () => m.api.post(`${API}/create`, primaryExample())));
    expect((await wave()).every((r) => r.status === 201)).toBe(true);
    // A second server on the same file writes to the same merchant's chain.
    const other = await startApp({ database: { ...t.database, drop: async () => {} } });
    try {
      const elsewhere = await client(other.baseUrl, m.token).post(`${API}/create`, primaryExample());
      expect(elsewhere.status).toBe(201);
    } finally {
      await other.close();
    }
    expect((await wave()).every((r) => r.status === 201)).toBe(true);
    expect(await storedReservations(m.id)).toBe(41);
    expect(await verifyChains(t.store.history, m.id)).toEqual([expect.objectContaining({ events: 41, problem: null, head: expect.objectContaining({ sequence: 41 }) })]);
  });
});

/** A database file in WAL mode holding one table, `scratch`, with these columns. */
function scratchDatabase(dir: string, columns: string): string {
  const path = join(dir, 'fpgo.sqlite');
  const setup = new SqliteDatabase(path);
  setup.pragma('journal_mode = WAL');
  setup.exec(`create table scratch (${columns})`);
  setup.close();
  return path;
}

/** The rows of `scratch`, read by a connection of their own. */
function scratchRows(path: string): number {
  const reopened = new SqliteDatabase(path, { readonly: true });
  try {
    return reopened.prepare('select count(*) from scratch').pluck().get() as number;
  } finally {
    reopened.close();
  }
}

describe('recording a transaction for the writer thread', () => {
  const tempDir = tempDirs('fpgo-batch-writer-');

  it('records inserts and plain updates in order, and gives up at a statement whose answer is read', async () => {
    const recorder = new TransactionRecorder();
    const recordTransaction = (work: Parameters<TransactionRecorder['record']>[0]) => recorder.record(work);
    const recorded = await recordTransaction(async (trx) => {
      await trx.insertInto('change_counters').values({ name: 'a', value: 1 }).execute();
      await trx.updateTable('change_counters').set({ value: 2 }).where('name', '=', 'a').execute();
    });
    expect(recorded).toEqual([
      { sql: 'insert into "change_counters" ("name", "value") values (?, ?)', parameters: ['a', 1] },
      { sql: 'update "change_counters" set "value" = ? where "name" = ?', parameters: [2, 'a'] },
    ]);
    expect(await recordTransaction(async (trx) => void (await trx.selectFrom('change_counters').selectAll().execute()))).toBeNull();
    expect(await recordTransaction(async (trx) => void (await trx.insertInto('change_counters').values({ name: 'b', value: 1 }).returning('name').execute()))).toBeNull();
    // The same recorder, after giving up, records the next transaction alone: nothing of the abandoned one leaks into it.
    expect(await recordTransaction(async (trx) => void (await trx.deleteFrom('change_counters').where('name', '=', 'c').execute()))).toEqual([
      { sql: 'delete from "change_counters" where "name" = ?', parameters: ['c'] },
    ]);
  });

  it('keeps the log short under 600 pipelined groups, every row in the file', async () => {
    const path = join(tempDir(), 'fpgo.sqlite');
    const handle = openSqlite(path);
    await sql`create table scratch (n integer primary key, padding text)`.execute(handle.writer);
    const insert = (n: number) => async (trx: Parameters<Parameters<TransactionRecorder['record']>[0]>[0]) =>
      void (await sql`insert into scratch values (${n}, ${'x'.repeat(900)})`.execute(trx));
    for (let n = 1; n <= 600; n += 2) {
      // Two groups in flight at once, as the transactor sends them under load.
      const committed = await Promise.all([handle.offThread!(insert(n)), handle.offThread!(insert(n + 1))]);
      expect(committed).toEqual([{ durable: expect.any(Promise) }, { durable: expect.any(Promise) }]);
      await Promise.all(committed.map((group) => group!.durable));
    }
    const other = new SqliteDatabase(path);
    const [log] = other.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    other.close();
    expect(log!.log).toBeLessThan(100);
    await handle.close();
    expect(scratchRows(path)).toBe(600);
  });

  it('leaves nothing of a group whose large multi-row insert fails on its last row, and goes on with the next group', async () => {
    const path = scratchDatabase(tempDir(), 'n integer primary key, padding text');
    const writer = new BatchWriter(path, WRITER_PRAGMAS);
    // 200 rows of 900 bytes: the statement journal (kept in memory on the writers) holds far more than SQLite's 64 KiB spill size.
    const rows = (from: number, count: number) => ({
      sql: `insert into scratch values ${Array.from({ length: count }, () => '(?, ?)').join(', ')}`,
      parameters: Array.from({ length: count }, (_, i) => [from + i, 'x'.repeat(900)]).flat(),
    });
    await (await writer.commit([rows(1, 10)])).durable;
    await expect(writer.commit([rows(100, 200), rows(300, 199), { ...rows(500, 1), parameters: [1, 'duplicate'] }])).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
    });
    await writer.commit([rows(11, 5)]);
    await writer.close();
    expect(scratchRows(path)).toBe(15);
  });

  it('answers each group twice — committed, then on disk — and a group left unflushed when it closes fails instead of passing as durable', async () => {
    const path = scratchDatabase(tempDir(), 'n integer primary key');
    const writer = new BatchWriter(path, WRITER_PRAGMAS);
    const insert = (n: number) => [{ sql: 'insert into scratch values (?)', parameters: [n] }];
    // Sent together: the thread commits them one after another while its flushes run, and each is answered on disk.
    const groups = await Promise.all(Array.from({ length: 20 }, (_, i) => writer.commit(insert(i + 1))));
    await Promise.all(groups.map((group) => group.durable));
    const unflushed = await writer.commit(insert(100));
    await writer.close();
    await expect(unflushed.durable).rejects.toThrow(/closed/);
    expect(scratchRows(path)).toBe(21);
  });

  it('fails what it was sent, with the reason, when its thread cannot open the database', async () => {
    const writer = new BatchWriter(join(tempDir(), 'missing', 'fpgo.sqlite'), []);
    await expect(writer.commit([{ sql: 'select 1', parameters: [] }])).rejects.toThrow(/unable to open|does not exist|directory|could not open/i);
    expect(writer.available).toBe(false);
    await writer.close();
  });
});
