/**
 * The port for operations on a reservation's money and state: each operation loads the reservation
 * with its ledger, locked against concurrent decisions, decides with a pure function, and has the
 * store write what it decided — in one transaction. Gateway calls happen between two such steps,
 * never inside a transaction.
 */
import type { NewCallback } from '../callbacks/callback.js';
import type { ChargeLine, MoneyTransaction, ReservationState } from './ledger.js';
import type { IdempotentResponse } from './ports.js';
import type { HistoryEvent, NewProductLine, NotificationRequest, ReservationStatus } from './reservation.js';

export interface NewTransaction extends MoneyTransaction {
  merchantId: string;
  reservationUuid: string;
}

/** What an operation wants written, as data: the store applies it in the deciding transaction. */
export interface WritePlan {
  transactions?: NewTransaction[];
  /** Product lines a charge adds; their ids are assigned by the store and returned. */
  chargeLines?: (NewProductLine & { chargeUuid: string; reservationUuid: string })[];
  settle?: { uuid: string; state: 'succeeded' | 'failed'; gatewayId: string | null; at: number }[];
  status?: { reservationUuid: string; to: ReservationStatus; at: number };
  events?: HistoryEvent[];
  callbacks?: NewCallback[];
  notifications?: NotificationRequest[];
  response?: IdempotentResponse | undefined;
}

export interface Decision<T> {
  result: T;
  plan?: WritePlan;
}

export interface LifecycleRepository {
  /** undefined when the reservation is not the merchant's. */
  load(merchantId: string, uuid: string): Promise<ReservationState | undefined>;
  decide<T>(merchantId: string, uuid: string, decide: (state: ReservationState) => Decision<T>): Promise<{ result: T; chargeLines: ChargeLine[] } | undefined>;
  /** False, with nothing written, when the plan settles a transaction that was settled already. */
  write(plan: WritePlan): Promise<boolean>;
  /** The merchant's history events between two instants, oldest first. */
  history(merchantId: string, from: number, to: number): Promise<HistoryEvent[]>;
}
