// @ts-nocheck
import type { Transaction } from 'kysely';
import { DuplicateKeyError } from '../reservations/ports.js';
import type { DatabaseHandle } from './dialect.js';
import { GroupCommit } from './group-commit.js';
import type { Database } from './schema.js';

/** Writes of one kind that are cheaper together (multi-row inserts): the transactor hands them over as one list. */
export interface Batch<T> {
  write(trx: Transaction<Database>, items: T[]): Promise<void>;
}

/**
 * Runs work in a transaction; resolves once it is committed, and so durable (SQLite
 * synchronous=FULL, PostgreSQL synchronous_commit=on). A unique-key violation becomes DuplicateKeyError.
 *
 * Work submitted while a commit is on its way to disk runs together in the next transaction, one
 * piece after another, as if each had its own (group commit): concurrent creates, payments, claims
 * and delivery records share one fsync. Work must therefore only use `trx`, never wait on anything
 * else, and never start another transaction; if one piece fails, every piece of its group runs again alone.
 */
export type Transactor = (<T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>) & {
  /** Commits `item` with the other items of `batch` that share its transaction, written in one `batch.write`. */
  batched<T>(batch: Batch<T>, item: T): Promise<void>;
  /** Resolves once everything submitted so far is committed or failed. */
  drain(): Promise<void>;
};

type Job = { work: (trx: Transaction<Database>) => Promise<unknown>; result?: unknown } | { batch: Batch<unknown>; item: unknown };

/** Most pieces of work per transaction. */
const MAX_GROUP_SIZE = 64;

export interface TransactorHooks {
  /** Runs in every transaction after its work, before the commit (e.g. chaining the history it wrote). */
  finish?(trx: Transaction<Database>): Promise<void>;
  /** Told of every transaction that committed: how many pieces of work it held, and how long it took. */
  committed?(size: number, seconds: number): void;
}

export function transactor(handle: Pick<DatabaseHandle, 'writer' | 'dialect'>, hooks: TransactorHooks = {}): Transactor {
  const run = async <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> => {
    try {
      return await handle.writer.transaction().execute(work);
    } catch (error) {
      throw isDuplicateKey(error) ? new DuplicateKeyError(error) : error;
    }
  };
  const commit = async (jobs: Job[]) => {
    const started = performance.now();
    await run(async (trx) => {
      await runJobs(trx, jobs);
      await hooks.finish?.(trx);
    });
    hooks.committed?.(jobs.length, (performance.now() - started) / 1000);
  };
  const group = new GroupCommit<Job>({
    commitGroup: commit,
    commitOne: (job) => commit([job]),
    maxGroupSize: MAX_GROUP_SIZE,
    maxConcurrentCommits: handle.dialect.concurrentCommits,
  });
  const transaction = async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
    const job = { work, result: undefined as unknown };
    await group.submit(job);
    return job.result as T;
  };
  const batched = <T>(batch: Batch<T>, item: T) => group.submit({ batch: batch as Batch<unknown>, item });
  return Object.assign(transaction, { batched, drain: () => group.drain() });
}

/** Batched items first, one `write` per batch, then the other work in the order it came. */
async function runJobs(trx: Transaction<Database>, jobs: Job[]): Promise<void> {
  const batches = new Map<Batch<unknown>, unknown[]>();
  for (const job of jobs) {
    if (!('batch' in job)) continue;
    const items = batches.get(job.batch);
    if (items) items.push(job.item);
    else batches.set(job.batch, [job.item]);
  }
  for (const [batch, items] of batches) await batch.write(trx, items);
  for (const job of jobs) if ('work' in job) job.result = await job.work(trx);
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
