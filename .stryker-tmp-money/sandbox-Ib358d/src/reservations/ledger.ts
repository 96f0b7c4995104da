/**
 * The money of a reservation, derived from its transactions: what is reserved, captured, charged
 * and refunded, per product line and per transaction. Pending transactions (sent to the gateway,
 * answer not yet stored) count against what is left, so two concurrent requests can never take
 * more than there is.
 */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
  lines: {
    lineId: number;
    amount: MinorUnits;
  }[];
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
const counts = stryMutAct_9fa48("351") ? () => undefined : (stryCov_9fa48("351"), (() => {
  const counts = (t: MoneyTransaction, includePending: boolean) => stryMutAct_9fa48("354") ? t.state === 'succeeded' && includePending && t.state === 'pending' : stryMutAct_9fa48("353") ? false : stryMutAct_9fa48("352") ? true : (stryCov_9fa48("352", "353", "354"), (stryMutAct_9fa48("356") ? t.state !== 'succeeded' : stryMutAct_9fa48("355") ? false : (stryCov_9fa48("355", "356"), t.state === (stryMutAct_9fa48("357") ? "" : (stryCov_9fa48("357"), 'succeeded')))) || (stryMutAct_9fa48("359") ? includePending || t.state === 'pending' : stryMutAct_9fa48("358") ? false : (stryCov_9fa48("358", "359"), includePending && (stryMutAct_9fa48("361") ? t.state !== 'pending' : stryMutAct_9fa48("360") ? true : (stryCov_9fa48("360", "361"), t.state === (stryMutAct_9fa48("362") ? "" : (stryCov_9fa48("362"), 'pending')))))));
  return counts;
})());
export class Ledger {
  constructor(private readonly state: ReservationState) {}
  transactions(kind: TransactionKind, includePending = stryMutAct_9fa48("363") ? true : (stryCov_9fa48("363"), false)): MoneyTransaction[] {
    if (stryMutAct_9fa48("364")) {
      {}
    } else {
      stryCov_9fa48("364");
      return stryMutAct_9fa48("365") ? this.state.transactions : (stryCov_9fa48("365"), this.state.transactions.filter(stryMutAct_9fa48("366") ? () => undefined : (stryCov_9fa48("366"), t => stryMutAct_9fa48("369") ? t.kind === kind || counts(t, includePending) : stryMutAct_9fa48("368") ? false : stryMutAct_9fa48("367") ? true : (stryCov_9fa48("367", "368", "369"), (stryMutAct_9fa48("371") ? t.kind !== kind : stryMutAct_9fa48("370") ? true : (stryCov_9fa48("370", "371"), t.kind === kind)) && counts(t, includePending)))));
    }
  }
  total(kind: TransactionKind, includePending = stryMutAct_9fa48("372") ? true : (stryCov_9fa48("372"), false)): MinorUnits {
    if (stryMutAct_9fa48("373")) {
      {}
    } else {
      stryCov_9fa48("373");
      return sumMinor(this.transactions(kind, includePending).map(stryMutAct_9fa48("374") ? () => undefined : (stryCov_9fa48("374"), t => t.amount)));
    }
  }

  /** Captured on a reserved line (pending captures too when asked). */
  capturedOnLine(lineId: number, includePending = stryMutAct_9fa48("375") ? true : (stryCov_9fa48("375"), false)): MinorUnits {
    if (stryMutAct_9fa48("376")) {
      {}
    } else {
      stryCov_9fa48("376");
      return sumMinor(this.transactions(stryMutAct_9fa48("377") ? "" : (stryCov_9fa48("377"), 'capture'), includePending).flatMap(stryMutAct_9fa48("378") ? () => undefined : (stryCov_9fa48("378"), t => stryMutAct_9fa48("379") ? t.lines.map(l => l.amount) : (stryCov_9fa48("379"), t.lines.filter(stryMutAct_9fa48("380") ? () => undefined : (stryCov_9fa48("380"), l => stryMutAct_9fa48("383") ? l.lineId !== lineId : stryMutAct_9fa48("382") ? false : stryMutAct_9fa48("381") ? true : (stryCov_9fa48("381", "382", "383"), l.lineId === lineId))).map(stryMutAct_9fa48("384") ? () => undefined : (stryCov_9fa48("384"), l => l.amount))))));
    }
  }

  /** What may still be captured on a reserved line. */
  capturableOnLine(line: ProductLine): MinorUnits {
    if (stryMutAct_9fa48("385")) {
      {}
    } else {
      stryCov_9fa48("385");
      return stryMutAct_9fa48("386") ? line.reserved + this.capturedOnLine(line.id, true) : (stryCov_9fa48("386"), line.reserved - this.capturedOnLine(line.id, stryMutAct_9fa48("387") ? false : (stryCov_9fa48("387"), true)));
    }
  }

