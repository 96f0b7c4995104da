/**
 * SQLite's writer never checkpoints inside its commits: a thread of its own copies the log into the
 * database file every few commits, while the writer waits to begin, so the log starts over instead
 * of growing under steady writes. If that thread cannot work, the writer checkpoints itself again.
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../src/store/sqlite/sqlite-database.js';
import { WalCheckpointer } from '../src/store/sqlite/wal-checkpointer.js';
import { tempDirs } from './support/temp-dirs.js';

describe('the SQLite checkpoint thread', () => {
  const tempDir = tempDirs('fpgo-checkpoint-');
  const tempPath = () => join(tempDir(), 'fpgo.sqlite');

  /** Pages in the write-ahead log since it last started over (a passive checkpoint reports them). */
  const framesInLog = (path: string) => {
    const other = new SqliteDatabase(path);
    const [result] = other.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    other.close();
    return result!.log;
  };

  it('keeps the log short under 600 commits, and every commit is in the database file after a checkpoint', async () => {
    const path = tempPath();
    const handle = openSqlite(path);
    expect(await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.writer)).toMatchObject({ rows: [{ wal_autocheckpoint: 0 }] });
    await sql`create table scratch (n integer primary key, padding text)`.execute(handle.writer);
    for (let n = 1; n <= 600; n++) {
      await handle.writer.transaction().execute(async (trx) => void (await sql`insert into scratch values (${n}, ${'x'.repeat(900)})`.execute(trx)));
    }
    await handle.durable();
    // 600 commits of at least one page each; checkpoints every 32 commits let the log start over.
    expect(framesInLog(path)).toBeLessThan(100);
    await handle.close();
    const reopened = new SqliteDatabase(path, { readonly: true });
    expect(reopened.prepare('select count(*) from scratch').pluck().get()).toBe(600);
    reopened.close();
  });

  it('hands checkpoints back to the writer when its thread cannot open the file, and never blocks a transaction', async () => {
    const reasons: string[] = [];
    const checkpointer = new WalCheckpointer(join(tempPath(), '..', 'missing', 'fpgo.sqlite'), (reason) => reasons.push(reason), 1);
    checkpointer.committed();
    await expect.poll(() => reasons).toEqual([expect.stringMatching(/unable to open|does not exist|directory/i)]);
    await expect(checkpointer.idle()).resolves.toBeUndefined();
    await checkpointer.close();
    expect(reasons).toHaveLength(1);
  });

  it('makes the writer wait to begin while a checkpoint runs', async () => {
    const path = tempPath();
    const setUp = new SqliteDatabase(path);
    setUp.pragma('journal_mode = WAL');
    setUp.exec('create table t (n integer)');
    const checkpointer = new WalCheckpointer(path, () => {}, 1);
    checkpointer.committed();
    let idle = false;
    const waiting = checkpointer.idle().then(() => (idle = true));
    expect(idle).toBe(false);
    await waiting;
    expect(idle).toBe(true);
    await checkpointer.close();
    setUp.close();
  });
});
