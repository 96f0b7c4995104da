// @ts-nocheck
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('merchants')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('mode', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('capture_window_days', 'integer', (col) => col.notNull())
    .addColumn('test_clock_offset_ms', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('callback_secret', 'text', (col) => col.notNull())
    .addColumn('billing_country_code', 'text')
    .addColumn('billing_msisdn', 'text')
    .addColumn('billing_email', 'text')
    .addColumn('billing_street', 'text')
    .addColumn('billing_zip', 'text')
    .addColumn('billing_city', 'text')
    .addColumn('billing_country', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await dialect.serialId(db.schema.createTable('api_tokens'))
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_tokens_merchant').on('api_tokens').column('merchant_id').execute();

  await db.schema
    .createTable('customers')
    .addColumn('uuid', 'text', (col) => col.primaryKey())
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('country_code', 'text', (col) => col.notNull())
    .addColumn('msisdn', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('preferred_language', 'text', (col) => col.notNull())
    .addColumn('personal_number', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('street', 'text', (col) => col.notNull())
    .addColumn('zip', 'text', (col) => col.notNull())
    .addColumn('city', 'text', (col) => col.notNull())
    .addColumn('country', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('reservations')
    .addColumn('uuid', 'text', (col) => col.primaryKey())
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('customer_uuid', 'text', (col) => col.notNull().references('customers.uuid'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_via', 'text', (col) => col.notNull())
    .addColumn('order_date', 'bigint', (col) => col.notNull())
    .addColumn('due_date', 'bigint', (col) => col.notNull())
    .addColumn('link_expires_at', 'bigint', (col) => col.notNull())
    .addColumn('reference_no', 'text')
    .addColumn('customer_reference', 'text')
    .addColumn('send_by_sms', 'integer', (col) => col.notNull())
    .addColumn('send_by_email', 'integer', (col) => col.notNull())
    .addColumn('charge_validity_minutes', 'bigint')
    .addColumn('customer_notes', 'text')
    .addColumn('tnc', 'text')
    .addColumn('preselected_method', 'text', (col) => col.notNull())
    .addColumn('callback_url', 'text')
    .addColumn('success_url', 'text')
    .addColumn('failure_url', 'text')
    .addColumn('secure_details', 'integer', (col) => col.notNull())
    .addColumn('charge_partially_refundable', 'integer', (col) => col.notNull())
    .addColumn('sub_total', 'bigint', (col) => col.notNull())
    .addColumn('total_tax', 'bigint', (col) => col.notNull())
    .addColumn('grand_total', 'bigint', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull())
    .addColumn('checkout_token', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('reserved_at', 'bigint')
    .addColumn('reserved_amount', 'bigint')
    .addColumn('payment_method', 'text')
    .execute();
  await db.schema.createIndex('reservations_status_expiry').on('reservations').columns(['status', 'link_expires_at']).execute();

  await dialect.serialId(db.schema.createTable('product_lines'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('product_id', 'text')
    .addColumn('quantity', 'double precision', (col) => col.notNull())
    .addColumn('rate', 'bigint', (col) => col.notNull())
    .addColumn('discount', 'bigint', (col) => col.notNull())
    .addColumn('tax', 'integer', (col) => col.notNull())
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('product_lines_reservation').on('product_lines').column('reservation_uuid').execute();

  await dialect.serialId(db.schema.createTable('reservation_events'))
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('subject_uuid', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    .addColumn('sent_to', 'text')
    .addColumn('action_by', 'text')
    .addColumn('note', 'text')
    .addColumn('payment_method', 'text')
    .addColumn('is_refundable', 'integer', (col) => col.notNull())
    .addColumn('amount', 'bigint')
    .execute();
  await db.schema.createIndex('reservation_events_merchant_time').on('reservation_events').columns(['merchant_id', 'occurred_at']).execute();
  await db.schema.createIndex('reservation_events_reservation').on('reservation_events').column('reservation_uuid').execute();

  await dialect.serialId(db.schema.createTable('notification_requests'))
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull().references('reservations.uuid'))
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('destination', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('notification_requests_pending').on('notification_requests').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notification_requests', 'reservation_events', 'product_lines', 'reservations', 'customers', 'api_tokens', 'merchants']) {
    await db.schema.dropTable(table).execute();
  }
}
