/**
 * Opens the database named by DATABASE_URL: `sqlite:PATH` (embedded, the default) or
 * `postgres://…` (production, several server processes). A `?schema=NAME` parameter on a
 * PostgreSQL URL keeps fpgo's tables in that schema (created when missing).
 */
// @ts-nocheck

import type { DatabaseHandle } from './dialect.js';
import { openPostgres } from './postgres/postgres-database.js';
import { openSqlite } from './sqlite/sqlite-database.js';

export type DatabaseTarget =
  | { backend: 'sqlite'; path: string }
  | { backend: 'postgres'; connectionString: string; schema: string | null };

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/fpgo.sqlite');
    return { backend: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error('DATABASE_URL schema must be a lower-case SQL identifier');
    }
    parsed.searchParams.delete('schema');
    return { backend: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

export async function openDatabase(url: string): Promise<DatabaseHandle> {
  const target = parseDatabaseUrl(url);
  if (target.backend === 'sqlite') return openSqlite(target.path);
  return openPostgres(target.connectionString, target.schema);
}
