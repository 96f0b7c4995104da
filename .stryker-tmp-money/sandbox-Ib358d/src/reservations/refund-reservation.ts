/**
 * Refund Reservation (`POST connect/reservations/refund/{uuid}`, §4.9): return money of one capture
 * (CAP…) or one charge (CHA…), per product line, in several partial refunds up to what was taken.
 * A charge of a reservation created with `isChargePartiallyRefundable: false` can only be refunded
 * whole (§10.17).
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
import { z } from 'zod';
import type { IdSource } from '../kernel/ids.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, oneOf, requiredString, whenValid } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import { amountsByLine, Ledger, type MoneyTransaction, type RefundSource, type ReservationState } from './ledger.js';
import { amountLine, earlierMovement, moveMoney, pendingMovement, totalsMatch, type MovementRules, type PlannedMovement } from './money-movement.js';
import { startedBy, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import type { Decision } from './write-plan.js';
export const refundRequest = z.object(stryMutAct_9fa48("441") ? {} : (stryCov_9fa48("441"), {
  type: oneOf(stryMutAct_9fa48("442") ? [] : (stryCov_9fa48("442"), [stryMutAct_9fa48("443") ? "" : (stryCov_9fa48("443"), 'reservation')])),
  grandTotal: amount(stryMutAct_9fa48("444") ? "" : (stryCov_9fa48("444"), 'positive')),
  products: itemMap(amountLine).meta(stryMutAct_9fa48("445") ? {} : (stryCov_9fa48("445"), {
    description: stryMutAct_9fa48("446") ? "" : (stryCov_9fa48("446"), 'Lines of the referenced capture (reserved line ids) or charge (its own line ids) and the amount to refund on each.')
  })),
  source: oneOf(stryMutAct_9fa48("447") ? [] : (stryCov_9fa48("447"), [stryMutAct_9fa48("448") ? "" : (stryCov_9fa48("448"), 'captured'), stryMutAct_9fa48("449") ? "" : (stryCov_9fa48("449"), 'charged')])),
  reference: requiredString(32).meta(stryMutAct_9fa48("450") ? {} : (stryCov_9fa48("450"), {
    description: stryMutAct_9fa48("451") ? "" : (stryCov_9fa48("451"), 'The CAP… id of a capture (source captured) or the CHA… id of a charge (source charged).')
  }))
}), stryMutAct_9fa48("452") ? {} : (stryCov_9fa48("452"), {
  error: MESSAGES.array
})).superRefine(totalsMatch, whenValid(stryMutAct_9fa48("453") ? "" : (stryCov_9fa48("453"), 'products'), stryMutAct_9fa48("454") ? "" : (stryCov_9fa48("454"), 'grandTotal')));
export type RefundRequest = z.output<typeof refundRequest>;
interface PlannedRefund extends PlannedMovement {
  of: MoneyTransaction;
  source: RefundSource;
}
export function decideRefund(state: ReservationState, request: RefundRequest, context: {
  now: number;
  ids: IdSource;
  idempotencyKeyId?: number | undefined;
  started?: {
    by: string;
    lookupAt: number;
  };
}): Decision<Outcome<PlannedRefund>> {
  if (stryMutAct_9fa48("455")) {
    {}
  } else {
    stryCov_9fa48("455");
    const refuse = stryMutAct_9fa48("456") ? () => undefined : (stryCov_9fa48("456"), (() => {
      const refuse = (failure: Failure) => stryMutAct_9fa48("457") ? {} : (stryCov_9fa48("457"), {
        result: failure
      });
      return refuse;
    })());
    const {
      reservation
    } = state;
    const kind = (stryMutAct_9fa48("460") ? request.source !== 'captured' : stryMutAct_9fa48("459") ? false : stryMutAct_9fa48("458") ? true : (stryCov_9fa48("458", "459", "460"), request.source === (stryMutAct_9fa48("461") ? "" : (stryCov_9fa48("461"), 'captured')))) ? stryMutAct_9fa48("462") ? "" : (stryCov_9fa48("462"), 'capture') : stryMutAct_9fa48("463") ? "" : (stryCov_9fa48("463"), 'charge');
    const ledger = new Ledger(state);
    const of = ledger.transactions(kind).find(stryMutAct_9fa48("464") ? () => undefined : (stryCov_9fa48("464"), t => stryMutAct_9fa48("467") ? t.uuid !== request.reference : stryMutAct_9fa48("466") ? false : stryMutAct_9fa48("465") ? true : (stryCov_9fa48("465", "466", "467"), t.uuid === request.reference)));
    if (stryMutAct_9fa48("470") ? false : stryMutAct_9fa48("469") ? true : stryMutAct_9fa48("468") ? of : (stryCov_9fa48("468", "469", "470"), !of)) return refuse(fail(stryMutAct_9fa48("471") ? "" : (stryCov_9fa48("471"), 'refundRejectionForTransactionNotFound')));
    const earlier = earlierMovement(state, stryMutAct_9fa48("472") ? {} : (stryCov_9fa48("472"), {
      kind: stryMutAct_9fa48("473") ? "" : (stryCov_9fa48("473"), 'refund'),
      planOf: planRefund
    }), context.idempotencyKeyId);
    if (stryMutAct_9fa48("475") ? false : stryMutAct_9fa48("474") ? true : (stryCov_9fa48("474", "475"), earlier)) return stryMutAct_9fa48("476") ? {} : (stryCov_9fa48("476"), {
      result: succeed(earlier)
    });
    const perLine = amountsByLine(request.products);
    if (stryMutAct_9fa48("479") ? [...perLine.keys()].every(lineId => !of.lines.some(l => l.lineId === lineId)) : stryMutAct_9fa48("478") ? false : stryMutAct_9fa48("477") ? true : (stryCov_9fa48("477", "478", "479"), (stryMutAct_9fa48("480") ? [] : (stryCov_9fa48("480"), [...perLine.keys()])).some(stryMutAct_9fa48("481") ? () => undefined : (stryCov_9fa48("481"), lineId => stryMutAct_9fa48("482") ? of.lines.some(l => l.lineId === lineId) : (stryCov_9fa48("482"), !(stryMutAct_9fa48("483") ? of.lines.every(l => l.lineId === lineId) : (stryCov_9fa48("483"), of.lines.some(stryMutAct_9fa48("484") ? () => undefined : (stryCov_9fa48("484"), l => stryMutAct_9fa48("487") ? l.lineId !== lineId : stryMutAct_9fa48("486") ? false : stryMutAct_9fa48("485") ? true : (stryCov_9fa48("485", "486", "487"), l.lineId === lineId)))))))))) return refuse(fail(stryMutAct_9fa48("488") ? "" : (stryCov_9fa48("488"), 'requestProductIdNotAvailable')));
    for (const [lineId, wanted] of perLine) {
      if (stryMutAct_9fa48("489")) {
        {}
      } else {
        stryCov_9fa48("489");
        if (stryMutAct_9fa48("493") ? wanted <= ledger.refundableOnLine(of, lineId) : stryMutAct_9fa48("492") ? wanted >= ledger.refundableOnLine(of, lineId) : stryMutAct_9fa48("491") ? false : stryMutAct_9fa48("490") ? true : (stryCov_9fa48("490", "491", "492", "493"), wanted > ledger.refundableOnLine(of, lineId))) return refuse(fail(stryMutAct_9fa48("494") ? "" : (stryCov_9fa48("494"), 'refundRejectionForRefundRequestGreaterThanOrderAmount')));
      }
    }
    // Whole means all of it: after the per-line limits above, any earlier refund would have made this request too big.
    const whole = stryMutAct_9fa48("497") ? request.grandTotal !== of.amount : stryMutAct_9fa48("496") ? false : stryMutAct_9fa48("495") ? true : (stryCov_9fa48("495", "496", "497"), request.grandTotal === of.amount);
    if (stryMutAct_9fa48("500") ? kind === 'charge' && !reservation.chargePartiallyRefundable || !whole : stryMutAct_9fa48("499") ? false : stryMutAct_9fa48("498") ? true : (stryCov_9fa48("498", "499", "500"), (stryMutAct_9fa48("502") ? kind === 'charge' || !reservation.chargePartiallyRefundable : stryMutAct_9fa48("501") ? true : (stryCov_9fa48("501", "502"), (stryMutAct_9fa48("504") ? kind !== 'charge' : stryMutAct_9fa48("503") ? true : (stryCov_9fa48("503", "504"), kind === (stryMutAct_9fa48("505") ? "" : (stryCov_9fa48("505"), 'charge')))) && (stryMutAct_9fa48("506") ? reservation.chargePartiallyRefundable : (stryCov_9fa48("506"), !reservation.chargePartiallyRefundable)))) && (stryMutAct_9fa48("507") ? whole : (stryCov_9fa48("507"), !whole)))) return refuse(fail(stryMutAct_9fa48("508") ? "" : (stryCov_9fa48("508"), 'partialRefundNotAllowedForCharge')));
    const refund = stryMutAct_9fa48("509") ? {} : (stryCov_9fa48("509"), {
      uuid: context.ids.id(stryMutAct_9fa48("510") ? "" : (stryCov_9fa48("510"), 'REF')),
      amount: request.grandTotal,
      of,
      source: request.source,
      reservation
    });
    return stryMutAct_9fa48("511") ? {} : (stryCov_9fa48("511"), {
      result: succeed(refund),
      plan: stryMutAct_9fa48("512") ? {} : (stryCov_9fa48("512"), {
        transactions: stryMutAct_9fa48("513") ? [] : (stryCov_9fa48("513"), [pendingMovement(reservation, stryMutAct_9fa48("514") ? {} : (stryCov_9fa48("514"), {
          kind: stryMutAct_9fa48("515") ? "" : (stryCov_9fa48("515"), 'refund'),
          uuid: refund.uuid,
          amount: refund.amount,
          createdAt: context.now,
          note: null,
          refundOf: of.uuid,
          source: request.source,
          lines: (stryMutAct_9fa48("516") ? [] : (stryCov_9fa48("516"), [...perLine])).map(stryMutAct_9fa48("517") ? () => undefined : (stryCov_9fa48("517"), ([lineId, amount]) => stryMutAct_9fa48("518") ? {} : (stryCov_9fa48("518"), {
            lineId,
            amount
          }))),
          idempotencyKeyId: context.idempotencyKeyId,
          started: context.started
        }))])
      })
    });
  }
}
function planRefund(state: ReservationState, refund: MoneyTransaction): PlannedRefund {
  if (stryMutAct_9fa48("519")) {
    {}
  } else {
    stryCov_9fa48("519");
    const of = state.transactions.find(stryMutAct_9fa48("520") ? () => undefined : (stryCov_9fa48("520"), t => stryMutAct_9fa48("523") ? t.uuid !== refund.refundOf : stryMutAct_9fa48("522") ? false : stryMutAct_9fa48("521") ? true : (stryCov_9fa48("521", "522", "523"), t.uuid === refund.refundOf)))!;
    return stryMutAct_9fa48("524") ? {} : (stryCov_9fa48("524"), {
      uuid: refund.uuid,
      amount: refund.amount,
      of,
      source: stryMutAct_9fa48("525") ? refund.source && 'captured' : (stryCov_9fa48("525"), refund.source ?? (stryMutAct_9fa48("526") ? "" : (stryCov_9fa48("526"), 'captured'))),
      reservation: state.reservation
    });
  }
}

/** What a refund is at the gateway and what it leaves behind, for the request and for the reconciler. */
export function refundRules(actor: string): MovementRules<PlannedRefund, null> {
  if (stryMutAct_9fa48("527")) {
    {}
  } else {
    stryCov_9fa48("527");
    return stryMutAct_9fa48("528") ? {} : (stryCov_9fa48("528"), {
      kind: stryMutAct_9fa48("529") ? "" : (stryCov_9fa48("529"), 'refund'),
      planOf: planRefund,
      send: stryMutAct_9fa48("530") ? () => undefined : (stryCov_9fa48("530"), (gateway, refund) => gateway.refund(stryMutAct_9fa48("531") ? {} : (stryCov_9fa48("531"), {
        reference: refund.uuid,
        paymentId: stryMutAct_9fa48("532") ? refund.of.gatewayId && '' : (stryCov_9fa48("532"), refund.of.gatewayId ?? (stryMutAct_9fa48("533") ? "Stryker was here!" : (stryCov_9fa48("533"), ''))),
        amount: refund.amount,
        currency: refund.reservation.currency
      }))),
      lookup: stryMutAct_9fa48("534") ? () => undefined : (stryCov_9fa48("534"), refund => stryMutAct_9fa48("535") ? {} : (stryCov_9fa48("535"), {
        kind: stryMutAct_9fa48("536") ? "" : (stryCov_9fa48("536"), 'refund'),
        reference: refund.uuid,
        on: stryMutAct_9fa48("537") ? refund.of.gatewayId && '' : (stryCov_9fa48("537"), refund.of.gatewayId ?? (stryMutAct_9fa48("538") ? "Stryker was here!" : (stryCov_9fa48("538"), '')))
      })),
      settled: (refund, at) => {
        if (stryMutAct_9fa48("539")) {
          {}
        } else {
          stryCov_9fa48("539");
          const {
            reservation
          } = refund;
          const fromCharge = stryMutAct_9fa48("542") ? refund.source !== 'charged' : stryMutAct_9fa48("541") ? false : stryMutAct_9fa48("540") ? true : (stryCov_9fa48("540", "541", "542"), refund.source === (stryMutAct_9fa48("543") ? "" : (stryCov_9fa48("543"), 'charged')));
          const common = stryMutAct_9fa48("544") ? {} : (stryCov_9fa48("544"), {
            actionBy: actor,
            paymentMethod: reservation.paymentMethod,
            amount: refund.amount
          });
          return stryMutAct_9fa48("545") ? {} : (stryCov_9fa48("545"), {
            outcome: succeed(null),
            events: stryMutAct_9fa48("546") ? [] : (stryCov_9fa48("546"), [historyEvent(reservation, fromCharge ? stryMutAct_9fa48("547") ? "" : (stryCov_9fa48("547"), 'refund-sent-from-charged') : stryMutAct_9fa48("548") ? "" : (stryCov_9fa48("548"), 'refund-sent-from-captured'), at, stryMutAct_9fa48("549") ? {} : (stryCov_9fa48("549"), {
              ...common,
              note: refund.of.uuid
            })), ...(fromCharge ? stryMutAct_9fa48("550") ? [] : (stryCov_9fa48("550"), [historyEvent(reservation, stryMutAct_9fa48("551") ? "" : (stryCov_9fa48("551"), 'refund-sent'), at, stryMutAct_9fa48("552") ? {} : (stryCov_9fa48("552"), {
              ...common,
              subjectUuid: refund.of.uuid
            }))]) : stryMutAct_9fa48("553") ? ["Stryker was here"] : (stryCov_9fa48("553"), []))])
          });
        }
      }
    });
  }
}
export function refundReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  if (stryMutAct_9fa48("554")) {
    {}
  } else {
    stryCov_9fa48("554");
    return moveMoney(deps, context, uuid, body, stryMutAct_9fa48("555") ? {} : (stryCov_9fa48("555"), {
      ...refundRules(context.actor),
      schema: refundRequest,
      notFound: stryMutAct_9fa48("556") ? "" : (stryCov_9fa48("556"), 'orderNotFound'),
      decide: stryMutAct_9fa48("557") ? () => undefined : (stryCov_9fa48("557"), (state, request, now) => decideRefund(state, request, stryMutAct_9fa48("558") ? {} : (stryCov_9fa48("558"), {
        now,
        ids: deps.ids,
        idempotencyKeyId: context.idempotencyKeyId,
        started: startedBy(deps, context)
      })))
    }));
  }
}