// @ts-nocheck
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * The merchant dashboard: its users (password hashes only), their sessions (token hashes only), failed
 * sign-ins (for the per-account and per-address limits), the previous callback secret while its grace
 * period runs, and an index for the newest-first reservation list.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await dialect.serialId(db.schema.createTable('dashboard_users'))
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    // Lowercased; one account per address across all merchants, so sign-in needs only the address.
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('dashboard_sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'bigint', (col) => col.notNull().references('dashboard_users.id'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('dashboard_sessions_user').on('dashboard_sessions').column('user_id').execute();

  await dialect.serialId(db.schema.createTable('sign_in_failures'))
    // "account:<email>" or "address:<ip>".
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('failed_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failures_subject').on('sign_in_failures').columns(['subject', 'failed_at']).execute();

  await db.schema.alterTable('merchants').addColumn('previous_callback_secret', 'text').execute();
  await db.schema.alterTable('merchants').addColumn('previous_secret_expires_at', 'bigint').execute();

  await db.schema.createIndex('reservations_merchant_created').on('reservations').columns(['merchant_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reservations_merchant_created').execute();
  await db.schema.alterTable('merchants').dropColumn('previous_secret_expires_at').execute();
  await db.schema.alterTable('merchants').dropColumn('previous_callback_secret').execute();
  await db.schema.dropTable('sign_in_failures').execute();
  await db.schema.dropTable('dashboard_sessions').execute();
  await db.schema.dropTable('dashboard_users').execute();
}
