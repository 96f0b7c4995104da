import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * notification_requests becomes the notifications outbox (claimed, attempted and retried like the
 * callbacks), with every attempt kept, the development outbox for test merchants' messages when no
 * transport is configured, and history events that say which channel a payment link went by.
 * Requests written before fpgo sent anything are closed as failed, not sent late.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('reservation_events').addColumn('channel', 'text').execute();
  const columns: [string, 'text' | 'bigint' | 'integer'][] = [
    ['message_id', 'text'],
    ['attempts_made', 'integer'],
    ['next_attempt_at', 'bigint'],
    ['locked_until', 'bigint'],
    ['last_error', 'text'],
    ['delivered_at', 'bigint'],
    ['provider_reference', 'text'],
  ];
  for (const [name, type] of columns) await db.schema.alterTable('notification_requests').addColumn(name, type).execute();
  await db.updateTable('notification_requests').set({ attempts_made: 0, status: 'failed', last_error: 'requested before fpgo sent messages' }).execute();
  const rows: { id: number; created_at: number }[] = await db.selectFrom('notification_requests').select(['id', 'created_at']).execute();
  for (const row of rows) await db.updateTable('notification_requests').set({ message_id: `legacy_${row.id}`, next_attempt_at: row.created_at }).where('id', '=', row.id).execute();
  await db.schema.dropIndex('notification_requests_pending').execute();
  await db.schema.createIndex('notification_requests_message').on('notification_requests').column('message_id').unique().execute();
  await db.schema.createIndex('notification_requests_due').on('notification_requests').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notification_requests_reservation').on('notification_requests').column('reservation_uuid').execute();

  await dialect.serialId(db.schema.createTable('notification_attempts'))
    .addColumn('notification_id', 'integer', (col) => col.notNull().references('notification_requests.id'))
    .addColumn('attempted_at', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('notification_attempts_notification').on('notification_attempts').column('notification_id').execute();

  await dialect.serialId(db.schema.createTable('dev_outbox'))
    .addColumn('message_id', 'text', (col) => col.notNull().unique())
    .addColumn('merchant_id', 'text', (col) => col.notNull().references('merchants.id'))
    .addColumn('reservation_uuid', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('subject', 'text')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('html', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dev_outbox').execute();
  await db.schema.dropTable('notification_attempts').execute();
  await db.schema.dropIndex('notification_requests_reservation').execute();
  await db.schema.dropIndex('notification_requests_due').execute();
  await db.schema.dropIndex('notification_requests_message').execute();
  await db.schema.createIndex('notification_requests_pending').on('notification_requests').columns(['status', 'id']).execute();
  for (const name of ['provider_reference', 'delivered_at', 'last_error', 'locked_until', 'next_attempt_at', 'attempts_made', 'message_id']) {
    await db.schema.alterTable('notification_requests').dropColumn(name).execute();
  }
  await db.schema.alterTable('reservation_events').dropColumn('channel').execute();
}
