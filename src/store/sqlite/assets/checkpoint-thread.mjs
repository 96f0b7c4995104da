// The SQLite checkpointer thread (see ../wal-checkpointer.ts): on its own connection, copies the
// write-ahead log into the database file each time it is asked, and answers how far it got.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
} catch (error) {
  parentPort.postMessage({ failed: String(error?.message ?? error) });
}

parentPort.on('message', () => {
  if (!db) return;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ frames: result.log, copied: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ failed: String(error?.message ?? error) });
  }
});
