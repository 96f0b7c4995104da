import type { Transaction } from 'kysely';
import { DuplicateKeyError } from '../reservations/ports.js';
import type { DatabaseHandle } from './connect.js';
import { GroupCommit } from './group-commit.js';
import type { Database } from './schema.js';

/**
 * Runs work in a transaction; resolves once it is committed, and so durable (SQLite
 * synchronous=FULL, PostgreSQL synchronous_commit=on). A unique-key violation becomes DuplicateKeyError.
 *
 * Work submitted while a commit is on its way to disk runs together in the next transaction, one
 * piece after another, as if each had its own (group commit): concurrent payments, claims and
 * delivery records share one fsync. Work must therefore only use `trx`, never wait on anything else,
 * and never start another transaction; if one piece fails, every piece of its group runs again alone.
 */
export type Transactor = (<T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>) & {
  /** Resolves once everything submitted so far is committed or failed. */
  drain(): Promise<void>;
};

interface Job {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  result?: unknown;
}

export function transactor(handle: DatabaseHandle): Transactor {
  const run = async <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> => {
    try {
      return await handle.db.transaction().execute(work);
    } catch (error) {
      throw isDuplicateKey(error) ? new DuplicateKeyError(error) : error;
    }
  };
  const group = new GroupCommit<Job>({
    commitGroup: async (jobs) => {
      const results = await run(async (trx) => {
        const out: unknown[] = [];
        for (const job of jobs) out.push(await job.work(trx));
        return out;
      });
      jobs.forEach((job, index) => (job.result = results[index]));
    },
    commitOne: async (job) => {
      job.result = await run(job.work);
    },
    maxGroupSize: 64,
    maxConcurrentCommits: handle.backend === 'sqlite' ? 1 : 4,
  });
  const transaction = async <T>(work: (trx: Transaction<Database>) => Promise<T>) => {
    const job: Job = { work };
    await group.submit(job);
    return job.result as T;
  };
  return Object.assign(transaction, { drain: () => group.drain() });
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
