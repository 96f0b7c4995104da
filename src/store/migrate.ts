/** Versioned migrations, kept in the repository and applied in order (`fpgo migrate`, `npm start`). */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001-initial.js';
import * as payments from './migrations/0002-payments.js';
import * as callbacks from './migrations/0003-callbacks.js';
import * as idempotency from './migrations/0004-idempotency.js';
import * as lifecycle from './migrations/0005-lifecycle.js';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-payments': payments,
  '0003-callbacks': callbacks,
  '0004-idempotency': idempotency,
  '0005-lifecycle': lifecycle,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export interface MigrationReport {
  applied: string[];
}

/** `schema`: where the migration bookkeeping lives on PostgreSQL (Kysely would otherwise find another schema's). */
export async function migrateToLatest(db: Kysely<any>, schema: string | null): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'fpgo_migrations',
    migrationLockTableName: 'fpgo_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
