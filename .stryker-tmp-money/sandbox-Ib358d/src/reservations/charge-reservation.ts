/**
 * Charge Reservation (`POST connect/reservations/charge/{uuid}`, §4.5): a merchant-initiated
 * payment on the card stored when the customer paid, for new product lines (the minibar after
 * check-out). Allowed for `chargeValidity` minutes after RESERVED (90 days without it, §10.7), up
 * to the merchant's charge limit per reservation (paymentChargeRunwayExceed).
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
import { DAY, MINUTE } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { sumMinor, toMajorNumber } from '../kernel/money.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, optionalString, whenValid } from '../validation/rules.js';
import { productLine } from './create-request.js';
import { historyEvent } from './history-events.js';
import { Ledger, type ChargeLine, type MoneyTransaction, type ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import { earlierMovement, moveMoney, pendingMovement, totalsMatch, type MovementRules, type PlannedMovement } from './money-movement.js';
import { startedBy, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type Outcome } from './outcome.js';
import { effectiveStatus, type Reservation } from './reservation.js';
import { reservationCallback } from './status-callback.js';
import type { Decision } from './write-plan.js';
export const DEFAULT_CHARGE_VALIDITY_MS = stryMutAct_9fa48("143") ? 90 / DAY : (stryCov_9fa48("143"), 90 * DAY);
export const chargeRequest = z.object(stryMutAct_9fa48("144") ? {} : (stryCov_9fa48("144"), {
  products: itemMap(productLine).meta(stryMutAct_9fa48("145") ? {} : (stryCov_9fa48("145"), {
    description: stryMutAct_9fa48("146") ? "" : (stryCov_9fa48("146"), 'The new product lines to charge; each gets an integer id (for refunds).')
  })),
  grandTotal: amount(stryMutAct_9fa48("147") ? "" : (stryCov_9fa48("147"), 'positive')),
  additionalText: optionalString(1000)
}), stryMutAct_9fa48("148") ? {} : (stryCov_9fa48("148"), {
  error: MESSAGES.array
})).superRefine(totalsMatch, whenValid(stryMutAct_9fa48("149") ? "" : (stryCov_9fa48("149"), 'products'), stryMutAct_9fa48("150") ? "" : (stryCov_9fa48("150"), 'grandTotal')));
export type ChargeRequest = z.output<typeof chargeRequest>;
export interface ChargeResult {
  uuid: string;
  products: {
    id: number;
    name: string;
    amount: number;
  }[];
}
interface PlannedCharge extends PlannedMovement {
  cardToken: string;
  customerEmail: string;
  /** The lines of a resumed charge (a new one gets its line ids when it is written). */
  lines: ChargeLine[];
}

