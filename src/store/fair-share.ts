/** The SQL that keeps outbox claims fair between merchants (the callbacks' and the notifications'). */
import { sql } from 'kysely';
import type { FairShare } from '../reservations/ports.js';

/** How many more items each merchant may take in this claim (SQL, per row of the ranking). */
export function roomOf({ perMerchant, busy }: FairShare) {
  const room = (inFlight: number) => sql<number>`cast(${Math.max(0, perMerchant - inFlight)} as integer)`;
  if (busy.size === 0) return room(0);
  const cases = [...busy].map(([merchantId, inFlight]) => sql`when ${merchantId} then ${room(inFlight)}`);
  return sql<number>`case r.merchant_id ${sql.join(cases, sql` `)} else ${room(0)} end`;
}
