/**
 * `settings.secureDetails` (§10.16): the order stays hidden until the customer proves with BankID who
 * they are; when the merchant sent a `personalNumber`, the verified national identity number must
 * equal it. Pure rules; src/reservations/verify-identity.ts runs the login.
 */
// @ts-nocheck

import { createHash, timingSafeEqual } from 'node:crypto';
import { historyEvent } from './history-events.js';
import type { Merchant } from './merchant.js';
import type { IdentityVerification } from './ports.js';
import type { Customer, HistoryEvent, Reservation } from './reservation.js';

/** How long one login opens the order in the browser that made it. */
export const VERIFICATION_MS = 30 * 60_000;

/** How long a started login may take to come back from the identity provider. */
export const LOGIN_MS = 10 * 60_000;

/** Whether this browser may see the order and pay: always without secureDetails, else only after its own login. */
export function detailsVisible(
  reservation: Pick<Reservation, 'uuid' | 'secureDetails'>,
  verification: Pick<IdentityVerification, 'reservationUuid' | 'verifiedUntil'> | undefined,
  now: number,
): boolean {
  if (!reservation.secureDetails) return true;
  return verification !== undefined && verification.reservationUuid === reservation.uuid && now < verification.verifiedUntil;
}

export type IdentityMatch = 'matched' | 'not-matched' | 'no-personal-number';

/**
 * The verified national identity number against the merchant's `personalNumber`, in constant time
 * (both are hashed first, so neither their contents nor their lengths show in the timing).
 */
export function matchIdentity(customer: Pick<Customer, 'personalNumber'>, nationalId: string): IdentityMatch {
  if (customer.personalNumber === null) return 'no-personal-number';
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(customer.personalNumber), digest(nationalId.trim())) ? 'matched' : 'not-matched';
}

export const opensOrder = (match: IdentityMatch): boolean => match !== 'not-matched';

const MATCH_NOTES: Record<IdentityMatch, string> = {
  matched: 'personalNumber matched',
  'not-matched': 'personalNumber did not match',
  'no-personal-number': 'no personalNumber to match',
};

/** `bankid-verified` in the reservation's history: when, and whether it matched — never the number itself. */
export function identityVerifiedEvent(reservation: Pick<Reservation, 'merchantId' | 'uuid'>, at: number, match: IdentityMatch): HistoryEvent {
  return historyEvent(reservation, 'bankid-verified', at, { note: MATCH_NOTES[match] });
}

/**
 * A live merchant's secureDetails reservation needs a real identity provider (the built-in test
 * provider serves test merchants only): without one, the create request is refused.
 */
export function secureDetailsProblem(merchant: Pick<Merchant, 'mode'>, secureDetails: boolean, providerConfigured: boolean): string | undefined {
  if (!secureDetails || merchant.mode !== 'live' || providerConfigured) return undefined;
  return 'The settings.secure details field cannot be true: BankID verification is not configured on this server.';
}
