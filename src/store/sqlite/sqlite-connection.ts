/** How fpgo opens a SQLite connection: WAL, foreign keys, a prepared-statement cache. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * The settings of every fpgo connection. busy_timeout first: switching to WAL needs a lock another
 * connection may hold for a moment. `synchronous`: FULL makes COMMIT wait for the disk itself;
 * NORMAL leaves that wait to the caller (the writer's commits are flushed through WalSync before
 * they are answered).
 */
export function sqlitePragmas(synchronous: 'FULL' | 'NORMAL' = 'FULL'): string[] {
  return ['busy_timeout = 5000', 'journal_mode = WAL', `synchronous = ${synchronous}`, 'foreign_keys = ON'];
}

/** A connection on this thread (the reader), creating the file and its folder when missing. */
export function openSqliteConnection(path: string): SqliteDatabase.Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  for (const pragma of sqlitePragmas()) sqlite.pragma(pragma);
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
