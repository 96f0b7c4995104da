/**
 * The signal that tells a process's merchant cache that another process changed merchants is the
 * database's own: on PostgreSQL each schema has its own NOTIFY channel (installations and test runs
 * sharing a database do not wake each other); on SQLite each file has its own counter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/connect.js';
import type { DatabaseHandle } from '../src/store/dialect.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { changeChannel } from '../src/store/postgres/postgres-change-signal.js';
import { freshDatabase, freshSqliteDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';

describe(`merchant change signals (${TEST_BACKEND})`, () => {
  const opened: DatabaseHandle[] = [];
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    for (const database of databases) await database.drop();
  });
  const open = async (database: TestDatabase) => {
    const handle = await openDatabase(database.url);
    opened.push(handle);
    return handle;
  };

  it('wakes the processes of its own database only, not those of another schema or file', async () => {
    const [mine, other] = [await freshDatabase(), await freshDatabase()];
    databases.push(mine, other);
    const writer = await open(mine);
    const sameDatabase = await open(mine);
    const otherDatabase = await open(other);
    await migrateToLatest(writer);
    await migrateToLatest(otherDatabase);
    for (const handle of [sameDatabase, otherDatabase]) await expect.poll(() => handle.merchantChanges.takeChanged()).toBe(false);

    await writer.writer.transaction().execute((trx) => writer.merchantChanges.announce(trx));
    await expect.poll(() => sameDatabase.merchantChanges.takeChanged()).toBe(true);
    expect(otherDatabase.merchantChanges.takeChanged()).toBe(false);
  });

  it('reads the SQLite counter once per event-loop turn: a change is seen by the first check of the next turn', async () => {
    // SQLite's signal on a file of its own, whichever backend the suite runs on (PostgreSQL's is NOTIFY, without turns).
    const file = freshSqliteDatabase();
    databases.push(file);
    const writer = await open(file);
    const reader = await open(file);
    await migrateToLatest(writer);
    await expect.poll(() => reader.merchantChanges.takeChanged()).toBe(false);
    await new Promise((turn) => setImmediate(turn));

    expect(reader.merchantChanges.takeChanged()).toBe(false);
    await writer.writer.transaction().execute((trx) => writer.merchantChanges.announce(trx));
    // Same turn: the change is not looked for again, and the check costs no read.
    expect(reader.merchantChanges.takeChanged()).toBe(false);
    await new Promise((turn) => setImmediate(turn));
    expect(reader.merchantChanges.takeChanged()).toBe(true);
    expect(reader.merchantChanges.takeChanged()).toBe(false);
  });

  it('names one channel per PostgreSQL schema, within PostgreSQL\'s 63 bytes', () => {
    const longest = `s${'x'.repeat(62)}`;
    const channels = [null, 'public', 'fpgo_test_a', 'fpgo_test_b', longest].map(changeChannel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const channel of channels) expect(channel).toMatch(/^[a-z_][a-z0-9_]{0,62}$/);
  });
});
