/** What every lifecycle operation is given. */
import type { PaymentGateway } from '../gateway/gateway.js';
import type { Merchant } from '../merchants/merchant.js';
import type { IdSource } from './ids.js';
import type { LifecycleRepository } from './lifecycle.js';
import { fail, type Failure } from './outcome.js';
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
}

/** The gateway could not do it: FPGO's 510, and nothing changed. */
export function gatewayFailure(message: string): Failure {
  return fail('somethingWentWrong', [`Payment Gateway Error: ${message}`]);
}

export const MINUTE = 60_000;
export const DAY = 86_400_000;
