import type { Dialect } from '../dialect.js';

/** PostgreSQL: several processes and pool connections write at once; row locks order them. */
export const postgresDialect: Dialect = {
  backend: 'postgres',
  concurrentCommits: 4,
  lockRows: async (query) => {
    await query.forUpdate().execute();
  },
  forUpdate: (query) => query.forUpdate(),
  skipLocked: (query, table) => query.forUpdate(table).skipLocked(),
  readTogether: (db, read) => read(db),
  serialId: (table) => table.addColumn('id', 'bigserial', (col) => col.primaryKey()),
};
