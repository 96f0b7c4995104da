/**
 * Commits groups of write-only work on a SQLite connection owned by a thread of its own
 * (assets/batch-writer-thread.mjs). A group of new reservations is a few multi-row INSERTs and one
 * UPDATE whose answers nobody reads: the request thread builds their SQL, and SQLite's own work —
 * inserting rows, updating indexes, appending the transaction to the log at COMMIT — runs beside it,
 * while requests go on being parsed and validated. The whole transaction crosses to the thread once
 * and its answer once; work that must read (a locked row, a RETURNING) stays on the request
 * thread's writer (see offThread in sqlite-database.ts).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

type Answer = { id: number; error?: { message: string; code?: string } };

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
  private readonly waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
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

  /** Resolves once every group sent so far is answered: the request thread's writer waits for it before it begins. */
  idle(): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Runs `statements` as one transaction on the thread, after the groups sent before it; resolves once
   * it is committed (not yet flushed: see WalSync).
   */
  commit(statements: readonly Statement[]): Promise<void> {
    if (this.broken !== null) return Promise.reject(new BatchWriterError(this.broken, 'SQLITE_IOERR'));
    const id = this.nextId++;
    const thread = (this.thread ??= this.startThread());
    if (this.waiting.size === 0) this.keepAlive(true);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      thread.worker.postMessage({ id, transaction: statements });
    });
  }

  /**
   * Settles the groups whose answers have arrived, now. Under load the request thread's event loop
   * may be busy for milliseconds before it delivers them; callers on the request path (each new
   * write) take them as they pass, so the requests they answer are not held that long.
   */
  takeAnswers(): void {
    if (this.waiting.size === 0 || !this.thread) return;
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

  private settle({ id, error }: Answer): void {
    if (id === 0 && error) return this.fail(error.message);
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (error) waiting.reject(new BatchWriterError(error.message, error.code));
    else waiting.resolve();
    if (this.waiting.size === 0) this.becameIdle();
  }

  private becameIdle(): void {
    this.keepAlive(false);
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /**
   * What waited fails. A thread that died took its open transaction with it (SQLite discards it); one
   * that died between its COMMIT and its answer leaves a group that took effect, which a retry then
   * meets as duplicate keys — failed, never written twice.
   */
  private fail(reason: string): void {
    this.broken ??= reason;
    for (const waiting of this.waiting.values()) waiting.reject(new BatchWriterError(reason, 'SQLITE_IOERR'));
    this.waiting.clear();
    this.becameIdle();
  }
}
