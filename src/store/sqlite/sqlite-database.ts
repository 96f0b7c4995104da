/** The embedded database: one SQLite file in WAL mode, each commit on disk before it is answered. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { DatabaseHandle } from '../dialect.js';
import type { Database } from '../schema.js';
import { sqliteChangeSignal } from './sqlite-change-signal.js';
import { sqliteDialect } from './sqlite-dialect.js';

export function openSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: COMMIT returns once the transaction is on disk; group commit shares that wait among requests.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: sqliteDialect,
    label: `sqlite:${path}`,
    schema: null,
    merchantChanges: sqliteChangeSignal(sqlite),
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every statement anew; better-sqlite3 statements are reusable, so the SQL texts
 * in use (a bounded set: the queries fpgo's code builds) keep their prepared statement.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 512): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
