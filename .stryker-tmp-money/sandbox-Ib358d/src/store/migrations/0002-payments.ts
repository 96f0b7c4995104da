// @ts-nocheck
import type { Kysely } from 'kysely';

/** The customer's payment: the claim that keeps attempts one at a time, the authorization, the stored card. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('reservations').addColumn('payment_claimed_until', 'bigint').execute();
  await db.schema.alterTable('reservations').addColumn('link_opened_at', 'bigint').execute();
  await db.schema.alterTable('reservations').addColumn('authorization_id', 'text').execute();
  await db.schema.alterTable('product_lines').addColumn('reserved', 'bigint', (col) => col.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('payment_cards')
    .addColumn('reservation_uuid', 'text', (col) => col.primaryKey().references('reservations.uuid'))
    .addColumn('token', 'text', (col) => col.notNull())
    .addColumn('brand', 'text', (col) => col.notNull())
    .addColumn('last4', 'text', (col) => col.notNull())
    .addColumn('expiry_month', 'integer', (col) => col.notNull())
    .addColumn('expiry_year', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payment_cards').execute();
  await db.schema.alterTable('product_lines').dropColumn('reserved').execute();
  for (const column of ['authorization_id', 'link_opened_at', 'payment_claimed_until']) {
    await db.schema.alterTable('reservations').dropColumn(column).execute();
  }
}
