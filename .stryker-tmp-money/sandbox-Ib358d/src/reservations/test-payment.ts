/**
 * Test mode's pay endpoint (`POST /api/v1/test/reservations/{uuid}/pay`), like Vipps' force-approve:
 * the same payment as the checkout page, with a card number and sensible defaults for the rest.
 */
// @ts-nocheck

import { z } from 'zod';
import { toMajorNumber } from '../kernel/money.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { optionalString, requiredString } from '../validation/rules.js';
import { validate } from '../validation/validate.js';
import { cardBrand, normalizeCardNumber, type CardField, type CardProblem } from './cards.js';
import { merchantNow, type Merchant } from './merchant.js';
import { gatewayFailure } from './operation.js';
import { fail, invalid, succeed, type FailureKey, type Outcome } from './outcome.js';
import { payReservation, type PayDependencies, type PayResult } from './pay-reservation.js';
import type { ReservationRepository } from './ports.js';
import type { ReservationStatus } from './reservation.js';
import type { ResponseFor } from './write-plan.js';

export const testPaymentRequest = z.object(
  {
    cardNumber: requiredString(23).meta({ description: 'A test card, e.g. 4111111111111111 (approved) or 4000000000000002 (declined).' }),
    expiry: optionalString(7).meta({ description: 'MM/YY; defaults to December three years ahead.' }),
    securityCode: optionalString(4).meta({ description: 'Defaults to 123.' }),
    holderName: optionalString(100).meta({ description: "Defaults to the customer's name." }),
  },
  { error: MESSAGES.array },
);

const FIELD_NAMES: Record<CardField, string> = {
  method: 'method',
  cardNumber: 'card number',
  expiry: 'expiry',
  securityCode: 'security code',
  holderName: 'holder name',
};

const PROBLEM_SENTENCES: Record<CardProblem, string> = {
  required: 'The :attribute field is required.',
  invalid: 'The :attribute field is invalid.',
  unsupported: 'The :attribute field must be a Visa or Mastercard card number.',
  brandMismatch: 'The :attribute field does not match the payment method.',
  expired: 'The :attribute field is in the past: the card has expired.',
};

export interface TestPaymentResult {
  reservationUuid: string;
  status: 'RESERVED';
  paymentMethod: string;
  reservedAmount: number;
}

export async function payInTestMode(
  deps: PayDependencies & { reservations: ReservationRepository },
  merchant: Merchant,
  uuid: string,
  body: unknown,
  responseFor?: ResponseFor<TestPaymentResult>,
): Promise<Outcome<TestPaymentResult>> {
  const parsed = validate(testPaymentRequest, body);
  if (!parsed.ok) return invalid(parsed.errors);
  const stored = await deps.reservations.find(merchant.id, uuid);
  if (!stored) return fail('reservationNotFound');

  const cardNumber = normalizeCardNumber(parsed.value.cardNumber);
  const nextYears = new Date(merchantNow(deps.clock, merchant)).getUTCFullYear() + 3;
  const form = {
    method: cardBrand(cardNumber) ?? 'visa',
    cardNumber,
    expiry: parsed.value.expiry ?? `12/${String(nextYears % 100).padStart(2, '0')}`,
    securityCode: parsed.value.securityCode ?? '123',
    holderName: parsed.value.holderName ?? stored.customer.name,
  };
  const result = await payReservation(deps, merchant, stored, form, responseFor && ((r) => responseFor(testPaymentOutcome(uuid, r))));
  return testPaymentOutcome(uuid, result);
}

function testPaymentOutcome(uuid: string, result: PayResult): Outcome<TestPaymentResult> {
  switch (result.kind) {
    case 'reserved':
      return succeed({ reservationUuid: uuid, status: 'RESERVED', paymentMethod: result.paymentMethod, reservedAmount: toMajorNumber(result.reservedAmount) });
    case 'invalid-card':
      return invalid(
        Object.entries(result.problems).map(([field, problem]) =>
          PROBLEM_SENTENCES[problem].replace(':attribute', FIELD_NAMES[field as CardField]),
        ),
      );
    case 'declined':
      return fail('paymentDeclined', [result.message]);
    case 'gateway-error':
      return gatewayFailure(result.message);
    case 'in-progress':
      return fail('paymentInProgress', ['Another payment of this reservation is being processed; retry in a moment.']);
    case 'not-payable':
      return fail(NOT_PAYABLE[result.status]);
  }
}

const NOT_PAYABLE = {
  RESERVED: 'reservationAlreadyPaid',
  EXPIRED: 'paymentLinkExpired',
  CANCELLED: 'reservationStatusAlreadyCancelled',
  COMPLETED: 'reservationStatusAlreadyCompleted',
} as const satisfies Record<Exclude<ReservationStatus, 'SENT'>, FailureKey>;
