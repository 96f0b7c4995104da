/**
 * The money of a reservation, derived from its transactions: what is reserved, captured, charged
 * and refunded, per product line and per transaction. Pending transactions (sent to the gateway,
 * answer not yet stored) count against what is left, so two concurrent requests can never take
 * more than there is.
 */
import { sumMinor, type MinorUnits } from '../kernel/money.js';
import type { StoredCard } from './cards.js';
import type { ProductLine, StoredReservation } from './reservation.js';

export type TransactionKind = 'capture' | 'charge' | 'refund';
export type TransactionState = 'pending' | 'succeeded' | 'failed';
export type RefundSource = 'captured' | 'charged';

export interface MoneyTransaction {
  /** CAP…, CHA… or REF…. */
  uuid: string;
  kind: TransactionKind;
  state: TransactionState;
  amount: MinorUnits;
  createdAt: number;
  /** The gateway's id of the payment (capture, charge) or refund. */
  gatewayId: string | null;
  /** additionalText of a capture or charge. */
  note: string | null;
  /** For a refund: the capture or charge it returns money of. */
  refundOf: string | null;
  source: RefundSource | null;
  lines: { lineId: number; amount: MinorUnits }[];
  /** The idempotency key of the request that started it, if any. */
  idempotencyKeyId: number | null;
  /** Who started it (history's actionBy). */
  actionBy: string | null;
}

/** A product line added by a charge. */
export interface ChargeLine extends ProductLine {
  chargeUuid: string;
}

export interface ReservationState extends StoredReservation {
  transactions: MoneyTransaction[];
  chargeLines: ChargeLine[];
  card: StoredCard | null;
}

const counts = (t: MoneyTransaction, includePending: boolean) => t.state === 'succeeded' || (includePending && t.state === 'pending');

export class Ledger {
  constructor(private readonly state: ReservationState) {}

  transactions(kind: TransactionKind, includePending = false): MoneyTransaction[] {
    return this.state.transactions.filter((t) => t.kind === kind && counts(t, includePending));
  }

  total(kind: TransactionKind, includePending = false): MinorUnits {
    return sumMinor(this.transactions(kind, includePending).map((t) => t.amount));
  }

  /** Captured on a reserved line (pending captures too when asked). */
  capturedOnLine(lineId: number, includePending = false): MinorUnits {
    return sumMinor(this.transactions('capture', includePending).flatMap((t) => t.lines.filter((l) => l.lineId === lineId).map((l) => l.amount)));
  }

  /** What may still be captured on a reserved line. */
  capturableOnLine(line: ProductLine): MinorUnits {
    return line.reserved - this.capturedOnLine(line.id, true);
  }

  /** Taken by one capture or charge on one of its lines, less what was refunded (or is being refunded). */
  refundableOnLine(transaction: MoneyTransaction, lineId: number): MinorUnits {
    const taken = sumMinor(transaction.lines.filter((l) => l.lineId === lineId).map((l) => l.amount));
    return taken - this.refundedOnLine(transaction.uuid, lineId, true);
  }

  refundedOnLine(transactionUuid: string, lineId: number, includePending = false): MinorUnits {
    return sumMinor(
      this.transactions('refund', includePending)
        .filter((r) => r.refundOf === transactionUuid)
        .flatMap((r) => r.lines.filter((l) => l.lineId === lineId).map((l) => l.amount)),
    );
  }

  refundedFrom(source: RefundSource): MinorUnits {
    return sumMinor(this.transactions('refund').filter((r) => r.source === source).map((r) => r.amount));
  }

  /** True once anything was captured or charged, or is being. */
  hasMovedMoney(includePending = true): boolean {
    return this.transactions('capture', includePending).length > 0 || this.transactions('charge', includePending).length > 0;
  }

  /** What is still held on the card: reserved less captured (pending included). */
  remainingAuthorization(): MinorUnits {
    return (this.state.reservation.reservedAmount ?? 0) - this.total('capture', true);
  }
}

/** The amount asked for on each product line (a line named twice counts once, with both amounts). */
export function amountsByLine(lines: readonly { id: number; amount: MinorUnits }[]): Map<number, MinorUnits> {
  const perLine = new Map<number, MinorUnits>();
  for (const line of lines) perLine.set(line.id, sumMinor([perLine.get(line.id) ?? 0, line.amount]));
  return perLine;
}
