/**
 * A reservation's product lines and history events are found by (reservation_created_at,
 * reservation_uuid): by its creation time first, so the rows of new reservations are added at the end
 * of those indexes. Found by the random id alone, each new reservation touched a random page of each
 * index, and a group of creates wrote dozens more pages to the log (migrations/0012).
 */
import { sql, type RawBuilder } from 'kysely';
import type { DerivedColumn } from './bulk-insert.js';

/**
 * The created_at of reservation `uuid`, looked up by the insert itself: inserts recorded to run on the
 * batch writer's thread read nothing beforehand, and an event or a charge's line has only the id.
 */
export function createdAtOf(uuid: unknown): RawBuilder<number> {
  return sql<number>`(select created_at from reservations where uuid = ${uuid})`;
}

/** reservation_created_at, filled by each insert from the row's reservation_uuid. */
export const reservationCreatedAt: DerivedColumn = { column: 'reservation_created_at', from: 'reservation_uuid', sql: createdAtOf };
