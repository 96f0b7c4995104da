/**
 * The embedded database: one SQLite file in WAL mode, each commit on disk before it is answered.
 * Two connections on the request thread: the writer, whose commits the transactor makes durable
 * through WalSync (the log's fdatasync runs on the thread pool, so requests go on being parsed and
 * the next group's statements run while the disk works), and a reader, which WAL lets read the last
 * commit while the writer holds a transaction open.
 */
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { DatabaseHandle } from '../dialect.js';
import type { Database } from '../schema.js';
import { sqliteChangeSignal } from './sqlite-change-signal.js';
import { openSqliteConnection, StatementCache } from './sqlite-connection.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { WalSync } from './wal-sync.js';

export function openSqlite(path: string): DatabaseHandle {
  const writerConnection = openSqliteConnection(path, 'NORMAL');
  const readerConnection = openSqliteConnection(path);
  const walSync = new WalSync(`${path}-wal`);
  const writer = kyselyOver(writerConnection);
  const db = kyselyOver(readerConnection);
  return {
    db,
    writer,
    dialect: sqliteDialect,
    label: `sqlite:${path}`,
    schema: null,
    merchantChanges: sqliteChangeSignal(readerConnection),
    durable: () => walSync.durable(),
    async close() {
      await walSync.close();
      await writer.destroy();
      await db.destroy();
    },
  };
}

function kyselyOver(sqlite: SqliteDatabase.Database): Kysely<Database> {
  const statements = new StatementCache(sqlite);
  const database: KyselySqliteDatabase = { close: () => sqlite.close(), prepare: (sql) => statements.get(sql) };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
