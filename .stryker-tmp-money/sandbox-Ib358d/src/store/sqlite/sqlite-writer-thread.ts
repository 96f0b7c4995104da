/**
 * The SQLite writer thread: owns the connection every write transaction runs on, so the inserts and
 * the commit's fsync never hold up the request thread. It runs one statement per message, in order.
 */
// @ts-nocheck

import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { openSqliteConnection, StatementCache } from './sqlite-connection.js';
import type { WriterReply, WriterRequest } from './sqlite-writer-protocol.js';

const { path } = workerData as { path: string };
const sqlite: SqliteDatabase.Database = openSqliteConnection(path);
const statements = new StatementCache(sqlite);
const port = parentPort!;

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    sqlite.close();
    port.close();
    return;
  }
  port.postMessage(run(request));
});

function run({ id, sql, parameters }: Extract<WriterRequest, { kind: 'query' }>): WriterReply {
  try {
    const statement = statements.get(sql);
    if (statement.reader) return { id, ok: true, rows: statement.all(parameters) as unknown[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { id, ok: true, rows: [], changes, lastInsertRowid: BigInt(lastInsertRowid) };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    return { id, ok: false, message: e.message ?? String(error), code: e.code };
  }
}
