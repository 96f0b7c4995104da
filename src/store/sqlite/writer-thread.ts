/**
 * The SQLite writer connection, on a thread of its own (assets/writer-thread.mjs): the request
 * thread builds each statement with Kysely and hands it over; the inserts, index updates and the
 * COMMIT's log writes run beside it, so requests go on being parsed and validated meanwhile.
 * Statements run one at a time in the order sent; the transactor and Kysely's driver keep one
 * transaction at a time on this connection. Inside a transaction, statements whose result nobody
 * reads (BEGIN, plain INSERTs) are queued and travel with the next statement that is waited for:
 * a group of creates then crosses to the thread three times instead of once per statement (each
 * crossing wakes the thread, which on a busy machine costs the request thread its core for a moment).
 */
import { Worker } from 'node:worker_threads';
import type { QueryResult } from 'kysely';

type Reply = { id: number; result: unknown } | { id: number; error: SerializedError };
type SerializedError = { message: string; code?: string; name: string };

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** An error of the writer connection as the request thread sees it: SQLite's message and code (e.g. SQLITE_FULL). */
export class SqliteWriterError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

export class WriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private queued: { sql: string; parameters: readonly unknown[] }[] = [];
  private stopped: Error | null = null;

  constructor(path: string, pragmas: readonly string[]) {
    this.worker = new Worker(new URL('./assets/writer-thread.mjs', import.meta.url), { workerData: { path, pragmas } });
    // The thread keeps the process alive only while a statement is on its way (see `send`).
    this.worker.unref();
    // Statements sent before the thread opened the file wait in its queue; if it cannot open it, they fail with the reason.
    this.worker.on('message', (message: Reply | { ready: boolean; error?: SerializedError }) => {
      if (!('ready' in message)) this.settle(message);
      else if (!message.ready) this.stop(errorFrom(message.error!));
    });
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new SqliteWriterError(`the SQLite writer thread stopped (exit code ${code})`, 'SQLITE_IOERR')));
  }

  async query<R>(sql: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const result = (await this.send({ op: 'query', sql, parameters })) as { rows: R[] } | { changes: number; lastInsertRowid: number | bigint };
    if ('rows' in result) return { rows: result.rows };
    return { numAffectedRows: BigInt(result.changes), insertId: BigInt(result.lastInsertRowid), rows: [] };
  }

  /**
   * Runs a statement before the next one sent, without an answer of its own. If it fails, the
   * statements after it are skipped and the next statement waited for fails with its error.
   */
  queue(sql: string, parameters: readonly unknown[]): void {
    this.queued.push({ sql, parameters });
  }

  /** Rolls back the open transaction, if SQLite has not already (it does after an I/O error). */
  async rollback(): Promise<void> {
    await this.send({ op: 'rollback' });
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this.send({ op: 'close' }).catch(() => {});
    await this.worker.terminate();
  }

  private async send(message: { op: 'query'; sql: string; parameters: readonly unknown[] } | { op: 'rollback' | 'close' }): Promise<unknown> {
    // A rollback drops what was queued for the transaction it ends.
    const queued = message.op === 'rollback' ? [] : this.queued;
    this.queued = [];
    if (this.stopped) throw this.stopped;
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message, queued });
    });
  }

  private settle(reply: Reply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('error' in reply) waiting.reject(errorFrom(reply.error));
    else waiting.resolve(reply.result);
  }

  /** A thread that died takes its open transaction with it (SQLite discards it); what waited fails. */
  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const waiting of this.waiting.values()) waiting.reject(this.stopped);
    this.waiting.clear();
  }
}

function errorFrom(error: SerializedError): SqliteWriterError {
  return new SqliteWriterError(error.message, error.code);
}
