/**
 * A Kysely dialect whose one connection lives on the SQLite writer thread: every statement is a
 * message there and back, so the request thread parses and validates other requests while a group
 * of writes is inserted and its commit waits for the disk.
 */
// @ts-nocheck

import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { WriterReply, WriterRequest } from './sqlite-writer-protocol.js';

/** An error of the writer thread, with SQLite's code (e.g. SQLITE_CONSTRAINT_UNIQUE) kept. */
class SqliteWriterError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Starts the writer thread from its compiled file, or — when the caller itself runs from TypeScript
 * sources, as the tests do — from its .ts file through tsx's loader (a development dependency).
 */
function startThread(compiled: URL, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(compiled, { workerData });
  const source = compiled.href.replace(/\.js$/, '.ts');
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(reply: Extract<WriterReply, { ok: true }>): void; reject(error: Error): void }>();
  private nextId = 1;
  private readonly exited: Promise<void>;

  constructor(path: string) {
    this.worker = startThread(new URL('./sqlite-writer-thread.js', import.meta.url), { path });
    this.worker.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply);
      else waiting.reject(new SqliteWriterError(reply.message, reply.code));
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the SQLite writer thread stopped')));
  }

  execute(sql: string, parameters: readonly unknown[]): Promise<Extract<WriterReply, { ok: true }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'query', id, sql, parameters } satisfies WriterRequest);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await this.exited;
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

class WriterConnection implements DatabaseConnection {
  constructor(private readonly thread: SqliteWriterThread) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.thread.execute(query.sql, query.parameters);
    if (reply.changes === undefined) return { rows: reply.rows as R[] };
    return { rows: reply.rows as R[], numAffectedRows: BigInt(reply.changes), insertId: reply.lastInsertRowid };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite writer does not stream');
  }
}

/** One connection, so one user at a time (as Kysely's own SQLite driver does). */
class WriterDriver implements Driver {
  private readonly connection: WriterConnection;
  private queue: Promise<void> = Promise.resolve();

  constructor(thread: SqliteWriterThread) {
    this.connection = new WriterConnection(thread);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise((resolve) => (release = resolve));
    await previous;
    this.releaseNext = release;
    return this.connection;
  }

  private releaseNext: () => void = () => {};

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.releaseNext();
  }

  async destroy(): Promise<void> {}
}

export function sqliteWriterDialect(thread: SqliteWriterThread): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new WriterDriver(thread),
    createIntrospector: (db: Kysely<any>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
