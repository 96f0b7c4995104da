import type { Dialect } from '../dialect.js';

/** SQLite: one writer at a time holds the whole database, so nothing needs row locks. */
export const sqliteDialect: Dialect = {
  backend: 'sqlite',
  // Two: the next group's statements run on the writer while the previous group's log flush waits for the disk.
  concurrentCommits: 2,
  lockRows: async () => {},
  forUpdate: (query) => query,
  skipLocked: (query) => query,
  readTogether: (db, read) => db.transaction().execute(read),
  serialId: (table) => table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement()),
};
