/** Get Reservation Details By UUID (§4.3). */
// @ts-nocheck

import type { Clock } from '../kernel/clock.js';
import { reservationDetails, type ReservationDetails } from './details.js';
import { merchantNow, type Merchant } from './merchant.js';
import { fail, succeed, type Outcome } from './outcome.js';
import type { LifecycleRepository } from './ports.js';

export async function getReservationDetails(
  deps: { lifecycle: LifecycleRepository; clock: Clock },
  merchant: Merchant,
  uuid: string,
): Promise<Outcome<ReservationDetails>> {
  const state = await deps.lifecycle.load(merchant.id, uuid);
  if (!state) return fail('reservationNotFound');
  return succeed(reservationDetails(merchant, state, merchantNow(deps.clock, merchant)));
}
