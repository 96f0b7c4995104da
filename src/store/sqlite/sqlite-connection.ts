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
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
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
