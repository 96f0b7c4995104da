/** What every lifecycle operation is given. */
import type { NewCallback } from '../callbacks/callback.js';
import type { PaymentGateway } from '../gateway/gateway.js';
import type { Merchant } from '../merchants/merchant.js';
import type { IdSource } from './ids.js';
import type { z } from 'zod';
import { merchantNow } from '../merchants/merchant-clock.js';
import { validate } from '../validation/validate.js';
import type { ChargeLine, ReservationState } from './ledger.js';
import type { Decision, LifecycleRepository } from './lifecycle.js';
import { fail, invalid, type Failure, type FailureKey, type Outcome } from './outcome.js';
import type { HistoryEvent } from './reservation.js';
import type { Clock, ResponseFor } from './ports.js';

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

/** The gateway could not do it: FPGO's 510, and nothing changed. */
export function gatewayFailure(message: string): Failure {
  return fail('somethingWentWrong', [`Payment Gateway Error: ${message}`]);
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;

export type GatewayResult = { outcome: 'approved'; gatewayId: string } | { outcome: 'declined' | 'error'; message: string };

export interface Settled<T> {
  outcome: Outcome<T>;
  events: HistoryEvent[];
  callback?: NewCallback | null;
}

/**
 * After the gateway answered a capture, charge or refund: a failure is stored as such and answered
 * 510 (nothing was taken); a success is stored with its history event, callback and idempotent answer.
 */
export async function settleMovement<T>(
  deps: Pick<LifecycleDependencies, 'lifecycle'>,
  context: OperationContext<T>,
  transactionUuid: string,
  at: number,
  answer: GatewayResult,
  success: () => Settled<T>,
): Promise<Outcome<T>> {
  if (answer.outcome !== 'approved') {
    await deps.lifecycle.write({ settle: [{ uuid: transactionUuid, state: 'failed', gatewayId: null, at }] });
    return gatewayFailure(answer.message);
  }
  const { outcome, events, callback } = success();
  // Settled already by a retry of the same request that ran at the same time: its answer stands.
  await deps.lifecycle.write({
    settle: [{ uuid: transactionUuid, state: 'succeeded', gatewayId: answer.gatewayId, at }],
    events,
    callbacks: callback ? [callback] : [],
    response: context.responseFor?.(outcome),
  });
  return outcome;
}

/**
 * The first steps every lifecycle operation shares: validate the body (417), then load the
 * reservation with its ledger, locked, and let `decide` choose and plan its writes (404 when the
 * reservation is not the merchant's).
 */
export async function validateAndDecide<S extends z.ZodType, T>(
  deps: Pick<LifecycleDependencies, 'lifecycle' | 'clock'>,
  context: { merchant: Merchant },
  uuid: string,
  body: unknown,
  how: { schema: S; notFound: FailureKey; decide: (state: ReservationState, request: z.output<S>, now: number) => Decision<Outcome<T>> },
): Promise<{ ok: true; value: T; request: z.output<S>; chargeLines: ChargeLine[] } | Failure> {
  const parsed = validate(how.schema, body);
  if (!parsed.ok) return invalid(parsed.errors);
  const now = merchantNow(deps.clock, context.merchant);
  const decided = await deps.lifecycle.decide(context.merchant.id, uuid, (state) => how.decide(state, parsed.value, now));
  if (!decided) return fail(how.notFound);
  if (!decided.result.ok) return decided.result;
  return { ok: true, value: decided.result.value, request: parsed.value, chargeLines: decided.chargeLines };
}
