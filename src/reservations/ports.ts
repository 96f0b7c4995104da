/** What the reservation core needs from the outside world; adapters implement these. */
import type { NewReservationRecords } from './create-reservation.js';
import type { StoredReservation } from './reservation.js';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

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
