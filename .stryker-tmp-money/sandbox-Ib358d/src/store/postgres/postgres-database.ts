/** PostgreSQL for production and several server processes; `schema` keeps fpgo's tables apart. */
// @ts-nocheck

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../dialect.js';
import type { Database } from '../schema.js';
import { postgresChangeSignal } from './postgres-change-signal.js';
import { postgresDialect } from './postgres-dialect.js';

/** int8 columns (money, instants) come back from pg as strings; they always fit a safe integer. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value out of range: ${text}`);
  return value;
}

const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8) return parseInt8;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export async function openPostgres(connectionString: string, schema: string | null): Promise<DatabaseHandle> {
  if (schema) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await setup.end();
    }
  }
  const searchPathOptions = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({ connectionString, max: 12, types: pgTypes, ...(searchPathOptions ? { options: searchPathOptions } : {}) });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const host = new URL(connectionString);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const merchantChanges = postgresChangeSignal(connectionString, { searchPathOptions });
  return {
    db,
    writer: db,
    dialect: postgresDialect,
    schema: schema ?? 'public',
    merchantChanges,
    async close() {
      await merchantChanges.close();
      await db.destroy();
    },
    label: `postgres://${host.host}${host.pathname}${schema ? `?schema=${schema}` : ''}`,
  };
}
