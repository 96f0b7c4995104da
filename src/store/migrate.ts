/** Versioned migrations, kept in the repository and applied in order (`fpgo migrate`, `npm start`). */
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle, Dialect } from './dialect.js';
import * as initial from './migrations/0001-initial.js';
import * as payments from './migrations/0002-payments.js';
import * as callbacks from './migrations/0003-callbacks.js';
import * as idempotency from './migrations/0004-idempotency.js';
import * as lifecycle from './migrations/0005-lifecycle.js';
import * as bankid from './migrations/0007-bankid.js';
import * as dashboard from './migrations/0008-dashboard.js';
import * as hardening from './migrations/0009-hardening.js';
import * as historyChain from './migrations/0010-ledger.js';
import * as notifications from './migrations/0011-notifications.js';
import * as reservationTimeOrder from './migrations/0012-reservation-time-order.js';

/** A migration of ours: like Kysely's, but told which backend it runs on. */
interface VersionedMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  down(db: Kysely<any>): Promise<void>;
}

const MIGRATIONS: Record<string, VersionedMigration> = {
  '0001-initial': initial,
  '0002-payments': payments,
  '0003-callbacks': callbacks,
  '0004-idempotency': idempotency,
  '0005-lifecycle': lifecycle,
  '0007-bankid': bankid,
  '0008-dashboard': dashboard,
  '0009-hardening': hardening,
  '0010-ledger': historyChain,
  '0011-notifications': notifications,
  '0012-reservation-time-order': reservationTimeOrder,
};

function provider(dialect: Dialect): MigrationProvider {
  const migrations: Record<string, Migration> = Object.fromEntries(
    Object.entries(MIGRATIONS).map(([name, migration]) => [name, { up: (db: Kysely<any>) => migration.up(db, dialect), down: migration.down }]),
  );
  return { getMigrations: async () => migrations };
}

function migrator(handle: Pick<DatabaseHandle, 'writer' | 'dialect' | 'schema'>): Migrator {
  return new Migrator({
    db: handle.writer,
    provider: provider(handle.dialect),
    migrationTableName: 'fpgo_migrations',
    migrationLockTableName: 'fpgo_migrations_lock',
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
}

/** Applies pending migrations; returns their names. The bookkeeping lives in the configured PostgreSQL schema. */
export async function migrateToLatest(handle: Pick<DatabaseHandle, 'writer' | 'dialect' | 'schema'>): Promise<string[]> {
  return applied(await migrator(handle).migrateToLatest());
}

/** Applies the migrations up to `name` only (tests of upgrades from an old schema with data in it). */
export async function migrateTo(handle: Pick<DatabaseHandle, 'writer' | 'dialect' | 'schema'>, name: keyof typeof MIGRATIONS): Promise<string[]> {
  return applied(await migrator(handle).migrateTo(name));
}

function applied({ error, results = [] }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
