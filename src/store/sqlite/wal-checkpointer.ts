/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own. Left to itself,
 * the writer connection checkpoints inside the COMMIT that crosses 1,000 log pages: the page copies
 * and two fsyncs then stall the request thread (measured: a commit with a checkpoint took 1.1 ms on
 * average, one without 0.6 ms). Here the writer does not checkpoint (`wal_autocheckpoint = 0`);
 * every few commits this thread does, while the request thread goes on parsing and validating.
 *
 * The writer waits for a running checkpoint before it begins its next transaction, so the
 * checkpoint copies the whole log and the next transaction starts the log over from its first
 * page. Without that pause, commits landing during every checkpoint would keep the log from ever
 * being fully copied, and it would grow without bound under steady load.
 *
 * If the thread cannot open the file or a checkpoint fails, the writer goes back to checkpointing
 * itself (`fallBack`): slower, never unsafe — checkpoints only move pages already durable in the log.
 */
import { Worker } from 'node:worker_threads';

/** Commits between checkpoints. */
const COMMITS_PER_CHECKPOINT = 32;

/** The thread's answer to a checkpoint: done, or why it could not. */
type Answer = { failed?: string };

export class WalCheckpointer {
  /** Started with the first checkpoint: a short-lived process (a CLI command, a test) never needs it. */
  private worker: Worker | null = null;
  private commits = 0;
  private running: Promise<void> | null = null;
  private finish: (() => void) | null = null;
  private failed = false;

  constructor(
    private readonly path: string,
    private readonly fallBack: (reason: string) => void,
    private readonly commitsPerCheckpoint = COMMITS_PER_CHECKPOINT,
  ) {}

  /** Told of every commit of the writer; starts a checkpoint every `commitsPerCheckpoint` of them. */
  committed(): void {
    if (this.failed || this.running || ++this.commits < this.commitsPerCheckpoint) return;
    this.commits = 0;
    this.running = new Promise((resolve) => (this.finish = resolve));
    (this.worker ??= this.startThread()).postMessage('checkpoint');
  }

  /** False once the thread failed (the writer then checkpoints inside its own commits) or was closed. */
  get working(): boolean {
    return !this.failed;
  }

  /** Whether the next commit starts a checkpoint. */
  get dueAtNextCommit(): boolean {
    return !this.failed && !this.running && this.commits + 1 >= this.commitsPerCheckpoint;
  }

  /** Resolves once no checkpoint is running; the writer awaits it before each transaction. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async close(): Promise<void> {
    await this.idle();
    this.failed = true;
    this.worker?.removeAllListeners('exit');
    await this.worker?.terminate();
  }

  private startThread(): Worker {
    const worker = new Worker(new URL('./assets/checkpoint-thread.mjs', import.meta.url), { workerData: { path: this.path } });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      if (answer.failed !== undefined) this.fail(answer.failed);
      this.settle();
    });
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', (code) => this.fail(`the checkpoint thread stopped (exit code ${code})`));
    return worker;
  }

  private settle(): void {
    this.running = null;
    this.finish?.();
    this.finish = null;
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.fallBack(reason);
    this.settle();
  }
}
