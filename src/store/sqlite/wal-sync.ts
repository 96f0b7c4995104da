/**
 * Makes the request thread's SQLite commits durable off that thread (the batch writer's thread
 * flushes after its own commits, the same way: assets/batch-writer-thread.mjs). The writer
 * connection commits with `synchronous = NORMAL`: COMMIT appends the transaction to the write-ahead
 * log and returns without waiting for the disk. Before any caller is told its write succeeded,
 * `durable()` flushes the log file with fdatasync on libuv's thread pool, so the request thread
 * parses and validates other requests (and runs the next group's statements) while the disk works.
 * One flush covers every commit appended before it, so concurrent callers share it.
 *
 * A checkpoint (SQLite copying the log into the database file) syncs the log itself first, and the
 * log file is reused in place, never replaced while the connection is open, so one open descriptor
 * stays valid for the connection's life.
 */
import { open, type FileHandle } from 'node:fs/promises';

export class WalSync {
  private file: Promise<FileHandle> | null = null;
  private flushing: Promise<void> | null = null;
  private flushAgain: Promise<void> | null = null;

  constructor(private readonly walPath: string) {}

  /** Resolves once every commit made before the call is on disk. */
  durable(): Promise<void> {
    // A flush already running may have started before the caller's commit: queue one more after it.
    if (!this.flushing) return (this.flushing = this.flush());
    this.flushAgain ??= this.flushing.then(
      () => this.nextFlush(),
      () => this.nextFlush(),
    );
    return this.flushAgain;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.flushing, this.flushAgain]);
    const file = this.file;
    this.file = null;
    if (file) await (await file).close();
  }

  private nextFlush(): Promise<void> {
    this.flushAgain = null;
    return (this.flushing = this.flush());
  }

  private async flush(): Promise<void> {
    try {
      this.file ??= open(this.walPath, 'r+');
      await (await this.file).datasync();
    } catch (error) {
      this.file = null;
      throw error;
    } finally {
      this.flushing = null;
    }
  }
}
