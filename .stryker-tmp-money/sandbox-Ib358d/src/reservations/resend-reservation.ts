/**
 * Resend Reservation (`POST connect/reservations/resend/{uuid}`, §4.8): send the payment link
 * again by SMS (countryCode + msisdn) and/or email, possibly to other contacts than the stored
 * ones. The requests are stored with the history event; nothing sends them yet (see ports.ts).
 */
// @ts-nocheck

import { z } from 'zod';
import { MESSAGES } from '../validation/laravel-messages.js';
import { optionalDialingCode, optionalPatternString, optionalString } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import type { ReservationState } from './ledger.js';
import { validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Outcome } from './outcome.js';
import { effectiveStatus, type NotificationRequest } from './reservation.js';
import type { Decision } from './write-plan.js';

export const resendRequest = z
  .object(
    {
      countryCode: optionalDialingCode(),
      msisdn: optionalPatternString(/^\d{4,15}$/, 'The :attribute field must contain 4 to 15 digits without the country code.', 20),
      email: optionalString(254).refine((value) => value === null || z.email().safeParse(value).success, { error: MESSAGES.email }),
    },
    { error: MESSAGES.array },
  )
  .superRefine((body, ctx) => {
    if (body.msisdn && !body.countryCode) ctx.addIssue({ code: 'custom', path: ['countryCode'], message: 'The :attribute field is required when msisdn is present.' });
    if (body.countryCode && !body.msisdn) ctx.addIssue({ code: 'custom', path: ['msisdn'], message: 'The :attribute field is required when country code is present.' });
    if (!body.msisdn && !body.countryCode && !body.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'The :attribute field is required when msisdn is not present.' });
    }
  });

export function decideResend(state: ReservationState, request: z.output<typeof resendRequest>, now: number, actor: string): Decision<Outcome<null>> {
  const { reservation, customer } = state;
  const status = effectiveStatus(reservation, now);
  if (status === 'COMPLETED') return { result: fail('orderStatusAlreadyCompleted') };
  if (status === 'CANCELLED') return { result: fail('orderStatusAlreadyCancelled') };
  const base = { merchantId: reservation.merchantId, reservationUuid: reservation.uuid, language: customer.preferredLanguage, reason: 'resend', createdAt: now } as const;
  const notifications: NotificationRequest[] = [];
  if (request.msisdn && request.countryCode) notifications.push({ ...base, channel: 'sms', destination: `${request.countryCode}${request.msisdn}` });
  if (request.email) notifications.push({ ...base, channel: 'email', destination: request.email });
  return {
    result: succeed(null),
    plan: {
      notifications,
      events: [historyEvent(reservation, 'order-resent', now, { sentTo: notifications.map((n) => n.destination).join(', '), actionBy: actor })],
    },
  };
}

export async function resendReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  const decided = await validateAndDecide(deps, context, uuid, body, {
    schema: resendRequest,
    notFound: 'orderNotFound',
    decide: (state, request, now) => {
      const decision = decideResend(state, request, now, context.actor);
      return decision.plan ? { ...decision, plan: { ...decision.plan, response: context.responseFor?.(decision.result) } } : decision;
    },
  });
  return decided.ok ? succeed(null) : decided;
}
