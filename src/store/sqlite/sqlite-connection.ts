/** How fpgo opens a SQLite connection: WAL, foreign keys, a prepared-statement cache. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * `synchronous`: FULL makes COMMIT wait for the disk itself; NORMAL leaves that wait to the caller
 * (the writer connection flushes the log through WalSync, off the request thread, before it answers).
 */
export function openSqliteConnection(path: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): SqliteDatabase.Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  for (const pragma of connectionPragmas(synchronous)) sqlite.pragma(pragma);
  return sqlite;
}

function connectionPragmas(synchronous: 'FULL' | 'NORMAL'): string[] {
  return ['journal_mode = WAL', `synchronous = ${synchronous}`, 'foreign_keys = ON', 'busy_timeout = 5000'];
}

/** The batch writer's connection: flushed by WalSync like the request thread's writer, checkpointed by the checkpoint thread. */
export const BATCH_WRITER_PRAGMAS: readonly string[] = [...connectionPragmas('NORMAL'), 'wal_autocheckpoint = 0'];

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
