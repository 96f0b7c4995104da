import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * A reservation's product lines and history events are found by their reservation's creation time and
 * id, (reservation_created_at, reservation_uuid), instead of its id alone. Ids are random, so every new
 * reservation's rows went into a random page of each of those two indexes; by creation time they go
 * at the indexes' end, a few pages for a whole group of creates (see bench/README.md).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  for (const table of ['product_lines', 'reservation_events']) {
    await db.schema
      .alterTable(table)
      .addColumn('reservation_created_at', 'bigint', (col) => col.notNull().defaultTo(0))
      .execute();
    await db
      .updateTable(table)
      .set({ reservation_created_at: sql`(select created_at from reservations where reservations.uuid = ${sql.ref(`${table}.reservation_uuid`)})` })
      .execute();
  }
  await db.schema.dropIndex('product_lines_reservation').execute();
  await db.schema.dropIndex('reservation_events_reservation').execute();
  await db.schema.createIndex('product_lines_reservation').on('product_lines').columns(['reservation_created_at', 'reservation_uuid']).execute();
  await db.schema.createIndex('reservation_events_reservation').on('reservation_events').columns(['reservation_created_at', 'reservation_uuid']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('product_lines_reservation').execute();
  await db.schema.dropIndex('reservation_events_reservation').execute();
  await db.schema.createIndex('product_lines_reservation').on('product_lines').column('reservation_uuid').execute();
  await db.schema.createIndex('reservation_events_reservation').on('reservation_events').column('reservation_uuid').execute();
  for (const table of ['product_lines', 'reservation_events']) await db.schema.alterTable(table).dropColumn('reservation_created_at').execute();
}
