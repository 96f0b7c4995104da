import type { Transaction } from 'kysely';
import { DuplicateKeyError } from '../reservations/ports.js';
import type { DatabaseHandle } from './connect.js';
import type { Database } from './schema.js';

/**
 * Runs work in a transaction; resolves once it is committed, and so durable (SQLite
 * synchronous=FULL, PostgreSQL synchronous_commit=on). A unique-key violation becomes DuplicateKeyError.
 */
export type Transactor = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

export function transactor(handle: DatabaseHandle): Transactor {
  return async (work) => {
    try {
      return await handle.db.transaction().execute(work);
    } catch (error) {
      throw isDuplicateKey(error) ? new DuplicateKeyError(error) : error;
    }
  };
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
