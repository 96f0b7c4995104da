/**
 * What every outbox table (callbacks, notification requests) does the same way: claiming due items
 * for delivery — merchants take turns, several server processes claim at once without waiting on or
 * doubling each other, a claim lasts until `lockUntil` (a crashed worker's items are retaken then) —
 * and measuring the backlog.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { FairShare, OutboxBacklog } from '../reservations/ports.js';
import type { Dialect } from './dialect.js';
import type { Database } from './schema.js';

type OutboxTable = 'callbacks' | 'notification_requests';

export interface Outbox<TB extends OutboxTable> {
  table: TB;
  /** The column and value of the rows still to be sent (callbacks: `state` pending; messages: `status` queued). */
  waiting: { column: 'state' | 'status'; value: string };
  /** Items of one reservation go one at a time, in order: a row waits while an earlier one of its reservation is still to be sent. */
  inOrderPerReservation?: boolean;
}

/** Claims up to `limit` due items, oldest first (with `fairShare`: every merchant's oldest before anyone's second). */
export async function claimDue<TB extends OutboxTable>(
  trx: Transaction<Database>,
  dialect: Dialect,
  { table, waiting, inOrderPerReservation = false }: Outbox<TB>,
  now: number,
  lockUntil: number,
  limit: number,
  fairShare?: FairShare,
): Promise<Selectable<Database[TB]>[]> {
  const outbox = () => trx.dynamic.table<OutboxTable>(table);
  const isWaiting = (alias: string) => isWaitingIn(waiting, alias);
  const isFree = (alias: string) => sql<boolean>`(${sql.ref(`${alias}.locked_until`)} is null or ${sql.ref(`${alias}.locked_until`)} < ${now})`;
  const ranked = trx
    .selectFrom(outbox().as('o'))
    .select(['o.id', 'o.merchant_id', 'o.next_attempt_at', sql<number>`row_number() over (partition by o.merchant_id order by o.next_attempt_at, o.id)`.as('turn')])
    .where(isWaiting('o'))
    .where('o.next_attempt_at', '<=', now)
    .where(isFree('o'))
    .$if(inOrderPerReservation, (query) =>
      query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom(outbox().as('earlier'))
              .select(sql.lit(1).as('one'))
              .whereRef('earlier.reservation_uuid', '=', 'o.reservation_uuid')
              .whereRef('earlier.id', '<', 'o.id')
              .where(isWaiting('earlier')),
          ),
        ),
      ),
    );
  const due = trx
    .selectFrom(ranked.as('r'))
    .select('r.id')
    .$if(fairShare !== undefined, (query) => query.where('r.turn', '<=', roomOf(fairShare!)))
    .orderBy(fairShare ? 'r.turn' : 'r.next_attempt_at')
    .orderBy('r.next_attempt_at')
    .orderBy('r.id')
    .limit(limit);
  const lockable = trx.selectFrom(outbox().as('o')).select('o.id').where('o.id', 'in', due);
  const claimed = await trx
    .updateTable(outbox().as('o'))
    .set({ locked_until: lockUntil })
    // Several nodes may claim at once: each skips the rows another is claiming.
    .where('o.id', 'in', dialect.skipLocked(lockable, 'o'))
    // Checked again on the row as it is now: another node that claimed it after this claim's snapshot was taken wins.
    .where(isWaiting('o'))
    .where(isFree('o'))
    .returningAll()
    .execute();
  claimed.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.id - b.id);
  // The rows are of `table`: the union of both tables' types was only needed to share the query.
  return claimed as Selectable<Database[TB]>[];
}

/** How many items wait to be sent, and how long the oldest due one has waited. */
export async function backlog({ table, waiting }: Outbox<OutboxTable>, db: Kysely<Database>, now: number): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom(db.dynamic.table<OutboxTable>(table).as('o'))
    .select((eb) => [eb.fn.countAll<number | string>().as('pending'), eb.fn.min<number | null>(eb.case().when('o.next_attempt_at', '<=', now).then(eb.ref('o.next_attempt_at')).end()).as('oldest_due')])
    .where(isWaitingIn(waiting, 'o'))
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldestDueMs: row.oldest_due === null ? 0 : now - Number(row.oldest_due) };
}

function isWaitingIn(waiting: Outbox<OutboxTable>['waiting'], alias: string) {
  return sql<boolean>`${sql.ref(`${alias}.${waiting.column}`)} = ${waiting.value}`;
}

/** How many more items each merchant may take in this claim (SQL, per row of the ranking). */
function roomOf({ perMerchant, busy }: FairShare) {
  const room = (inFlight: number) => sql<number>`cast(${Math.max(0, perMerchant - inFlight)} as integer)`;
  if (busy.size === 0) return room(0);
  const cases = [...busy].map(([merchantId, inFlight]) => sql`when ${merchantId} then ${room(inFlight)}`);
  return sql<number>`case r.merchant_id ${sql.join(cases, sql` `)} else ${room(0)} end`;
}
