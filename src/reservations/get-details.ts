/** Get Reservation Details By UUID (§4.3). */
import type { Merchant } from '../merchants/merchant.js';
import { merchantNow } from '../merchants/merchant-clock.js';
import { reservationDetails, type ReservationDetails } from './details.js';
import { fail, succeed, type Outcome } from './outcome.js';
import type { Clock, ReservationRepository } from './ports.js';

export async function getReservationDetails(
  deps: { repository: ReservationRepository; clock: Clock },
  merchant: Merchant,
  uuid: string,
): Promise<Outcome<ReservationDetails>> {
  const stored = await deps.repository.find(merchant.id, uuid);
  if (!stored) return fail('reservationNotFound');
  return succeed(reservationDetails({ merchant, ...stored }, merchantNow(deps.clock, merchant)));
}
