/**
 * The database a test file runs on: SQLite in a temp directory by default, or a fresh schema in
 * the PostgreSQL named by TEST_DATABASE_URL (`.ci/run` runs the suite once on each).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  backend: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export const TEST_BACKEND: 'sqlite' | 'postgres' = process.env.TEST_DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';

/** `applicationName` marks the PostgreSQL connections (pg_stat_activity), e.g. to kill only a test's own. */
export async function freshDatabase(options: { applicationName?: string } = {}): Promise<TestDatabase> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl?.startsWith('postgres')) {
    const schema = `fpgo_test_${randomBytes(6).toString('hex')}`;
    const url = new URL(pgUrl);
    url.searchParams.set('schema', schema);
    if (options.applicationName) url.searchParams.set('application_name', options.applicationName);
    return {
      url: url.toString(),
      backend: 'postgres',
      async drop() {
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  }
  return freshSqliteDatabase();
}

/** A SQLite file in a temp directory of its own, whichever backend the suite runs on. */
export function freshSqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'fpgo-test-'));
  return {
    url: `sqlite:${join(dir, 'fpgo.sqlite')}`,
    backend: 'sqlite',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
