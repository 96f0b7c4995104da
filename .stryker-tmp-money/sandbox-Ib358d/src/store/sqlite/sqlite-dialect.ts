// @ts-nocheck
import type { Dialect } from '../dialect.js';

/** SQLite: one writer at a time holds the whole database, so nothing needs row locks. */
export const sqliteDialect: Dialect = {
  backend: 'sqlite',
  concurrentCommits: 1,
  lockRows: async () => {},
  forUpdate: (query) => query,
  skipLocked: (query) => query,
  serialId: (table) => table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement()),
};