  /** Taken by one capture or charge on one of its lines, less what was refunded (or is being refunded). */
  refundableOnLine(transaction: MoneyTransaction, lineId: number): MinorUnits {
    if (stryMutAct_9fa48("388")) {
      {}
    } else {
      stryCov_9fa48("388");
      const taken = sumMinor(stryMutAct_9fa48("389") ? transaction.lines.map(l => l.amount) : (stryCov_9fa48("389"), transaction.lines.filter(stryMutAct_9fa48("390") ? () => undefined : (stryCov_9fa48("390"), l => stryMutAct_9fa48("393") ? l.lineId !== lineId : stryMutAct_9fa48("392") ? false : stryMutAct_9fa48("391") ? true : (stryCov_9fa48("391", "392", "393"), l.lineId === lineId))).map(stryMutAct_9fa48("394") ? () => undefined : (stryCov_9fa48("394"), l => l.amount))));
      return stryMutAct_9fa48("395") ? taken + this.refundedOnLine(transaction.uuid, lineId, true) : (stryCov_9fa48("395"), taken - this.refundedOnLine(transaction.uuid, lineId, stryMutAct_9fa48("396") ? false : (stryCov_9fa48("396"), true)));
    }
  }
  refundedOnLine(transactionUuid: string, lineId: number, includePending = stryMutAct_9fa48("397") ? true : (stryCov_9fa48("397"), false)): MinorUnits {
    if (stryMutAct_9fa48("398")) {
      {}
    } else {
      stryCov_9fa48("398");
      return sumMinor(stryMutAct_9fa48("399") ? this.transactions('refund', includePending).flatMap(r => r.lines.filter(l => l.lineId === lineId).map(l => l.amount)) : (stryCov_9fa48("399"), this.transactions(stryMutAct_9fa48("400") ? "" : (stryCov_9fa48("400"), 'refund'), includePending).filter(stryMutAct_9fa48("401") ? () => undefined : (stryCov_9fa48("401"), r => stryMutAct_9fa48("404") ? r.refundOf !== transactionUuid : stryMutAct_9fa48("403") ? false : stryMutAct_9fa48("402") ? true : (stryCov_9fa48("402", "403", "404"), r.refundOf === transactionUuid))).flatMap(stryMutAct_9fa48("405") ? () => undefined : (stryCov_9fa48("405"), r => stryMutAct_9fa48("406") ? r.lines.map(l => l.amount) : (stryCov_9fa48("406"), r.lines.filter(stryMutAct_9fa48("407") ? () => undefined : (stryCov_9fa48("407"), l => stryMutAct_9fa48("410") ? l.lineId !== lineId : stryMutAct_9fa48("409") ? false : stryMutAct_9fa48("408") ? true : (stryCov_9fa48("408", "409", "410"), l.lineId === lineId))).map(stryMutAct_9fa48("411") ? () => undefined : (stryCov_9fa48("411"), l => l.amount)))))));
    }
  }
  refundedFrom(source: RefundSource): MinorUnits {
    if (stryMutAct_9fa48("412")) {
      {}
    } else {
      stryCov_9fa48("412");
      return sumMinor(stryMutAct_9fa48("413") ? this.transactions('refund').map(r => r.amount) : (stryCov_9fa48("413"), this.transactions(stryMutAct_9fa48("414") ? "" : (stryCov_9fa48("414"), 'refund')).filter(stryMutAct_9fa48("415") ? () => undefined : (stryCov_9fa48("415"), r => stryMutAct_9fa48("418") ? r.source !== source : stryMutAct_9fa48("417") ? false : stryMutAct_9fa48("416") ? true : (stryCov_9fa48("416", "417", "418"), r.source === source))).map(stryMutAct_9fa48("419") ? () => undefined : (stryCov_9fa48("419"), r => r.amount))));
    }
  }

  /** True once anything was captured or charged, or is being. */
  hasMovedMoney(includePending = stryMutAct_9fa48("420") ? false : (stryCov_9fa48("420"), true)): boolean {
    if (stryMutAct_9fa48("421")) {
      {}
    } else {
      stryCov_9fa48("421");
      return stryMutAct_9fa48("424") ? this.transactions('capture', includePending).length > 0 && this.transactions('charge', includePending).length > 0 : stryMutAct_9fa48("423") ? false : stryMutAct_9fa48("422") ? true : (stryCov_9fa48("422", "423", "424"), (stryMutAct_9fa48("427") ? this.transactions('capture', includePending).length <= 0 : stryMutAct_9fa48("426") ? this.transactions('capture', includePending).length >= 0 : stryMutAct_9fa48("425") ? false : (stryCov_9fa48("425", "426", "427"), this.transactions(stryMutAct_9fa48("428") ? "" : (stryCov_9fa48("428"), 'capture'), includePending).length > 0)) || (stryMutAct_9fa48("431") ? this.transactions('charge', includePending).length <= 0 : stryMutAct_9fa48("430") ? this.transactions('charge', includePending).length >= 0 : stryMutAct_9fa48("429") ? false : (stryCov_9fa48("429", "430", "431"), this.transactions(stryMutAct_9fa48("432") ? "" : (stryCov_9fa48("432"), 'charge'), includePending).length > 0)));
    }
  }

  /** What is still held on the card: reserved less captured (pending included). */
  remainingAuthorization(): MinorUnits {
    if (stryMutAct_9fa48("433")) {
      {}
    } else {
      stryCov_9fa48("433");
      return stryMutAct_9fa48("434") ? (this.state.reservation.reservedAmount ?? 0) + this.total('capture', true) : (stryCov_9fa48("434"), (stryMutAct_9fa48("435") ? this.state.reservation.reservedAmount && 0 : (stryCov_9fa48("435"), this.state.reservation.reservedAmount ?? 0)) - this.total(stryMutAct_9fa48("436") ? "" : (stryCov_9fa48("436"), 'capture'), stryMutAct_9fa48("437") ? false : (stryCov_9fa48("437"), true)));
    }
  }
}

/** The amount asked for on each product line (a line named twice counts once, with both amounts). */
export function amountsByLine(lines: readonly {
  id: number;
  amount: MinorUnits;
}[]): Map<number, MinorUnits> {
  if (stryMutAct_9fa48("438")) {
    {}
  } else {
    stryCov_9fa48("438");
    const perLine = new Map<number, MinorUnits>();
    for (const line of lines) perLine.set(line.id, sumMinor(stryMutAct_9fa48("439") ? [] : (stryCov_9fa48("439"), [stryMutAct_9fa48("440") ? perLine.get(line.id) && 0 : (stryCov_9fa48("440"), perLine.get(line.id) ?? 0), line.amount])));
    return perLine;
  }
}