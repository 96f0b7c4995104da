/**
 * SQLite's writer commits with synchronous=NORMAL and answers only after WalSync has flushed the
 * write-ahead log: the flush must cover every earlier commit, be shared by callers that wait
 * together, and report a disk that fails instead of pretending.
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../src/store/sqlite/sqlite-database.js';
import { WalSync } from '../src/store/sqlite/wal-sync.js';
import { sql } from 'kysely';
import { tempDirs } from './support/temp-dirs.js';

describe('the SQLite write-ahead log flush', () => {
  const tempDir = tempDirs('fpgo-wal-');

  it('answers every concurrent caller, and a commit made before the flush is readable by a new connection', async () => {
    const path = join(tempDir(), 'fpgo.sqlite');
    const handle = openSqlite(path);
    await sql`create table scratch (n integer)`.execute(handle.writer);
    await handle.writer.transaction().execute(async (trx) => void (await sql`insert into scratch values (1)`.execute(trx)));
    await Promise.all(Array.from({ length: 20 }, () => handle.durable()));
    const other = new SqliteDatabase(path, { readonly: true });
    expect(other.prepare('select n from scratch').pluck().all()).toEqual([1]);
    other.close();
    await handle.close();
  });

  it('rejects when the log cannot be flushed, and flushes again once it can', async () => {
    const dir = tempDir();
    const sync = new WalSync(join(dir, 'missing.sqlite-wal'));
    await expect(sync.durable()).rejects.toThrow(/ENOENT/);
    const sqlite = new SqliteDatabase(join(dir, 'missing.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table t (n integer); insert into t values (1)');
    await expect(sync.durable()).resolves.toBeUndefined();
    await sync.close();
    sqlite.close();
  });
});
