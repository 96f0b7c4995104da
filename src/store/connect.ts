/**
 * Opens the database named by DATABASE_URL: `sqlite:PATH` (embedded, the default) or
 * `postgres://…` (production, several server processes). A `?schema=NAME` parameter on a
 * PostgreSQL URL keeps fpgo's tables in that schema (created when missing).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import pg from 'pg';
import { postgresChangeSignal, sqliteChangeSignal, type ChangeSignal } from './change-signal.js';
import type { Database } from './schema.js';

export type Backend = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** PostgreSQL schema holding fpgo's tables (`public` unless DATABASE_URL names one); null on SQLite. */
  schema: string | null;
  /** Tells caches of merchants and tokens when another process changed them. */
  merchantChanges: ChangeSignal;
  close(): Promise<void>;
  /** A short description without credentials, for logs. */
  label: string;
}

export type DatabaseTarget =
  | { backend: 'sqlite'; path: string }
  | { backend: 'postgres'; connectionString: string; schema: string | null };

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/fpgo.sqlite');
    return { backend: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error('DATABASE_URL schema must be a lower-case SQL identifier');
    }
    parsed.searchParams.delete('schema');
    return { backend: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

/** int8 columns (money, instants) come back from pg as strings; they always fit a safe integer. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value out of range: ${text}`);
  return value;
}

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8) return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export async function openDatabase(url: string): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  if (target.backend === 'sqlite') return openSqlite(target.path);
  return openPostgres(target.connectionString, target.schema);
}

function openSqlite(path: string): DatabaseHandle {
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
    backend: 'sqlite',
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

async function openPostgres(connectionString: string, schema: string | null): Promise<DatabaseHandle> {
  if (schema) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await setup.end();
    }
  }
  const searchPathOptions = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({ connectionString, max: 12, types: pgTypes, ...(searchPathOptions ? { options: searchPathOptions } : {}) });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const host = new URL(connectionString);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const merchantChanges = postgresChangeSignal(connectionString, { searchPathOptions });
  return {
    db,
    backend: 'postgres',
    schema: schema ?? 'public',
    merchantChanges,
    async close() {
      await merchantChanges.close();
      await db.destroy();
    },
    label: `postgres://${host.host}${host.pathname}${schema ? `?schema=${schema}` : ''}`,
  };
}
