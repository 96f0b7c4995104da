// The SQLite batch writer's thread (see ../batch-writer.ts): on a writer connection of its own, runs
// each transaction it is sent (a list of statements whose answers nobody reads) from BEGIN to COMMIT,
// and answers when it is committed, or with the error that rolled it back; then flushes the log and
// answers again when the commit is on disk.
import { closeSync, fdatasync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** The statement texts fpgo builds are a bounded set; the bound only guards against a surprise. */
const MAX_STATEMENTS = 1024;

/** Where answers go: a port of their own, which the request thread can read without waiting for its event loop. */
const answers = workerData.answers;

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
} catch (error) {
  answers.postMessage({ id: 0, error: errorOf(error) });
}

const statements = new Map();

function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** Structured cloning turns a Buffer into a plain Uint8Array, which better-sqlite3 does not bind. */
function bindable(parameters) {
  return parameters.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value));
}

/** What the request thread needs of an error: SQLite's code tells a duplicate key from a full disk. */
function errorOf(error) {
  return { message: String(error?.message ?? error), code: typeof error?.code === 'string' ? error.code : undefined };
}

function commit(transaction) {
  db.exec('begin immediate');
  try {
    for (const { sql, parameters } of transaction) prepared(sql).run(bindable(parameters));
    db.exec('commit');
  } catch (error) {
    // After an I/O error SQLite has rolled back already: a second rollback would hide the first error.
    if (db.inTransaction) db.exec('rollback');
    throw error;
  }
}

/**
 * Flushing the log: one fdatasync at a time, on libuv's pool, so the next group can run meanwhile. A
 * flush covers every group committed before it started; groups committed during it wait for the next,
 * which starts as it ends. The log is reused in place, never replaced while a connection is open, so
 * its descriptor stays valid. This is ../wal-sync.ts's scheme, written again because a thread of plain
 * JavaScript cannot load that TypeScript (tests run this file from src/).
 */
const log = { descriptor: null, committedUpTo: 0, flushedUpTo: 0, running: false, closing: false };

function flushLog() {
  if (log.running || log.committedUpTo === log.flushedUpTo) return;
  const upTo = log.committedUpTo;
  log.running = true;
  try {
    log.descriptor ??= openSync(`${workerData.path}-wal`, 'r+');
  } catch (error) {
    return flushed(upTo, error);
  }
  fdatasync(log.descriptor, (error) => flushed(upTo, error));
}

function flushed(upTo, error) {
  log.running = false;
  log.flushedUpTo = upTo;
  answers.postMessage(error ? { flushed: upTo, error: errorOf(error) } : { flushed: upTo });
  if (error && log.descriptor !== null) {
    closeSync(log.descriptor);
    log.descriptor = null;
  }
  if (log.closing) close();
  else flushLog();
}

function close() {
  if (log.descriptor !== null) closeSync(log.descriptor);
  db?.close();
  parentPort.close();
}

parentPort.on('message', ({ id, transaction, close: closing }) => {
  // The request thread closes the store once every group is answered; a flush still running ends first.
  if (closing) {
    log.closing = true;
    return void (log.running || close());
  }
  if (!db) return void answers.postMessage({ id, error: { message: 'the batch writer could not open the database' } });
  try {
    commit(transaction);
  } catch (error) {
    return void answers.postMessage({ id, error: errorOf(error) });
  }
  log.committedUpTo = id;
  answers.postMessage({ id });
  flushLog();
});
