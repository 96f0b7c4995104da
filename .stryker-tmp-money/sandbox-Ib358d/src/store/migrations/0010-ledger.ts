// @ts-nocheck
import type { Kysely, Selectable } from 'kysely';
import { extend, genesis } from '../../audit/history-chain.js';
import type { Dialect } from '../dialect.js';
import { toEvent } from '../history-rows.js';
import type { ReservationEventsTable } from '../schema.js';

/**
 * Every history event gets its place in its merchant's hash chain; `history_chains` holds each
 * chain's head. Events written before this migration are chained in the order they were written.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('reservation_events').addColumn('chain_sequence', 'bigint').execute();
  await db.schema.alterTable('reservation_events').addColumn('chain_hash', 'text').execute();
  await db.schema
    .createTable('history_chains')
    .addColumn('merchant_id', 'text', (col) => col.primaryKey().references('merchants.id'))
    .addColumn('sequence', 'bigint', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute();

  const merchants: { id: string }[] = await db.selectFrom('merchants').select('id').execute();
  for (const { id } of merchants) {
    const rows = (await db.selectFrom('reservation_events').selectAll().where('merchant_id', '=', id).orderBy('id').execute()) as Selectable<ReservationEventsTable>[];
    const { links, head } = extend({ sequence: 0, hash: genesis(id) }, rows.map(toEvent));
    for (const [index, row] of rows.entries()) {
      await db.updateTable('reservation_events').set({ chain_sequence: links[index]!.sequence, chain_hash: links[index]!.hash }).where('id', '=', row.id).execute();
    }
    await db.insertInto('history_chains').values({ merchant_id: id, sequence: head.sequence, hash: head.hash }).execute();
  }
  await db.schema.createIndex('reservation_events_chain').on('reservation_events').columns(['merchant_id', 'chain_sequence']).unique().execute();

  // Bumped by every change of merchants or tokens, so SQLite processes know when their caches are stale.
  await db.schema
    .createTable('change_counters')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('change_counters').execute();
  await db.schema.dropIndex('reservation_events_chain').execute();
  await db.schema.dropTable('history_chains').execute();
  await db.schema.alterTable('reservation_events').dropColumn('chain_hash').execute();
  await db.schema.alterTable('reservation_events').dropColumn('chain_sequence').execute();
}
