// @ts-nocheck
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** Captures, charges and refunds, with the product lines each touches; the lines charges add. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  // `id` orders a reservation's transactions as they happened, even within one millisecond.
  await dialect.serialId(db.schema.createTable('transactions'))
    .addColumn('uuid', 'text', (col) => col.notNull().unique())
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('gateway_id', 'text')
    .addColumn('note', 'text')
    .addColumn('refund_of', 'text')
    .addColumn('source', 'text')
    // The idempotency key of the request that started it: a retry of that request resumes it.
    .addColumn('idempotency_key_id', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('settled_at', 'bigint')
    .execute();
  await db.schema.createIndex('transactions_reservation').on('transactions').column('reservation_uuid').execute();

  await dialect.serialId(db.schema.createTable('transaction_lines'))
    .addColumn('transaction_uuid', 'text', (col) => col.notNull().references('transactions.uuid'))
    .addColumn('product_line_id', 'bigint', (col) => col.notNull().references('product_lines.id'))
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('transaction_lines_transaction').on('transaction_lines').column('transaction_uuid').execute();

  await db.schema.alterTable('product_lines').addColumn('charge_uuid', 'text').execute();
  await db.schema.alterTable('reservations').addColumn('closed_at', 'bigint').execute();
  // The most a reservation's stored card may be charged in all (paymentChargeRunwayExceed beyond it).
  await db.schema.alterTable('merchants').addColumn('charge_limit', 'bigint', (col) => col.notNull().defaultTo(5_000_000)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('merchants').dropColumn('charge_limit').execute();
  await db.schema.alterTable('reservations').dropColumn('closed_at').execute();
  await db.schema.alterTable('product_lines').dropColumn('charge_uuid').execute();
  await db.schema.dropTable('transaction_lines').execute();
  await db.schema.dropTable('transactions').execute();
}
