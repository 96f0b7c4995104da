/**
 * The embedded database: one SQLite file in WAL mode, each commit on disk before it is answered.
 * Two connections: the writer, on a thread of its own (writer-thread.ts), whose commits the
 * transactor makes durable through WalSync (the log's fdatasync runs on the thread pool), so the
 * request thread goes on parsing requests while statements run and the disk works; and a reader on
 * the request thread, which WAL lets read the last commit while the writer holds a transaction open.
 */
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { DatabaseHandle } from '../dialect.js';
import type { Database } from '../schema.js';
import { sqliteChangeSignal } from './sqlite-change-signal.js';
import { openSqliteConnection, sqlitePragmas, StatementCache } from './sqlite-connection.js';
import { sqliteDialect } from './sqlite-dialect.js';
import { WalSync } from './wal-sync.js';
import { WriterThread } from './writer-thread.js';

export function openSqlite(path: string): DatabaseHandle {
  const readerConnection = openSqliteConnection(path);
  const writerThread = new WriterThread(path, sqlitePragmas('NORMAL'));
  const walSync = new WalSync(`${path}-wal`);
  const writer = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new WriterThreadDriver(writerThread),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
  const db = readerOver(readerConnection);
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
      await writerThread.close();
      await db.destroy();
    },
  };
}

function readerOver(sqlite: SqliteDatabase.Database): Kysely<Database> {
  const statements = new StatementCache(sqlite);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: { close: () => sqlite.close(), prepare: (sql) => statements.get(sql) } }) });
}

/** Plain INSERTs: nothing in fpgo reads their result (no RETURNING, no insert id, no row count). */
const PLAIN_INSERT = /^\s*insert\b(?![\s\S]*\breturning\b)/i;

/** One holder's use of the writer connection, from acquire to release. */
class WriterUse implements DatabaseConnection {
  inTransaction = false;
  /** Set once its COMMIT is sent: the connection has passed to the next holder. */
  committing = false;

  constructor(
    private readonly thread: WriterThread,
    readonly release: () => void,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction && PLAIN_INSERT.test(query.sql)) {
      this.thread.queue(query.sql, query.parameters);
      return Promise.resolve({ rows: [] });
    }
    return this.thread.query<R>(query.sql, query.parameters);
  }

  streamQuery(): never {
    throw new Error('the SQLite writer does not stream; read through the reader connection');
  }
}

/**
 * Kysely's driver for the writer thread: one transaction at a time, write transactions that take
 * the write lock first. Within a transaction, BEGIN and plain INSERTs are queued on the thread
 * without waiting (a failure fails the transaction's next awaited statement, at the latest its
 * COMMIT). The thread runs statements in the order sent, so the next transaction may be sent as
 * soon as this one's COMMIT is: the connection passes on then, not when the COMMIT's answer has
 * come back to this thread (a failed COMMIT is rolled back by the writer thread itself).
 */
class WriterThreadDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly thread: WriterThread) {}

  async init(): Promise<void> {}

  /** Waits for the previous holder to release the connection. */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    return new WriterUse(this.thread, release);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as WriterUse).release();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // Immediate: the write lock is taken (waiting up to busy_timeout) before the transaction reads. A deferred
    // one that reads, then writes after another process (the CLI) committed, cannot wait: SQLITE_BUSY.
    this.thread.queue('begin immediate', []);
    (connection as WriterUse).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const use = connection as WriterUse;
    use.inTransaction = false;
    const committed = this.thread.query('commit', []);
    use.committing = true;
    use.release();
    await committed;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const use = connection as WriterUse;
    use.inTransaction = false;
    // A COMMIT that failed was rolled back by the writer thread; the connection may already run the next transaction.
    if (!use.committing) await this.thread.rollback();
  }

  async destroy(): Promise<void> {}
}
