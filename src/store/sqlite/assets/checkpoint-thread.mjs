// The SQLite checkpoint thread (see ../wal-checkpointer.ts): on its own connection, copies the
// write-ahead log into the database file each time it is asked, and answers when it is done.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // FULL: the checkpoint syncs the log before it copies pages out of it, and the database file after.
  db.pragma('synchronous = FULL');
} catch (error) {
  parentPort.postMessage({ failed: String(error?.message ?? error) });
}

parentPort.on('message', () => {
  if (!db) return;
  try {
    // PASSIVE: never waits for other connections; what a reader still needs is copied next time.
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({});
  } catch (error) {
    parentPort.postMessage({ failed: String(error?.message ?? error) });
  }
});