/** The last instant the stored card may be charged (null before the reservation is paid). */
export function chargeDeadline(reservation: Pick<Reservation, 'reservedAt' | 'chargeValidityMinutes'>): number | null {
  if (stryMutAct_9fa48("151")) {
    {}
  } else {
    stryCov_9fa48("151");
    if (stryMutAct_9fa48("154") ? reservation.reservedAt !== null : stryMutAct_9fa48("153") ? false : stryMutAct_9fa48("152") ? true : (stryCov_9fa48("152", "153", "154"), reservation.reservedAt === null)) return null;
    const validity = (stryMutAct_9fa48("157") ? reservation.chargeValidityMinutes !== null : stryMutAct_9fa48("156") ? false : stryMutAct_9fa48("155") ? true : (stryCov_9fa48("155", "156", "157"), reservation.chargeValidityMinutes === null)) ? DEFAULT_CHARGE_VALIDITY_MS : stryMutAct_9fa48("158") ? reservation.chargeValidityMinutes / MINUTE : (stryCov_9fa48("158"), reservation.chargeValidityMinutes * MINUTE);
    return stryMutAct_9fa48("159") ? reservation.reservedAt - validity : (stryCov_9fa48("159"), reservation.reservedAt + validity);
  }
}
export function decideCharge(state: ReservationState, request: ChargeRequest, context: {
  now: number;
  merchant: Merchant;
  ids: IdSource;
  idempotencyKeyId?: number | undefined;
  started?: {
    by: string;
    lookupAt: number;
  };
}): Decision<Outcome<PlannedCharge>> {
  if (stryMutAct_9fa48("160")) {
    {}
  } else {
    stryCov_9fa48("160");
    const refuse = stryMutAct_9fa48("161") ? () => undefined : (stryCov_9fa48("161"), (() => {
      const refuse = (failure: Failure) => stryMutAct_9fa48("162") ? {} : (stryCov_9fa48("162"), {
        result: failure
      });
      return refuse;
    })());
    const {
      reservation
    } = state;
    if (stryMutAct_9fa48("165") ? false : stryMutAct_9fa48("164") ? true : stryMutAct_9fa48("163") ? state.card : (stryCov_9fa48("163", "164", "165"), !state.card)) return refuse(fail(stryMutAct_9fa48("166") ? "" : (stryCov_9fa48("166"), 'paymentCardNotFound')));
    const ledger = new Ledger(state);
    const base = stryMutAct_9fa48("167") ? {} : (stryCov_9fa48("167"), {
      cardToken: state.card.token,
      reservation,
      customerEmail: state.customer.email
    });
    const earlier = earlierMovement(state, stryMutAct_9fa48("168") ? {} : (stryCov_9fa48("168"), {
      kind: stryMutAct_9fa48("169") ? "" : (stryCov_9fa48("169"), 'charge'),
      planOf: planCharge
    }), context.idempotencyKeyId);
    if (stryMutAct_9fa48("171") ? false : stryMutAct_9fa48("170") ? true : (stryCov_9fa48("170", "171"), earlier)) return stryMutAct_9fa48("172") ? {} : (stryCov_9fa48("172"), {
      result: succeed(earlier)
    });
    const status = effectiveStatus(reservation, context.now);
    if (stryMutAct_9fa48("175") ? status !== 'CANCELLED' : stryMutAct_9fa48("174") ? false : stryMutAct_9fa48("173") ? true : (stryCov_9fa48("173", "174", "175"), status === (stryMutAct_9fa48("176") ? "" : (stryCov_9fa48("176"), 'CANCELLED')))) return refuse(fail(stryMutAct_9fa48("177") ? "" : (stryCov_9fa48("177"), 'reservationStatusAlreadyCancelled')));
    if (stryMutAct_9fa48("180") ? status !== 'COMPLETED' : stryMutAct_9fa48("179") ? false : stryMutAct_9fa48("178") ? true : (stryCov_9fa48("178", "179", "180"), status === (stryMutAct_9fa48("181") ? "" : (stryCov_9fa48("181"), 'COMPLETED')))) return refuse(fail(stryMutAct_9fa48("182") ? "" : (stryCov_9fa48("182"), 'reservationStatusAlreadyCompleted')));
    const deadline = chargeDeadline(reservation);
    if (stryMutAct_9fa48("185") ? deadline !== null || context.now > deadline : stryMutAct_9fa48("184") ? false : stryMutAct_9fa48("183") ? true : (stryCov_9fa48("183", "184", "185"), (stryMutAct_9fa48("187") ? deadline === null : stryMutAct_9fa48("186") ? true : (stryCov_9fa48("186", "187"), deadline !== null)) && (stryMutAct_9fa48("190") ? context.now <= deadline : stryMutAct_9fa48("189") ? context.now >= deadline : stryMutAct_9fa48("188") ? true : (stryCov_9fa48("188", "189", "190"), context.now > deadline)))) return refuse(fail(stryMutAct_9fa48("191") ? "" : (stryCov_9fa48("191"), 'paymentChargeDeadlineExceed')));
    if (stryMutAct_9fa48("195") ? sumMinor([ledger.total('charge', true), request.grandTotal]) <= context.merchant.chargeLimit : stryMutAct_9fa48("194") ? sumMinor([ledger.total('charge', true), request.grandTotal]) >= context.merchant.chargeLimit : stryMutAct_9fa48("193") ? false : stryMutAct_9fa48("192") ? true : (stryCov_9fa48("192", "193", "194", "195"), sumMinor(stryMutAct_9fa48("196") ? [] : (stryCov_9fa48("196"), [ledger.total(stryMutAct_9fa48("197") ? "" : (stryCov_9fa48("197"), 'charge'), stryMutAct_9fa48("198") ? false : (stryCov_9fa48("198"), true)), request.grandTotal])) > context.merchant.chargeLimit)) return refuse(fail(stryMutAct_9fa48("199") ? "" : (stryCov_9fa48("199"), 'paymentChargeRunwayExceed')));
    const charge = stryMutAct_9fa48("200") ? {} : (stryCov_9fa48("200"), {
      ...base,
      uuid: context.ids.id(stryMutAct_9fa48("201") ? "" : (stryCov_9fa48("201"), 'CHA')),
      amount: request.grandTotal,
      lines: stryMutAct_9fa48("202") ? ["Stryker was here"] : (stryCov_9fa48("202"), [])
    });
    return stryMutAct_9fa48("203") ? {} : (stryCov_9fa48("203"), {
      result: succeed(charge),
      plan: stryMutAct_9fa48("204") ? {} : (stryCov_9fa48("204"), {
        transactions: stryMutAct_9fa48("205") ? [] : (stryCov_9fa48("205"), [pendingMovement(reservation, stryMutAct_9fa48("206") ? {} : (stryCov_9fa48("206"), {
          kind: stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), 'charge'),
          uuid: charge.uuid,
          amount: charge.amount,
          createdAt: context.now,
          note: request.additionalText,
          refundOf: null,
          source: null,
          lines: stryMutAct_9fa48("208") ? ["Stryker was here"] : (stryCov_9fa48("208"), []),
          idempotencyKeyId: context.idempotencyKeyId,
          started: context.started
        }))]),
        chargeLines: request.products.map(stryMutAct_9fa48("209") ? () => undefined : (stryCov_9fa48("209"), (line, position) => stryMutAct_9fa48("210") ? {} : (stryCov_9fa48("210"), {
          ...line,
          position,
          chargeUuid: charge.uuid,
          reservationUuid: reservation.uuid
        })))
      })
    });
  }
}
function planCharge(state: ReservationState, charge: MoneyTransaction): PlannedCharge {
  if (stryMutAct_9fa48("211")) {
    {}
  } else {
    stryCov_9fa48("211");
    return stryMutAct_9fa48("212") ? {} : (stryCov_9fa48("212"), {
      uuid: charge.uuid,
      amount: charge.amount,
      reservation: state.reservation,
      cardToken: stryMutAct_9fa48("213") ? state.card?.token && '' : (stryCov_9fa48("213"), (stryMutAct_9fa48("214") ? state.card.token : (stryCov_9fa48("214"), state.card?.token)) ?? (stryMutAct_9fa48("215") ? "Stryker was here!" : (stryCov_9fa48("215"), ''))),
      customerEmail: state.customer.email,
      lines: stryMutAct_9fa48("216") ? state.chargeLines : (stryCov_9fa48("216"), state.chargeLines.filter(stryMutAct_9fa48("217") ? () => undefined : (stryCov_9fa48("217"), line => stryMutAct_9fa48("220") ? line.chargeUuid !== charge.uuid : stryMutAct_9fa48("219") ? false : stryMutAct_9fa48("218") ? true : (stryCov_9fa48("218", "219", "220"), line.chargeUuid === charge.uuid))))
    });
  }
}

