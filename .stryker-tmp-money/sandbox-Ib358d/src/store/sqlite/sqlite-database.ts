/**
 * The embedded database: one SQLite file in WAL mode, each commit on disk before it is answered.
 * Writes run on a writer thread (sqlite-writer.ts), so neither the inserts nor the commit's fsync
 * hold up the request thread; reads run on a connection of the request thread, which WAL lets read
 * the last commit while the writer works on the next one.
 */
// @ts-nocheck

import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { DatabaseHandle } from '../dialect.js';
import type { Database } from '../schema.js';
import { sqliteChangeSignal } from './sqlite-change-signal.js';
import { openSqliteConnection, StatementCache } from './sqlite-connection.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { SqliteWriterThread, sqliteWriterDialect } from './sqlite-writer.js';

export function openSqlite(path: string): DatabaseHandle {
  const thread = new SqliteWriterThread(path);
  const writer = new Kysely<Database>({ dialect: sqliteWriterDialect(thread) });
  const sqlite = openSqliteConnection(path);
  const statements = new StatementCache(sqlite);
  const reader: KyselySqliteDatabase = { close: () => sqlite.close(), prepare: (sql) => statements.get(sql) };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) });
  return {
    db,
    writer,
    dialect: sqliteDialect,
    label: `sqlite:${path}`,
    schema: null,
    merchantChanges: sqliteChangeSignal(sqlite),
    async close() {
      await writer.destroy();
      await thread.close();
      await db.destroy();
    },
  };
}
