/** What a reservation page is drawn from, and how it shows amounts and times. */
// @ts-nocheck

import { formatCurrency, type MinorUnits } from '../kernel/money.js';
import { formatDateTime } from '../kernel/time-zones.js';
import type { ReservationState } from '../reservations/ledger.js';
import type { Merchant } from '../reservations/merchant.js';
import type { Failure } from '../reservations/outcome.js';
import type { HistoryEvent } from '../reservations/reservation.js';
import type { CallbackLog } from '../reservations/status-callback.js';
import type { PageContext } from './layout.js';

export interface FormState {
  /** A fresh Idempotency-Key for each form drawn. */
  newKey(): string;
  /** The form refused last, with its refusal and what was entered. */
  refusal?: { formId: string; failure: Failure; values: Record<string, string> } | undefined;
}

export interface ReservationView {
  context: PageContext;
  merchant: Merchant;
  state: ReservationState;
  events: HistoryEvent[];
  callbacks: CallbackLog[];
  /** The merchant's now. */
  now: number;
  /** What was just done, shown at the top. */
  notice?: string | undefined;
  forms: FormState;
}

export const money = (view: Pick<ReservationView, 'context' | 'state'>, minor: MinorUnits) => formatCurrency(minor, view.state.reservation.currency, view.context.t.locale);

export const when = (view: Pick<ReservationView, 'merchant'>, instant: number | null) => (instant === null ? '–' : formatDateTime(instant, view.merchant.timeZone));
