/**
 * The embedded database: one SQLite file in WAL mode, each commit on disk before it is answered.
 * Two connections: the writer, on a thread of its own (writer-thread.ts), whose commits the
 * transactor makes durable through WalSync (the log's fdatasync runs on the thread pool), so the
 * request thread goes on parsing requests while statements run and the disk works; and a reader on
 * the request thread, which WAL lets read the last commit while the writer holds a transaction open.
 */
import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
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

/**
 * Kysely's driver for the writer thread: one connection, one transaction at a time, write
 * transactions that take the write lock first. Within a transaction, BEGIN and plain INSERTs are
 * queued on the thread without waiting (a failure fails the transaction's next awaited statement,
 * at the latest its COMMIT).
 */
class WriterThreadDriver implements Driver {
  private readonly connection: DatabaseConnection;
  private queue: Promise<void> = Promise.resolve();
  private release: () => void = () => {};
  private inTransaction = false;

  constructor(private readonly thread: WriterThread) {
    this.connection = {
      executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        if (this.inTransaction && PLAIN_INSERT.test(query.sql)) {
          thread.queue(query.sql, query.parameters);
          return Promise.resolve({ rows: [] });
        }
        return thread.query<R>(query.sql, query.parameters);
      },
      streamQuery: () => {
        throw new Error('the SQLite writer does not stream; read through the reader connection');
      },
    };
  }

  async init(): Promise<void> {}

  /** Waits for the previous holder to release the connection. */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    this.release();
  }

  async beginTransaction(): Promise<void> {
    // Immediate: the write lock is taken (waiting up to busy_timeout) before the transaction reads. A deferred
    // one that reads, then writes after another process (the CLI) committed, cannot wait: SQLITE_BUSY.
    this.thread.queue('begin immediate', []);
    this.inTransaction = true;
  }

  async commitTransaction(): Promise<void> {
    this.inTransaction = false;
    await this.thread.query('commit', []);
  }

  async rollbackTransaction(): Promise<void> {
    this.inTransaction = false;
    await this.thread.rollback();
  }

  async destroy(): Promise<void> {}
}
