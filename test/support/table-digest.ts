/**
 * A fingerprint of every row of every table of a test's database, to show that a request changed
 * nothing: rows are read through the store (taking their turn with fpgo's own transactions),
 * written as JSON, sorted (row order is not part of the data) and hashed per table.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

export type TableDigest = Map<string, string>;

async function tableNames(t: Pick<TestApp, 'database' | 'store'>): Promise<string[]> {
  const rows =
    t.database.backend === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(t.store.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(t.store.db);
  return rows.rows.map((r) => r.name).sort();
}

const asJson = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? value.toString() : value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value;

/** Each table's rows as one hash; `except` names tables left out. */
export async function tableDigest(t: Pick<TestApp, 'database' | 'store'>, except: readonly string[] = []): Promise<TableDigest> {
  const digest: TableDigest = new Map();
  for (const table of await tableNames(t)) {
    if (except.includes(table)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.store.db);
    const lines = rows.rows.map((row) => JSON.stringify(row, asJson)).sort();
    digest.set(table, `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`);
  }
  return digest;
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: TableDigest, after: TableDigest): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
