/**
 * Commits groups of write-only work on a SQLite connection owned by a thread of its own
 * (assets/batch-writer-thread.mjs). A group of new reservations is a few multi-row INSERTs and one
 * UPDATE whose answers nobody reads: the request thread builds their SQL, and SQLite's own work —
 * inserting rows, updating indexes, appending the transaction to the log at COMMIT — runs beside it,
 * while requests go on being parsed and validated. The whole transaction crosses to the thread once
 * and its answer once; work that must read (a locked row, a RETURNING) stays on the request
 * thread's writer (see offThread in sqlite-database.ts).
 *
 * The thread also makes its commits durable: right after a COMMIT it starts fdatasync on the log (on
 * libuv's pool, from its own event loop, which is idle between groups), and says when the log is on
 * disk up to which group. Were the request thread to start and collect those flushes, each would
 * wait for that thread's event loop twice, and under load that loop is busy for milliseconds.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

type ThreadError = { message: string; code?: string };
/** `id`: that group committed (or failed); `flushed`: every group committed up to that id is on disk (or the flush failed). */
type Answer = { id: number; error?: ThreadError } | { flushed: number; error?: ThreadError };

/** A group the thread committed: `durable` settles once it is on disk. */
export interface CommittedGroup {
  durable: Promise<void>;
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/** An error of the batch writer's connection, with SQLite's code (e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class BatchWriterError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

interface Thread {
  worker: Worker;
  /** Where the thread's answers arrive. */
  answers: MessagePort;
  /** Settles when the thread has ended, however it ended. */
  exited: Promise<unknown>;
}

export class BatchWriter {
  /** Started with the first group: a short-lived process (a CLI command, most tests) never needs it. */
  private thread: Thread | null = null;
  /** Groups sent and not yet committed, by id. */
  private readonly committing = new Map<number, Waiting<CommittedGroup>>();
  /** Groups committed and not yet on disk, in id order (the order they were committed in). */
  private readonly flushing = new Map<number, Waiting<void>>();
  private nextId = 1;
  private broken: string | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly path: string,
    private readonly pragmas: readonly string[],
  ) {}

  /** False once the thread failed: groups are then committed on the request thread. */
  get available(): boolean {
    return this.broken === null;
  }

  /** Whether a group sent is not yet committed and on disk. */
  get busy(): boolean {
    return !this.nothingPending();
  }

  /** Resolves once every group sent so far is committed or failed: the request thread's writer waits for it before it begins. */
  idle(): Promise<void> {
    if (this.committing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Runs `statements` as one transaction on the thread, after the groups sent before it; resolves once
   * it is committed, with a promise of it being on disk.
   */
  commit(statements: readonly Statement[]): Promise<CommittedGroup> {
    if (this.broken !== null) return Promise.reject(new BatchWriterError(this.broken, 'SQLITE_IOERR'));
    const id = this.nextId++;
    const thread = (this.thread ??= this.startThread());
    if (this.nothingPending()) this.keepAlive(true);
    return new Promise((resolve, reject) => {
      this.committing.set(id, { resolve, reject });
      thread.worker.postMessage({ id, transaction: statements });
    });
  }

  /**
   * Settles the groups whose answers have arrived, now. Under load the request thread's event loop
   * may be busy for milliseconds before it delivers them; callers on the request path (each new
   * write) take them as they pass, so the requests they answer are not held that long.
   */
  takeAnswers(): void {
    if (this.nothingPending() || !this.thread) return;
    for (let next = receiveMessageOnPort(this.thread.answers); next; next = receiveMessageOnPort(this.thread.answers)) this.settle(next.message as Answer);
  }

  async close(): Promise<void> {
    this.fail('the batch writer is closed');
    const thread = this.thread;
    this.thread = null;
    if (!thread) return;
    thread.answers.close();
    // The thread closes its connection (the process's file descriptors), then ends.
    thread.worker.postMessage({ close: true });
    await thread.exited;
  }

  private startThread(): Thread {
    const { port1: answers, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./assets/batch-writer-thread.mjs', import.meta.url), {
      workerData: { path: this.path, pragmas: this.pragmas, answers: port2 },
      transferList: [port2],
    });
    answers.on('message', (answer: Answer) => this.settle(answer));
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', (code) => this.fail(`the batch writer thread stopped (exit code ${code})`));
    return { worker, answers, exited: new Promise((resolve) => worker.once('exit', resolve)) };
  }

  /** The thread keeps the process alive only while a group is on its way. */
  private keepAlive(on: boolean): void {
    for (const handle of [this.thread?.worker, this.thread?.answers]) {
      if (on) handle?.ref();
      else handle?.unref();
    }
  }

  private settle(answer: Answer): void {
    if ('flushed' in answer) this.settleFlushed(answer.flushed, answer.error);
    else this.settleCommitted(answer.id, answer.error);
    if (this.committing.size === 0) this.wakeIdleWaiters();
    if (this.nothingPending()) this.keepAlive(false);
  }

  private settleCommitted(id: number, error: ThreadError | undefined): void {
    if (id === 0 && error) return this.fail(error.message);
    const waiting = this.committing.get(id);
    if (!waiting) return;
    this.committing.delete(id);
    if (error) return waiting.reject(new BatchWriterError(error.message, error.code));
    const durable = new Promise<void>((resolve, reject) => this.flushing.set(id, { resolve, reject }));
    // Handled here too, so a flush failing before the caller awaits it is never an unhandled rejection.
    durable.catch(() => {});
    waiting.resolve({ durable });
  }

  private settleFlushed(upTo: number, error: ThreadError | undefined): void {
    for (const [id, waiting] of this.flushing) {
      if (id > upTo) break;
      this.flushing.delete(id);
      if (error) waiting.reject(new BatchWriterError(error.message, error.code));
      else waiting.resolve();
    }
  }

  private nothingPending(): boolean {
    return this.committing.size === 0 && this.flushing.size === 0;
  }

  /**
   * What waited fails. A thread that died took its open transaction with it (SQLite discards it); one
   * that died between its COMMIT and its answer leaves a group that took effect, which a retry then
   * meets as duplicate keys — failed, never written twice. A group committed and not yet flushed took
   * effect too: its callers fail without a retry (the transactor's NotDurableError).
   */
  private fail(reason: string): void {
    this.broken ??= reason;
    for (const waiting of [...this.committing.values(), ...this.flushing.values()]) waiting.reject(new BatchWriterError(reason, 'SQLITE_IOERR'));
    this.committing.clear();
    this.flushing.clear();
    this.keepAlive(false);
    this.wakeIdleWaiters();
  }

  private wakeIdleWaiters(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
