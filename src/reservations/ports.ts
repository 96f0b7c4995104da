/** What the reservation core needs from the outside world; adapters implement these. */
import type { NewReservationRecords } from './create-reservation.js';
import type { Outcome } from './outcome.js';
import type { StoredReservation } from './reservation.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The stored answer of an idempotent request (see src/idempotency/). An operation that changes
 * state hands it to the store with its state change, so both commit together or not at all.
 */
export interface IdempotentResponse {
  keyId: number;
  status: number;
  contentType: string;
  body: string;
}

/** Renders, for the caller, the response an outcome will get; operations call it just before their final write. */
export type ResponseFor<T> = (outcome: Outcome<T>) => IdempotentResponse;

export interface ReservationRepository {
  /** Resolves once the records are durably committed. */
  saveNew(records: NewReservationRecords): Promise<void>;
  customerExists(merchantId: string, customerUuid: string): Promise<boolean>;
  /** A merchant's reservation; another merchant's id is not found. */
  find(merchantId: string, uuid: string): Promise<StoredReservation | undefined>;
}

/** A write hit a unique key (e.g. a random id already taken); the caller may retry with new ids. */
export class DuplicateKeyError extends Error {
  constructor(cause: unknown) {
    super('duplicate key', { cause });
    this.name = 'DuplicateKeyError';
  }
}
