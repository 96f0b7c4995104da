/** Everything a test's database holds, as one text to search: nothing secret may be found in it. */
// @ts-nocheck

import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

/**
 * SQLite: the database file, its write-ahead log (where the latest commits still are) and its shared
 * memory, byte for byte. PostgreSQL's files are the server's: every row of every table of the
 * test's schema is read instead.
 */
export async function databaseDump(t: Pick<TestApp, 'database' | 'store'>): Promise<{ text: string; files: string[] }> {
  if (t.database.backend === 'sqlite') {
    const directory = dirname(t.database.url.slice('sqlite:'.length));
    const files = readdirSync(directory);
    return { text: files.map((file) => readFileSync(`${directory}/${file}`).toString('latin1')).join('\n'), files };
  }
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema()`.execute(t.store.db);
  let text = '';
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(t.store.db);
    text += rows.rows.map((r) => r.row).join('\n');
  }
  return { text, files: tables.rows.map((r) => r.table_name) };
}
