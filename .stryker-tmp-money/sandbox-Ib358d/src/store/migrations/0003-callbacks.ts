// @ts-nocheck
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/** The callback outbox and its delivery log. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await dialect.serialId(db.schema.createTable('callbacks'))
    .addColumn('webhook_id', 'text', (col) => col.notNull().unique())
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('subject_uuid', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('payment_method', 'text', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('order_created_at', 'bigint', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('attempts_made', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('delivered_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('callbacks_due').on('callbacks').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('callbacks_reservation').on('callbacks').columns(['reservation_uuid', 'id']).execute();

  await dialect.serialId(db.schema.createTable('callback_attempts'))
    .addColumn('callback_id', 'bigint', (col) => col.notNull().references('callbacks.id'))
    .addColumn('attempted_at', 'bigint', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('callback_attempts_callback').on('callback_attempts').column('callback_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callback_attempts').execute();
  await db.schema.dropTable('callbacks').execute();
}
