/** How fpgo opens a SQLite connection: WAL, foreign keys, a prepared-statement cache. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

const CONNECTION_PRAGMAS = ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000'];

/**
 * The writers (the request thread's and the batch writer's) commit with `synchronous = NORMAL`: COMMIT
 * does not wait for the disk; the log is flushed before anyone is answered (WalSync for the request
 * thread's writer, the batch writer's thread for its own commits). They leave checkpoints to the checkpoint thread (`wal_autocheckpoint = 0`).
 *
 * They keep statement journals in memory. Inside a transaction, a multi-row INSERT saves the pages
 * it changes to a statement journal, so that a row that fails undoes that statement alone; SQLite
 * spills that journal to a temporary file past 64 KiB, and those file writes were a quarter of the
 * batch writer's CPU per create (`bench/create-store.ts`). The journal never outlives its statement
 * and nothing reads it after a crash (the write-ahead log keeps transactions atomic), so memory
 * loses nothing. The reader keeps the default: its large sorts (exports) may still spill to disk.
 */
export const WRITER_PRAGMAS: readonly string[] = [...CONNECTION_PRAGMAS, 'synchronous = NORMAL', 'temp_store = MEMORY', 'wal_autocheckpoint = 0'];

/** The reader writes nothing (every write goes through a writer): SQLite's safe defaults, so its large sorts may spill to disk. */
const READER_PRAGMAS = [...CONNECTION_PRAGMAS, 'synchronous = FULL'];

export function openSqliteConnection(path: string, role: 'writer' | 'reader'): SqliteDatabase.Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  for (const pragma of role === 'writer' ? WRITER_PRAGMAS : READER_PRAGMAS) sqlite.pragma(pragma);
  return sqlite;
}

/**
 * Kysely prepares every statement anew; better-sqlite3 statements are reusable, so the SQL texts
 * in use (a bounded set: the queries fpgo's code builds) keep their prepared statement.
 */
export class StatementCache {
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly capacity = 512,
  ) {}

  get(sql: string): SqliteDatabase.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      statement = this.sqlite.prepare(sql);
      if (this.statements.size >= this.capacity) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, statement);
    return statement;
  }
}
