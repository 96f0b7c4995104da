import type { Transaction } from 'kysely';
import { DuplicateKeyError } from '../reservations/ports.js';
import type { DatabaseHandle } from './dialect.js';
import { GroupCommit } from './group-commit.js';
import type { Database } from './schema.js';

/** Writes of one kind that are cheaper together (multi-row inserts): the transactor hands them over as one list. */
export interface Batch<T> {
  write(trx: Transaction<Database>, items: T[]): Promise<void>;
  /**
   * True when `write` only inserts and updates and never reads an answer (rows, counts): a group of
   * such writes may then be committed off the request thread (DatabaseHandle.offThread).
   */
  writeOnly?: boolean;
}

/**
 * Runs work in a transaction; resolves once it is committed and on disk (SQLite: the log flushed
 * after COMMIT, see wal-sync.ts; PostgreSQL: synchronous_commit=on). A unique-key violation becomes DuplicateKeyError.
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

/**
 * A group this large goes off the request thread when it can: under load groups grow, and their SQLite
 * work then runs beside the parsing of the next requests. A lone write on an idle store is quicker
 * without the crossing; while groups are still on their way off the thread, it goes after them, since
 * on the request thread's writer it would first wait for all of them to end (see sqlite-database.ts),
 * and no group could be sent meanwhile: under the create benchmark one group in eight was a lone
 * write, each such a gap in the stream of commits.
 */
const MIN_OFF_THREAD_GROUP = 2;

export interface TransactorHooks {
  /** Runs in every transaction after its work, before the commit (e.g. chaining the history it wrote); `recorded`: for offThread. */
  finish?(trx: Transaction<Database>, recorded: boolean): Promise<void>;
  /** Told of every transaction that committed: how many pieces of work it held, and how long it took. */
  committed?(size: number, seconds: number): void;
  /** Told of every transaction that failed (what `finish` expected to be stored may not be). */
  failed?(): void;
  /**
   * Whether recorded work (offThread) failed only because what `finish` chained it to was moved meanwhile
   * (a group before it failed, or another process wrote): nothing of it was written, and it runs again
   * at once on the request thread's writer, reading afresh.
   */
  builtOnMovedState?(error: unknown): boolean;
}

/**
 * The transaction committed but could not be made durable (the disk failed under it). Its work must
 * not run again — it took effect — so the group's pieces are not retried alone; each caller fails.
 */
export class NotDurableError extends Error {
  constructor(readonly reason: unknown) {
    super(`a transaction committed but could not be flushed to disk: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

export function transactor(
  handle: Pick<DatabaseHandle, 'writer' | 'dialect' | 'durable' | 'offThread' | 'collectOffThreadAnswers' | 'offThreadBusy'>,
  hooks: TransactorHooks = {},
): Transactor {
  const offThread = (jobs: Job[]) =>
    handle.offThread !== undefined &&
    (jobs.length >= MIN_OFF_THREAD_GROUP || handle.offThreadBusy?.() === true) &&
    jobs.every((job) => 'batch' in job && job.batch.writeOnly === true);
  const readAfresh = (error: unknown): null => {
    if (hooks.builtOnMovedState?.(error) !== true) throw error;
    hooks.failed?.();
    return null;
  };
  const commit = async (jobs: Job[], committed?: () => void) => {
    const started = performance.now();
    const work = (recorded: boolean) => async (trx: Transaction<Database>) => {
      await runJobs(trx, jobs);
      await hooks.finish?.(trx, recorded);
    };
    let committedOffThread: { durable: Promise<void> } | null = null;
    try {
      if (offThread(jobs)) committedOffThread = await handle.offThread!(work(true)).catch(readAfresh);
      if (!committedOffThread) await handle.writer.transaction().execute(work(false));
    } catch (error) {
      hooks.failed?.();
      throw isDuplicateKey(error) ? new DuplicateKeyError(error) : error;
    }
    committed?.();
    await (committedOffThread?.durable ?? handle.durable()).catch((reason: unknown) => {
      throw new NotDurableError(reason);
    });
    hooks.committed?.(jobs.length, (performance.now() - started) / 1000);
  };
  const group = new GroupCommit<Job>({
    commitGroup: commit,
    commitOne: (job) => commit([job]),
    maxGroupSize: MAX_GROUP_SIZE,
    maxConcurrentCommits: handle.dialect.concurrentCommits,
    committedAnyway: (error) => error instanceof NotDurableError,
  });
  const submit = (job: Job) => {
    handle.collectOffThreadAnswers?.();
    return group.submit(job);
  };
  const transaction = async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
    const job = { work, result: undefined as unknown };
    await submit(job);
    return job.result as T;
  };
  const batched = <T>(batch: Batch<T>, item: T) => submit({ batch: batch as Batch<unknown>, item });
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
