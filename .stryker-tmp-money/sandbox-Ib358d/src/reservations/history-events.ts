// @ts-nocheck
import type { HistoryEvent, Reservation } from './reservation.js';

/** A history event of a reservation (§4.10); `subjectUuid` defaults to the reservation itself. */
export function historyEvent(reservation: Pick<Reservation, 'merchantId' | 'uuid'>, title: string, at: number, extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    merchantId: reservation.merchantId,
    reservationUuid: reservation.uuid,
    subjectUuid: reservation.uuid,
    title,
    occurredAt: at,
    sentTo: null,
    actionBy: null,
    note: null,
    paymentMethod: null,
    isRefundable: false,
    amount: null,
    ...extra,
  };
}
