/**
 * What every lifecycle operation is given, and the first steps they share: validate the body (417),
 * then load the reservation with its ledger, locked, and let a pure `decide` choose and plan its
 * writes (404 when the reservation is not the merchant's).
 */
// @ts-nocheck

import type { z } from 'zod';
import type { Clock } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { validate } from '../validation/validate.js';
import { withFreshIds } from './fresh-ids.js';
import type { ChargeLine, ReservationState } from './ledger.js';
import { merchantNow, type Merchant } from './merchant.js';
import { fail, invalid, type Failure, type FailureKey, type Outcome } from './outcome.js';
import type { LifecycleRepository, PaymentGateway } from './ports.js';
import type { Decision, ResponseFor } from './write-plan.js';

/** How long a movement may stay pending before the reconciler asks the gateway about it: far longer than any gateway call. */
export const LOOKUP_AFTER_MS = 5 * 60_000;

export interface LifecycleDependencies {
  lifecycle: LifecycleRepository;
  gateway: PaymentGateway;
  clock: Clock;
  ids: IdSource;
}

export interface OperationContext<T> {
  merchant: Merchant;
  /** Who acted, for history's actionBy (the API token's prefix). */
  actor: string;
  responseFor?: ResponseFor<T> | undefined;
  /** The request's idempotency key: a money movement it started but never finished is resumed. */
  idempotencyKeyId?: number | undefined;
}

/** Who starts a movement and from when (real time) the reconciler may look it up, should its answer never come. */
export function startedBy(deps: Pick<LifecycleDependencies, 'clock'>, context: Pick<OperationContext<unknown>, 'actor'>): { by: string; lookupAt: number } {
  return { by: context.actor, lookupAt: deps.clock.now() + LOOKUP_AFTER_MS };
}

/** The gateway could not do it: FPGO's 510, and nothing changed. */
export function gatewayFailure(message: string): Failure {
  return fail('somethingWentWrong', [`Payment Gateway Error: ${message}`]);
}

export interface Decided<T, R> {
  ok: true;
  value: T;
  request: R;
  /** Product lines the plan added (a charge's), with the ids the store gave them. */
  chargeLines: ChargeLine[];
  /** The merchant's time the decision was taken at. */
  now: number;
}

export async function validateAndDecide<S extends z.ZodType, T>(
  deps: Pick<LifecycleDependencies, 'lifecycle' | 'clock'>,
  context: { merchant: Merchant },
  uuid: string,
  body: unknown,
  how: { schema: S; notFound: FailureKey; decide: (state: ReservationState, request: z.output<S>, now: number) => Decision<Outcome<T>> },
): Promise<Decided<T, z.output<S>> | Failure> {
  const parsed = validate(how.schema, body);
  if (!parsed.ok) return invalid(parsed.errors);
  const now = merchantNow(deps.clock, context.merchant);
  const decided = await withFreshIds(() => deps.lifecycle.decide(context.merchant.id, uuid, (state) => how.decide(state, parsed.value, now)));
  if (!decided) return fail(how.notFound);
  if (!decided.result.ok) return decided.result;
  return { ok: true, value: decided.result.value, request: parsed.value, chargeLines: decided.chargeLines, now };
}
