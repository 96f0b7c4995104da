/**
 * Resend Reservation (`POST connect/reservations/resend/{uuid}`, §4.8): send the payment link
 * again by SMS (countryCode + msisdn) and/or email, possibly to other contacts than the stored
 * ones; a body that names none sends to the customer's stored contacts. The messages are written
 * with the history event and sent after commit (src/notifications/).
 */
import { z } from 'zod';
import type { IdSource } from '../kernel/ids.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { optionalDialingCode, optionalPatternString, optionalString } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import type { ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import { linkNotifications, mobileNumber, notMobileSentence, transportProblems, type LinkTargets, type MessageTransports } from './notification.js';
import { validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, invalid, succeed, type Outcome } from './outcome.js';
import { effectiveStatus } from './reservation.js';
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
    if (body.countryCode && body.msisdn && !mobileNumber(body.countryCode, body.msisdn)) {
      ctx.addIssue({ code: 'custom', path: ['msisdn'], message: notMobileSentence(':attribute', body.countryCode, body.msisdn) });
    }
  });

export type ResendRequest = z.output<typeof resendRequest>;

/** The body's contacts, or the customer's stored ones when it names none (SMS only when the reservation was sent by SMS). */
export function resendTargets(state: ReservationState, request: ResendRequest): LinkTargets {
  const { reservation, customer } = state;
  if (request.email || request.msisdn) {
    return { sms: request.countryCode && request.msisdn ? { countryCode: request.countryCode, msisdn: request.msisdn } : null, email: request.email };
  }
  const storedSms = reservation.sendBySms && mobileNumber(customer.countryCode, customer.msisdn) ? { countryCode: customer.countryCode, msisdn: customer.msisdn } : null;
  return { sms: storedSms, email: customer.email || null };
}

export interface ResendContext {
  now: number;
  actor: string;
  ids: Pick<IdSource, 'secret'>;
  merchant: Pick<Merchant, 'mode'>;
  transports: MessageTransports;
}

export function decideResend(state: ReservationState, request: ResendRequest, context: ResendContext): Decision<Outcome<null>> {
  const { reservation, customer } = state;
  const { now } = context;
  const status = effectiveStatus(reservation, now);
  if (status === 'COMPLETED') return { result: fail('orderStatusAlreadyCompleted') };
  if (status === 'CANCELLED') return { result: fail('orderStatusAlreadyCancelled') };
  const targets = resendTargets(state, request);
  const wanted = (['sms', 'email'] as const).filter((channel) => targets[channel] !== null);
  const problems = transportProblems(context.merchant, wanted, context.transports, (channel) => (channel === 'sms' ? 'msisdn' : 'email'));
  if (problems.length > 0) return { result: invalid(problems) };
  const notifications = linkNotifications(context.ids, reservation, customer, targets, 'resend', now);
  return {
    result: succeed(null),
    plan: {
      notifications,
      events: [historyEvent(reservation, 'order-resent', now, { sentTo: notifications.map((n) => n.destination).join(', '), actionBy: context.actor })],
    },
  };
}

export async function resendReservation(
  deps: LifecycleDependencies,
  context: OperationContext<null>,
  uuid: string,
  body: unknown,
): Promise<Outcome<null>> {
  const decided = await validateAndDecide(deps, context, uuid, body ?? {}, {
    schema: resendRequest,
    notFound: 'orderNotFound',
    decide: (state, request, now) => {
      const decision = decideResend(state, request, { now, actor: context.actor, ids: deps.ids, merchant: context.merchant, transports: deps.transports });
      return decision.plan ? { ...decision, plan: { ...decision.plan, response: context.responseFor?.(decision.result) } } : decision;
    },
  });
  return decided.ok ? succeed(null) : decided;
}
