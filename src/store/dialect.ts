/**
 * Where SQLite and PostgreSQL differ, in one object per backend (sqlite/ and postgres/ hold the
 * two). Everything else in the store is the same Kysely code on both.
 */
import type { CreateTableBuilder, Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { Database } from './schema.js';

export interface Dialect {
  readonly backend: 'sqlite' | 'postgres';
  /** Groups committing at once: SQLite runs one transaction at a time but flushes one while running the next; PostgreSQL commits several on its pool. */
  readonly concurrentCommits: number;
  /** Locks the rows `query` selects until the transaction ends (SQLite: nothing to do, its one writer holds them all). */
  lockRows<TB extends keyof Database, O>(query: SelectQueryBuilder<Database, TB, O>): Promise<void>;
  /** Reads rows to update them, locked against other transactions (SQLite: its one writer already excludes them). */
  forUpdate<TB extends keyof Database, O>(query: SelectQueryBuilder<Database, TB, O>): SelectQueryBuilder<Database, TB, O>;
  /** Rows several processes claim at once: each skips those another is claiming, instead of waiting. */
  skipLocked<DB, TB extends keyof DB & string, O>(query: SelectQueryBuilder<DB, TB, O>, table: TB): SelectQueryBuilder<DB, TB, O>;
  /**
   * Runs several reads that belong together (a reservation and its ledger) outside any write. SQLite: in one
   * read transaction, so they see one commit, and its read lock is taken once instead of per statement
   * (two `fcntl` calls each). PostgreSQL: as they come, in parallel on the pool.
   */
  readTogether<T>(db: Kysely<Database>, read: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Adds an auto-incrementing integer primary key named `id` (in migrations). */
  serialId<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
}

/** Lets a process-local cache know when another process (a second server, the CLI) may have changed what it holds. */
export interface ChangeSignal {
  /** True when cached data may be stale; reading it resets the signal. */
  takeChanged(): boolean;
  /** Tells the other processes, when `trx` commits, that cached data changed. */
  announce(trx: Transaction<Database>): Promise<void>;
  close(): Promise<void>;
}

/** An open database, whichever backend. */
export interface DatabaseHandle {
  /** For reads outside transactions. */
  db: Kysely<Database>;
  /** For transactions and migrations (SQLite: the writer connection; PostgreSQL: the same pool as `db`). */
  writer: Kysely<Database>;
  /** Resolves once every transaction committed on `writer` (or by `offThread`) before the call is on disk. */
  durable(): Promise<void>;
  /**
   * SQLite: commits `work` on a thread of its own if every statement it runs is one whose answer nobody
   * reads (inserts, plain updates); null, having changed nothing, when it must run on `writer` instead.
   * Resolves once committed, with `durable`, which settles once that thread has flushed the commit to
   * disk (it need not wait for `durable()`). Absent on PostgreSQL.
   */
  offThread?(work: (trx: Transaction<Database>) => Promise<void>): Promise<{ durable: Promise<void> } | null>;
  /**
   * SQLite: settles the `offThread` commits whose answers have arrived, without waiting for the event
   * loop to deliver them (under load it can be busy for milliseconds). Called as each new write arrives.
   */
  collectOffThreadAnswers?(): void;
  /** SQLite: whether commits made by `offThread` are still on their way (committing or being flushed). */
  offThreadBusy?(): boolean;
  dialect: Dialect;
  /** PostgreSQL schema holding fpgo's tables (`public` unless DATABASE_URL names one); null on SQLite. */
  schema: string | null;
  /** Tells caches of merchants and tokens when another process changed them. */
  merchantChanges: ChangeSignal;
  close(): Promise<void>;
  /** A short description without credentials, for logs. */
  label: string;
}
