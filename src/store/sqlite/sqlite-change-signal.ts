import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { ChangeSignal } from '../dialect.js';

/**
 * A counter row that every change of merchants or tokens bumps in its own transaction, read on the
 * request thread before a cached merchant is trusted: a change made by any process — another
 * server, the CLI — is seen by the very next request, and the writes that do not touch merchants
 * (all the others) leave the cache alone. (`PRAGMA data_version` cannot tell them apart: it moves
 * for every commit of the writer connection too.)
 *
 * The counter is read once per turn of the event loop, by its first request: a read starts a WAL
 * read transaction (file-lock system calls), and under load one turn parses many requests. Those
 * requests arrived together, so none of them can tell a change committed during the turn from one
 * committed just after it; the first request of the next turn sees it.
 */
export function sqliteChangeSignal(sqlite: SqliteDatabase.Database): ChangeSignal {
  let read: SqliteDatabase.Statement | null = null;
  let last: unknown;
  let readThisTurn = false;
  return {
    takeChanged() {
      if (readThisTurn) return false;
      let current: unknown;
      try {
        read ??= sqlite.prepare("select value from change_counters where name = 'merchants'").pluck();
        current = read.get() ?? 0;
      } catch {
        // Before the migration that adds the counter: trust nothing.
        return true;
      }
      readThisTurn = true;
      setImmediate(() => (readThisTurn = false));
      const changed = current !== last;
      last = current;
      return changed;
    },
    async announce(trx) {
      await sql`insert into change_counters (name, value) values ('merchants', 1)
                on conflict (name) do update set value = change_counters.value + 1`.execute(trx);
    },
    close: async () => {},
  };
}