/** What a charge is at the gateway and what it leaves behind, for the request and for the reconciler. */
export function chargeRules(ids: IdSource, actor: string): MovementRules<PlannedCharge, ChargeResult> {
  if (stryMutAct_9fa48("221")) {
    {}
  } else {
    stryCov_9fa48("221");
    return stryMutAct_9fa48("222") ? {} : (stryCov_9fa48("222"), {
      kind: stryMutAct_9fa48("223") ? "" : (stryCov_9fa48("223"), 'charge'),
      planOf: planCharge,
      send: stryMutAct_9fa48("224") ? () => undefined : (stryCov_9fa48("224"), (gateway, charge) => gateway.charge(stryMutAct_9fa48("225") ? {} : (stryCov_9fa48("225"), {
        reference: charge.uuid,
        cardToken: charge.cardToken,
        amount: charge.amount,
        currency: charge.reservation.currency
      }))),
      lookup: stryMutAct_9fa48("226") ? () => undefined : (stryCov_9fa48("226"), charge => stryMutAct_9fa48("227") ? {} : (stryCov_9fa48("227"), {
        kind: stryMutAct_9fa48("228") ? "" : (stryCov_9fa48("228"), 'charge'),
        reference: charge.uuid,
        on: charge.cardToken
      })),
      settled: stryMutAct_9fa48("229") ? () => undefined : (stryCov_9fa48("229"), (charge, at, addedLines) => stryMutAct_9fa48("230") ? {} : (stryCov_9fa48("230"), {
        outcome: succeed(stryMutAct_9fa48("231") ? {} : (stryCov_9fa48("231"), {
          uuid: charge.uuid,
          products: (charge.lines.length ? charge.lines : addedLines).map(stryMutAct_9fa48("232") ? () => undefined : (stryCov_9fa48("232"), line => stryMutAct_9fa48("233") ? {} : (stryCov_9fa48("233"), {
            id: line.id,
            name: line.name,
            amount: toMajorNumber(line.amount)
          })))
        })),
        events: stryMutAct_9fa48("234") ? [] : (stryCov_9fa48("234"), [historyEvent(charge.reservation, stryMutAct_9fa48("235") ? "" : (stryCov_9fa48("235"), 'amount-charged-from-card'), at, stryMutAct_9fa48("236") ? {} : (stryCov_9fa48("236"), {
          subjectUuid: charge.uuid,
          note: charge.uuid,
          sentTo: charge.customerEmail,
          actionBy: actor,
          paymentMethod: charge.reservation.paymentMethod,
          isRefundable: stryMutAct_9fa48("237") ? false : (stryCov_9fa48("237"), true),
          amount: charge.amount
        }))]),
        callback: reservationCallback(ids, charge.reservation, stryMutAct_9fa48("238") ? {} : (stryCov_9fa48("238"), {
          status: stryMutAct_9fa48("239") ? "" : (stryCov_9fa48("239"), 'CHARGED'),
          subjectUuid: charge.uuid,
          amount: charge.amount,
          at
        }))
      }))
    });
  }
}
export function chargeReservation(deps: LifecycleDependencies, context: OperationContext<ChargeResult>, uuid: string, body: unknown): Promise<Outcome<ChargeResult>> {
  if (stryMutAct_9fa48("240")) {
    {}
  } else {
    stryCov_9fa48("240");
    return moveMoney(deps, context, uuid, body, stryMutAct_9fa48("241") ? {} : (stryCov_9fa48("241"), {
      ...chargeRules(deps.ids, context.actor),
      schema: chargeRequest,
      notFound: stryMutAct_9fa48("242") ? "" : (stryCov_9fa48("242"), 'reservationNotFound'),
      decide: stryMutAct_9fa48("243") ? () => undefined : (stryCov_9fa48("243"), (state, request, now) => decideCharge(state, request, stryMutAct_9fa48("244") ? {} : (stryCov_9fa48("244"), {
        now,
        merchant: context.merchant,
        ids: deps.ids,
        idempotencyKeyId: context.idempotencyKeyId,
        started: startedBy(deps, context)
      })))
    }));
  }
}