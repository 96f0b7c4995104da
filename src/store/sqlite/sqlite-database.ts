/**
 * The embedded database: one SQLite file in WAL mode, each commit on disk before it is answered.
 * Two connections on the request thread: the writer, whose commits the transactor makes durable
 * through WalSync (the log's fdatasync runs on the thread pool, so requests go on being parsed and
 * the next group's statements run while the disk works), and a reader, which WAL lets read the last
 * commit while the writer holds a transaction open. The log is copied into the database file by a
 * checkpoint thread of its own (wal-checkpointer.ts), not inside the writer's commits. Groups of
 * write-only work (creates) are committed by a third connection, the batch writer's, on its own
 * thread (batch-writer.ts), which also flushes the log for them; the writer waits for its groups
 * before it begins, so the two never wait on each other's lock.
 */
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Dialect, type Driver, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { DatabaseHandle } from '../dialect.js';
import type { Database } from '../schema.js';
import { BatchWriter } from './batch-writer.js';
import { TransactionRecorder } from './recorded-transaction.js';
import { sqliteChangeSignal } from './sqlite-change-signal.js';
import { openSqliteConnection, StatementCache, WRITER_PRAGMAS } from './sqlite-connection.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { WalSync } from './wal-sync.js';

export function openSqlite(path: string): DatabaseHandle {
  const writerConnection = openSqliteConnection(path, 'writer');
  const readerConnection = openSqliteConnection(path, 'reader');
  const walSync = new WalSync(`${path}-wal`);
  const recorder = new TransactionRecorder();
  const batchWriter = new BatchWriter(path, WRITER_PRAGMAS);
  const checkpointer = new WalCheckpointer(path, (reason) => {
    writerConnection.pragma('wal_autocheckpoint = 1000');
    process.emitWarning(`SQLite's checkpoints run inside the writer's commits again: ${reason}`);
  });
  const writer = kyselyOver(writerConnection, (database) => new WriterDriver(writerConnection, checkpointer, batchWriter, database));
  const db = kyselyOver(readerConnection);
  return {
    db,
    writer,
    async offThread(work) {
      // The writer connection is held while the group is recorded and sent: transactions reach the
      // database in the order their statements were built (chain heads), and the request thread's
      // writer, which waits for the batch writer to be idle, never waits on its lock.
      const sent = await writer.connection().execute(async () => {
        // Only the request thread's writer checkpoints inside its commits: without the thread, every group is committed there.
        if (!checkpointer.working || !batchWriter.available) return null;
        const statements = await recorder.record(work);
        if (!statements) return null;
        // The checkpoint the previous group's answer starts must find no group behind it, or the log could never start over.
        if (checkpointer.dueAtNextCommit) await batchWriter.idle();
        await checkpointer.idle();
        return { answer: batchWriter.commit(statements) };
      });
      if (!sent) return null;
      const committed = await sent.answer;
      checkpointer.committed();
      return committed;
    },
    collectOffThreadAnswers: () => batchWriter.takeAnswers(),
    offThreadBusy: () => batchWriter.busy,
    dialect: sqliteDialect,
    label: `sqlite:${path}`,
    schema: null,
    merchantChanges: sqliteChangeSignal(readerConnection),
    durable: () => walSync.durable(),
    async close() {
      await walSync.close();
      await batchWriter.close();
      await checkpointer.close();
      await writer.destroy();
      await db.destroy();
    },
  };
}

function kyselyOver(sqlite: SqliteDatabase.Database, driver?: (database: KyselySqliteDatabase) => Driver): Kysely<Database> {
  const statements = new StatementCache(sqlite);
  const database: KyselySqliteDatabase = { close: () => sqlite.close(), prepare: (sql) => statements.get(sql) };
  const plain = new SqliteDialect({ database });
  const dialect: Dialect = driver ? { ...dialectParts(plain), createDriver: () => driver(database) } : plain;
  return new Kysely<Database>({ dialect });
}

function dialectParts(dialect: Dialect): Omit<Dialect, 'createDriver'> {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

/**
 * Kysely's SQLite driver, with write transactions that take the write lock first, survive SQLite's
 * own rollback, and begin only when no checkpoint is running.
 */
class WriterDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly checkpointer: WalCheckpointer,
    private readonly batchWriter: BatchWriter,
    database: KyselySqliteDatabase,
  ) {
    super({ database });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.batchWriter.idle();
    await this.checkpointer.idle();
    // Immediate: the write lock is taken (waiting up to busy_timeout) before the transaction reads. A deferred
    // one that reads, then writes after another process (the CLI) committed, cannot wait: SQLITE_BUSY.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.checkpointer.committed();
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After an I/O error (a full disk, a file that became read-only) SQLite has rolled back already:
    // a second rollback would replace that error with "no transaction is active".
    if (this.sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
}
