// @ts-check
/**
 * The SQLite writer connection's own thread (see ../writer-thread.ts, which starts it). It runs the
 * statements the request thread sends, one message each, in the order they come, and answers each
 * with its rows or its error. Inserting rows, updating indexes and appending the transaction to the
 * write-ahead log at COMMIT are native work that would otherwise stop every request on the request
 * thread while it runs.
 *
 * Plain JavaScript, so the same file runs under the tests (TypeScript sources) and from dist/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

/** @type {{ path: string, pragmas: string[] }} */
const { path, pragmas } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** The SQL texts fpgo builds are a bounded set; the bound only guards against a surprise. */
const MAX_STATEMENTS = 1024;

/** @type {SqliteDatabase.Database} */
let sqlite;
try {
  sqlite = new SqliteDatabase(path);
  for (const pragma of pragmas) sqlite.pragma(pragma);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: errorOf(error) });
  process.exit(0);
}

/** @type {Map<string, SqliteDatabase.Statement>} */
const statements = new Map();

/** @param {string} sql */
function statement(sql) {
  let prepared = statements.get(sql);
  if (!prepared) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    prepared = sqlite.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** Structured cloning turns a Buffer into a plain Uint8Array, which better-sqlite3 does not bind. */
/** @param {unknown[]} parameters */
function bindable(parameters) {
  return parameters.map((value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value));
}

/** @param {{ sql: string, parameters: unknown[] }} query */
function run({ sql, parameters }) {
  const prepared = statement(sql);
  if (prepared.reader) return { rows: prepared.all(bindable(parameters)) };
  const { changes, lastInsertRowid } = prepared.run(bindable(parameters));
  return { changes, lastInsertRowid };
}

/** What the request thread needs of an error: SQLite's code decides between 503, 409 and 500. */
/** @param {unknown} error */
function errorOf(error) {
  const { message, code, name } = /** @type {{ message?: unknown, code?: unknown, name?: unknown }} */ (error ?? {});
  return { message: String(message ?? error), code: typeof code === 'string' ? code : undefined, name: typeof name === 'string' ? name : 'Error' };
}

/**
 * The first error of a statement queued without waiting (see writer-thread.ts `queue`): the statements
 * after it in the same transaction are not run, and the statement waited for fails with it, so the
 * transaction fails as a whole. Its ROLLBACK, its failed COMMIT or the next BEGIN clears it.
 * @type {ReturnType<typeof errorOf> | null}
 */
let queuedFailure = null;

/** @typedef {{ sql: string, parameters: unknown[] }} Query */

/** @param {Query[]} queued */
function runQueued(queued) {
  for (const query of queued) {
    // A new transaction starts clean, whatever the one before it did.
    if (query.sql === 'begin immediate') queuedFailure = null;
    if (queuedFailure) continue;
    try {
      run(query);
    } catch (error) {
      queuedFailure = errorOf(error);
    }
  }
}

/**
 * A COMMIT that fails (or is not run, after a queued failure) leaves the transaction open; the
 * request thread may already have sent the next transaction, so it is rolled back here, at once.
 * @param {Query} query
 */
function commit(query) {
  try {
    if (queuedFailure) throw queuedFailure;
    return run(query);
  } catch (error) {
    queuedFailure = null;
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw error;
  }
}

/** @param {{ op: 'query' | 'rollback' | 'close' } & Partial<Query>} message */
function handle(message) {
  if (message.op === 'rollback') {
    queuedFailure = null;
    // After an I/O error (a full disk, a file that became read-only) SQLite has rolled back already:
    // a second rollback would replace that error with "no transaction is active".
    if (sqlite.inTransaction) sqlite.exec('rollback');
    return true;
  }
  if (message.op === 'close') {
    sqlite.close();
    return true;
  }
  const query = /** @type {Query} */ (message);
  if (query.sql === 'commit') return commit(query);
  if (queuedFailure) throw queuedFailure;
  return run(query);
}

port.on('message', (/** @type {{ id: number, op: 'query' | 'rollback' | 'close', queued: Query[] } & Partial<Query>} */ message) => {
  const { id, op, queued } = message;
  try {
    if (op !== 'rollback') runQueued(queued);
    port.postMessage({ id, result: handle(message) });
    if (op === 'close') port.close();
  } catch (error) {
    port.postMessage({ id, error: error === queuedFailure ? queuedFailure : errorOf(error) });
  }
});
