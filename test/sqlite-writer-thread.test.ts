/**
 * SQLite's writer connection lives on its own thread; within a transaction, BEGIN and plain INSERTs
 * travel with the next statement that is waited for. A queued statement that fails must fail its
 * transaction as a whole (nothing of it stays), the next transaction must start clean, reads must
 * see the queued writes before them, an error keeps SQLite's code (which decides 409/503; the faults
 * test shows a read-only file answering 503), and the thread never holds a finished process open.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../src/reservations/ports.js';
import { openSqlite } from '../src/store/sqlite/sqlite-database.js';
import { transactor } from '../src/store/transactor.js';
import { tempDirs } from './support/temp-dirs.js';

describe('the SQLite writer thread', () => {
  const tempDir = tempDirs('fpgo-writer-');

  const openWithTable = async () => {
    const handle = openSqlite(join(tempDir(), 'fpgo.sqlite'));
    await sql`create table scratch (name text primary key)`.execute(handle.writer);
    const names = async () => (await sql<{ name: string }>`select name from scratch order by name`.execute(handle.db)).rows.map((r) => r.name);
    return { handle, names };
  };

  it('lets a transaction read its own queued inserts, in the order they were made', async () => {
    const { handle, names } = await openWithTable();
    const seen = await handle.writer.transaction().execute(async (trx) => {
      await sql`insert into scratch (name) values ('b')`.execute(trx);
      await sql`insert into scratch (name) values ('a')`.execute(trx);
      return (await sql<{ name: string }>`select group_concat(name, ',') as name from (select name from scratch order by rowid)`.execute(trx)).rows[0]!.name;
    });
    expect(seen).toBe('b,a');
    expect(await names()).toEqual(['a', 'b']);
    await handle.close();
  });

  it('fails the whole transaction when a queued insert fails, keeps nothing of it, and starts the next one clean', async () => {
    const { handle, names } = await openWithTable();
    await sql`insert into scratch (name) values ('taken')`.execute(handle.writer);
    const failed = handle.writer.transaction().execute(async (trx) => {
      await sql`insert into scratch (name) values ('first')`.execute(trx);
      await sql`insert into scratch (name) values ('taken')`.execute(trx);
      await sql`insert into scratch (name) values ('after')`.execute(trx);
    });
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(await names()).toEqual(['taken']);
    await handle.writer.transaction().execute(async (trx) => void (await sql`insert into scratch (name) values ('next')`.execute(trx)));
    expect(await names()).toEqual(['next', 'taken']);
    await handle.close();
  });

  it('runs the next transaction, sent while a failing one awaits its COMMIT, as if alone', async () => {
    const { handle, names } = await openWithTable();
    await sql`insert into scratch (name) values ('taken')`.execute(handle.writer);
    const insertAll = (list: string[]) =>
      handle.writer.transaction().execute(async (trx) => {
        for (const name of list) await sql`insert into scratch (name) values (${name})`.execute(trx);
      });
    const results = await Promise.allSettled([insertAll(['a1', 'taken']), insertAll(['b1', 'b2']), insertAll(['c1', 'c1']), insertAll(['d1'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await names()).toEqual(['b1', 'b2', 'd1', 'taken']);
    await handle.close();
  });

  it('reports a duplicate through the transactor as DuplicateKeyError, with the neighbours of its group committed', async () => {
    const { handle, names } = await openWithTable();
    const transaction = transactor(handle);
    const insert = (name: string) => transaction(async (trx) => void (await sql`insert into scratch (name) values (${name})`.execute(trx)));
    const results = await Promise.allSettled([insert('x'), insert('x'), insert('y')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKeyError);
    expect(await names()).toEqual(['x', 'y']);
    await handle.close();
  });

  it('does not keep a process alive once its work is done, even if the database is never closed', () => {
    const dir = tempDir();
    const script = `
      import { openSqlite } from ${JSON.stringify(new URL('../src/store/sqlite/sqlite-database.ts', import.meta.url).pathname)};
      import { sql } from ${JSON.stringify(createRequire(import.meta.url).resolve('kysely'))};
      const handle = openSqlite(${JSON.stringify(join(dir, 'fpgo.sqlite'))});
      await sql\`create table t (n integer)\`.execute(handle.writer);
      await handle.writer.transaction().execute(async (trx) => { await sql\`insert into t values (1)\`.execute(trx); });
      console.log('wrote', (await sql\`select count(*) as n from t\`.execute(handle.db)).rows[0].n);
    `;
    const file = join(dir, 'write-and-leave.mts');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: new URL('..', import.meta.url).pathname, timeout: 30_000, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('wrote 1');
    expect(child.status).toBe(0);
  });
});
