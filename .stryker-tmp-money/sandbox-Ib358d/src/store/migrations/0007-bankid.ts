// @ts-nocheck
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * BankID logins of secureDetails reservations: logins on their way to the identity provider (by
 * their `state`), and the browsers that may see an order after a matching login. A browser is
 * known only by a hash of its cookie; no national identity number is stored.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('bankid_logins')
    .addColumn('state', 'text', (col) => col.primaryKey())
    .addColumn('browser', 'text', (col) => col.notNull())
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('bankid_logins_browser').on('bankid_logins').columns(['browser', 'expires_at']).execute();
  await db.schema.createIndex('bankid_logins_expiry').on('bankid_logins').column('expires_at').execute();

  await db.schema
    .createTable('bankid_verifications')
    .addColumn('browser', 'text', (col) => col.notNull())
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('verified_until', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('bankid_verifications_pk', ['browser', 'reservation_uuid'])
    .execute();
  await db.schema.createIndex('bankid_verifications_expiry').on('bankid_verifications').column('verified_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bankid_verifications').execute();
  await db.schema.dropTable('bankid_logins').execute();
}
