/** History events as rows of reservation_events, and back. */
import type { Insertable, Selectable } from 'kysely';
import type { ChainHead } from '../audit/history-chain.js';
import type { HistoryEvent, NotificationChannel } from '../reservations/reservation.js';
import type { ReservationEventsTable } from './schema.js';

/** The row of an event at its place in the merchant's chain. */
export function eventRow(e: HistoryEvent, link: ChainHead): Insertable<ReservationEventsTable> {
  return {
    merchant_id: e.merchantId,
    reservation_uuid: e.reservationUuid,
    subject_uuid: e.subjectUuid,
    title: e.title,
    occurred_at: e.occurredAt,
    sent_to: e.sentTo,
    action_by: e.actionBy,
    note: e.note,
    payment_method: e.paymentMethod,
    is_refundable: e.isRefundable ? 1 : 0,
    amount: e.amount,
    channel: e.channel,
    chain_sequence: link.sequence,
    chain_hash: link.hash,
  };
}

export function toEvent(row: Selectable<ReservationEventsTable>): HistoryEvent {
  return {
    merchantId: row.merchant_id,
    reservationUuid: row.reservation_uuid,
    subjectUuid: row.subject_uuid,
    title: row.title,
    occurredAt: row.occurred_at,
    sentTo: row.sent_to,
    actionBy: row.action_by,
    note: row.note,
    paymentMethod: row.payment_method,
    isRefundable: row.is_refundable === 1,
    amount: row.amount,
    channel: row.channel as NotificationChannel | null,
  };
}
