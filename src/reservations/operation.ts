/** What every lifecycle operation is given. */
import type { NewCallback } from '../callbacks/callback.js';
import type { PaymentGateway } from '../gateway/gateway.js';
import type { Merchant } from '../merchants/merchant.js';
import type { IdSource } from './ids.js';
import type { LifecycleRepository } from './lifecycle.js';
import { fail, type Failure, type Outcome } from './outcome.js';
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
