import type SqliteDatabase from 'better-sqlite3';
import type { ChangeSignal } from '../dialect.js';

/** `PRAGMA data_version` moves whenever another connection (another process) commits. */
export function sqliteChangeSignal(sqlite: SqliteDatabase.Database): ChangeSignal {
  const version = sqlite.prepare('PRAGMA data_version').pluck();
  let last = version.get();
  return {
    takeChanged() {
      const current = version.get();
      const changed = current !== last;
      last = current;
      return changed;
    },
    announce: async () => {},
    close: async () => {},
  };
}
