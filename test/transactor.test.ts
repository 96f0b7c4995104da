/**
 * Every write goes through one group-committing transactor: work submitted together shares a
 * transaction (one fsync), batched items of one kind are handed over as one list, and a piece that
 * fails never fails its neighbours. Runs on the real database of the suite.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../src/reservations/ports.js';
import { openDatabase } from '../src/store/connect.js';
import type { DatabaseHandle } from '../src/store/dialect.js';
import { NotDurableError, transactor, type Batch, type Transactor } from '../src/store/transactor.js';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';

describe(`the transactor (${TEST_BACKEND})`, () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let transaction: Transactor;
  const writes: string[][] = [];
  const names: Batch<string> = {
    async write(trx, items) {
      writes.push([...items]);
      for (const name of items) await sql`insert into scratch (name) values (${name})`.execute(trx);
    },
  };
  const stored = async () => (await sql<{ name: string }>`select name from scratch order by name`.execute(handle.db)).rows.map((r) => r.name);

  beforeAll(async () => {
    database = await freshDatabase();
    handle = await openDatabase(database.url);
    await sql`create table scratch (name text primary key)`.execute(handle.db);
    transaction = transactor(handle);
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('hands batched items that commit together to one write, beside plain work of the same transaction', async () => {
    writes.length = 0;
    const [, , counted] = await Promise.all([
      transaction.batched(names, 'a'),
      transaction.batched(names, 'b'),
      transaction(async (trx) => (await sql<{ n: number | string }>`select count(*) as n from scratch`.execute(trx)).rows[0]!.n),
      transaction.batched(names, 'c'),
    ]);
    expect(writes).toEqual([['a', 'b', 'c']]);
    // Batched items are written first, so the plain work of the same transaction sees them.
    expect(Number(counted)).toBe(3);
    expect(await stored()).toEqual(['a', 'b', 'c']);
  });

  it('lets a duplicate fail alone, as DuplicateKeyError, while its neighbours commit', async () => {
    writes.length = 0;
    const results = await Promise.allSettled([transaction.batched(names, 'd'), transaction.batched(names, 'a'), transaction.batched(names, 'e')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKeyError);
    // The group failed as a whole, then each item ran again on its own.
    expect(writes).toEqual([['d', 'a', 'e'], ['d'], ['a'], ['e']]);
    expect(await stored()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('resolves drain once everything submitted has committed', async () => {
    const pending = transaction.batched(names, 'f');
    await transaction.drain();
    await expect(pending).resolves.toBeUndefined();
    expect(await stored()).toContain('f');
  });

  it('sends a lone write-only write off the request thread only while other groups are still on their way there', async () => {
    let sentOffThread = 0;
    let busy = false;
    const writeOnlyNames: Batch<string> = { ...names, writeOnly: true };
    const watched = transactor({
      ...handle,
      // Tells which groups went to offThread; a backend without it runs them on the writer, as when it declines.
      offThread: async (work) => {
        sentOffThread++;
        return handle.offThread ? handle.offThread(work) : null;
      },
      offThreadBusy: () => busy,
    });
    await watched.batched(writeOnlyNames, 'lone-idle');
    expect(sentOffThread).toBe(0);
    busy = true;
    await watched.batched(writeOnlyNames, 'lone-busy');
    expect(sentOffThread).toBe(1);
    busy = false;
    await Promise.all([watched.batched(writeOnlyNames, 'pair-1'), watched.batched(writeOnlyNames, 'pair-2')]);
    expect(sentOffThread).toBe(2);
    expect(await stored()).toEqual(expect.arrayContaining(['lone-idle', 'lone-busy', 'pair-1', 'pair-2']));
  });

  it('fails every caller of a group whose commit could not be flushed to disk, and runs none of its work twice', async () => {
    let failFlush = true;
    const flaky = transactor({ ...handle, durable: () => (failFlush ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : handle.durable()) });
    writes.length = 0;
    const results = await Promise.allSettled([flaky.batched(names, 'g'), flaky.batched(names, 'h')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(NotDurableError);
    expect(String((results[0] as PromiseRejectedResult).reason.message)).toContain('EIO');
    // The transaction had committed: running its pieces again alone would write them twice.
    expect(writes).toEqual([['g', 'h']]);
    expect(await stored()).toEqual(expect.arrayContaining(['g', 'h']));
    failFlush = false;
    await flaky.batched(names, 'i');
    expect(await stored()).toContain('i');
  });
});
