/**
 * Capture Reservation (`POST connect/reservations/capture/{uuid}`, §4.4): take part or all of what
 * is reserved, per product line, as often as needed until the reserved amount is used up, within
 * the merchant's capture window (7 days after RESERVED by default, §10.11).
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
import { DAY } from '../kernel/clock.js';
import type { IdSource } from '../kernel/ids.js';
import { MESSAGES } from '../validation/laravel-messages.js';
import { amount, itemMap, optionalString, whenValid } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import { amountsByLine, Ledger, type MoneyTransaction, type ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import { amountLine, earlierMovement, moveMoney, pendingMovement, totalsMatch, type MovementRules, type PlannedMovement } from './money-movement.js';
import { startedBy, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, invalid, succeed, type Failure, type Outcome } from './outcome.js';
import { effectiveStatus } from './reservation.js';
import { reservationCallback } from './status-callback.js';
import type { Decision } from './write-plan.js';
export const captureRequest = z.object(stryMutAct_9fa48("38") ? {} : (stryCov_9fa48("38"), {
  products: itemMap(amountLine).meta(stryMutAct_9fa48("39") ? {} : (stryCov_9fa48("39"), {
    description: stryMutAct_9fa48("40") ? "" : (stryCov_9fa48("40"), 'Reserved product lines (ids from Details productList) and the amount to capture on each.')
  })),
  grandTotal: amount(stryMutAct_9fa48("41") ? "" : (stryCov_9fa48("41"), 'positive')),
  additionalText: optionalString(1000)
}), stryMutAct_9fa48("42") ? {} : (stryCov_9fa48("42"), {
  error: MESSAGES.array
})).superRefine(totalsMatch, whenValid(stryMutAct_9fa48("43") ? "" : (stryCov_9fa48("43"), 'products'), stryMutAct_9fa48("44") ? "" : (stryCov_9fa48("44"), 'grandTotal')));
export type CaptureRequest = z.output<typeof captureRequest>;
interface PlannedCapture extends PlannedMovement {
  authorizationId: string;
}

/** The capture rules, against the ledger as it stands in the deciding transaction. */
export function decideCapture(state: ReservationState, request: CaptureRequest, context: {
  now: number;
  merchant: Merchant;
  ids: IdSource;
  idempotencyKeyId?: number | undefined;
  started?: {
    by: string;
    lookupAt: number;
  };
}): Decision<Outcome<PlannedCapture>> {
  if (stryMutAct_9fa48("45")) {
    {}
  } else {
    stryCov_9fa48("45");
    const refuse = stryMutAct_9fa48("46") ? () => undefined : (stryCov_9fa48("46"), (() => {
      const refuse = (failure: Failure) => stryMutAct_9fa48("47") ? {} : (stryCov_9fa48("47"), {
        result: failure
      });
      return refuse;
    })());
    const {
      reservation
    } = state;
    const ledger = new Ledger(state);
    const earlier = earlierMovement(state, stryMutAct_9fa48("48") ? {} : (stryCov_9fa48("48"), {
      kind: stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), 'capture'),
      planOf: planCapture
    }), context.idempotencyKeyId);
    if (stryMutAct_9fa48("51") ? false : stryMutAct_9fa48("50") ? true : (stryCov_9fa48("50", "51"), earlier)) return stryMutAct_9fa48("52") ? {} : (stryCov_9fa48("52"), {
      result: succeed(earlier)
    });
    const status = effectiveStatus(reservation, context.now);
    if (stryMutAct_9fa48("55") ? status !== 'CANCELLED' : stryMutAct_9fa48("54") ? false : stryMutAct_9fa48("53") ? true : (stryCov_9fa48("53", "54", "55"), status === (stryMutAct_9fa48("56") ? "" : (stryCov_9fa48("56"), 'CANCELLED')))) return refuse(fail(stryMutAct_9fa48("57") ? "" : (stryCov_9fa48("57"), 'reservationStatusAlreadyCancelled')));
    if (stryMutAct_9fa48("60") ? status !== 'COMPLETED' : stryMutAct_9fa48("59") ? false : stryMutAct_9fa48("58") ? true : (stryCov_9fa48("58", "59", "60"), status === (stryMutAct_9fa48("61") ? "" : (stryCov_9fa48("61"), 'COMPLETED')))) return refuse(fail(stryMutAct_9fa48("62") ? "" : (stryCov_9fa48("62"), 'reservationStatusAlreadyCompleted')));
    if (stryMutAct_9fa48("65") ? (status !== 'RESERVED' || !reservation.authorizationId) && reservation.reservedAt === null : stryMutAct_9fa48("64") ? false : stryMutAct_9fa48("63") ? true : (stryCov_9fa48("63", "64", "65"), (stryMutAct_9fa48("67") ? status !== 'RESERVED' && !reservation.authorizationId : stryMutAct_9fa48("66") ? false : (stryCov_9fa48("66", "67"), (stryMutAct_9fa48("69") ? status === 'RESERVED' : stryMutAct_9fa48("68") ? false : (stryCov_9fa48("68", "69"), status !== (stryMutAct_9fa48("70") ? "" : (stryCov_9fa48("70"), 'RESERVED')))) || (stryMutAct_9fa48("71") ? reservation.authorizationId : (stryCov_9fa48("71"), !reservation.authorizationId)))) || (stryMutAct_9fa48("73") ? reservation.reservedAt !== null : stryMutAct_9fa48("72") ? false : (stryCov_9fa48("72", "73"), reservation.reservedAt === null)))) {
      if (stryMutAct_9fa48("74")) {
        {}
      } else {
        stryCov_9fa48("74");
        return refuse(fail(stryMutAct_9fa48("75") ? "" : (stryCov_9fa48("75"), 'prerequisiteFailedToCaptureReservation')));
      }
    }
    const unknown = stryMutAct_9fa48("76") ? request.products.map((line, index) => ({
      line,
      index
    })) : (stryCov_9fa48("76"), request.products.map(stryMutAct_9fa48("77") ? () => undefined : (stryCov_9fa48("77"), (line, index) => stryMutAct_9fa48("78") ? {} : (stryCov_9fa48("78"), {
      line,
      index
    }))).filter(stryMutAct_9fa48("79") ? () => undefined : (stryCov_9fa48("79"), ({
      line
    }) => stryMutAct_9fa48("80") ? state.lines.some(l => l.id === line.id) : (stryCov_9fa48("80"), !(stryMutAct_9fa48("81") ? state.lines.every(l => l.id === line.id) : (stryCov_9fa48("81"), state.lines.some(stryMutAct_9fa48("82") ? () => undefined : (stryCov_9fa48("82"), l => stryMutAct_9fa48("85") ? l.id !== line.id : stryMutAct_9fa48("84") ? false : stryMutAct_9fa48("83") ? true : (stryCov_9fa48("83", "84", "85"), l.id === line.id)))))))));
    if (stryMutAct_9fa48("87") ? false : stryMutAct_9fa48("86") ? true : (stryCov_9fa48("86", "87"), unknown.length)) return refuse(invalid(unknown.map(stryMutAct_9fa48("88") ? () => undefined : (stryCov_9fa48("88"), ({
      index
    }) => stryMutAct_9fa48("89") ? `` : (stryCov_9fa48("89"), `The selected products.${index}.id is invalid: it is not a product line of this reservation.`)))));
    if (stryMutAct_9fa48("93") ? context.now <= reservation.reservedAt + context.merchant.captureWindowDays * DAY : stryMutAct_9fa48("92") ? context.now >= reservation.reservedAt + context.merchant.captureWindowDays * DAY : stryMutAct_9fa48("91") ? false : stryMutAct_9fa48("90") ? true : (stryCov_9fa48("90", "91", "92", "93"), context.now > (stryMutAct_9fa48("94") ? reservation.reservedAt - context.merchant.captureWindowDays * DAY : (stryCov_9fa48("94"), reservation.reservedAt + (stryMutAct_9fa48("95") ? context.merchant.captureWindowDays / DAY : (stryCov_9fa48("95"), context.merchant.captureWindowDays * DAY)))))) return refuse(fail(stryMutAct_9fa48("96") ? "" : (stryCov_9fa48("96"), 'paymentCaptureDeadlineExceed')));
    const perLine = amountsByLine(request.products);
    for (const line of state.lines) {
      if (stryMutAct_9fa48("97")) {
        {}
      } else {
        stryCov_9fa48("97");
        const wanted = perLine.get(line.id);
        if (stryMutAct_9fa48("100") ? wanted !== undefined || wanted > ledger.capturableOnLine(line) : stryMutAct_9fa48("99") ? false : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99", "100"), (stryMutAct_9fa48("102") ? wanted === undefined : stryMutAct_9fa48("101") ? true : (stryCov_9fa48("101", "102"), wanted !== undefined)) && (stryMutAct_9fa48("105") ? wanted <= ledger.capturableOnLine(line) : stryMutAct_9fa48("104") ? wanted >= ledger.capturableOnLine(line) : stryMutAct_9fa48("103") ? true : (stryCov_9fa48("103", "104", "105"), wanted > ledger.capturableOnLine(line))))) return refuse(fail(stryMutAct_9fa48("106") ? "" : (stryCov_9fa48("106"), 'requestedCaptureAmountExceedAvailableCaptureRunway')));
      }
    }
    const capture = stryMutAct_9fa48("107") ? {} : (stryCov_9fa48("107"), {
      uuid: context.ids.id(stryMutAct_9fa48("108") ? "" : (stryCov_9fa48("108"), 'CAP')),
      amount: request.grandTotal,
      authorizationId: reservation.authorizationId,
      reservation
    });
    const lines = (stryMutAct_9fa48("109") ? [] : (stryCov_9fa48("109"), [...perLine])).map(stryMutAct_9fa48("110") ? () => undefined : (stryCov_9fa48("110"), ([lineId, amount]) => stryMutAct_9fa48("111") ? {} : (stryCov_9fa48("111"), {
      lineId,
      amount
    })));
    return stryMutAct_9fa48("112") ? {} : (stryCov_9fa48("112"), {
      result: succeed(capture),
      plan: stryMutAct_9fa48("113") ? {} : (stryCov_9fa48("113"), {
        transactions: stryMutAct_9fa48("114") ? [] : (stryCov_9fa48("114"), [pendingMovement(reservation, stryMutAct_9fa48("115") ? {} : (stryCov_9fa48("115"), {
          kind: stryMutAct_9fa48("116") ? "" : (stryCov_9fa48("116"), 'capture'),
          uuid: capture.uuid,
          amount: capture.amount,
          createdAt: context.now,
          note: request.additionalText,
          refundOf: null,
          source: null,
          lines,
          idempotencyKeyId: context.idempotencyKeyId,
          started: context.started
        }))])
      })
    });
  }
}
function planCapture(state: ReservationState, capture: MoneyTransaction): PlannedCapture {
  if (stryMutAct_9fa48("117")) {
    {}
  } else {
    stryCov_9fa48("117");
    return stryMutAct_9fa48("118") ? {} : (stryCov_9fa48("118"), {
      uuid: capture.uuid,
      amount: capture.amount,
      authorizationId: stryMutAct_9fa48("119") ? state.reservation.authorizationId && '' : (stryCov_9fa48("119"), state.reservation.authorizationId ?? (stryMutAct_9fa48("120") ? "Stryker was here!" : (stryCov_9fa48("120"), ''))),
      reservation: state.reservation
    });
  }
}

/** What a capture is at the gateway and what it leaves behind, for the request and for the reconciler. */
export function captureRules(ids: IdSource, actor: string): MovementRules<PlannedCapture, {
  uuid: string;
}> {
  if (stryMutAct_9fa48("121")) {
    {}
  } else {
    stryCov_9fa48("121");
    return stryMutAct_9fa48("122") ? {} : (stryCov_9fa48("122"), {
      kind: stryMutAct_9fa48("123") ? "" : (stryCov_9fa48("123"), 'capture'),
      planOf: planCapture,
      send: stryMutAct_9fa48("124") ? () => undefined : (stryCov_9fa48("124"), (gateway, capture) => gateway.capture(stryMutAct_9fa48("125") ? {} : (stryCov_9fa48("125"), {
        reference: capture.uuid,
        authorizationId: capture.authorizationId,
        amount: capture.amount,
        currency: capture.reservation.currency
      }))),
      lookup: stryMutAct_9fa48("126") ? () => undefined : (stryCov_9fa48("126"), capture => stryMutAct_9fa48("127") ? {} : (stryCov_9fa48("127"), {
        kind: stryMutAct_9fa48("128") ? "" : (stryCov_9fa48("128"), 'capture'),
        reference: capture.uuid,
        on: capture.authorizationId
      })),
      settled: stryMutAct_9fa48("129") ? () => undefined : (stryCov_9fa48("129"), (capture, at) => stryMutAct_9fa48("130") ? {} : (stryCov_9fa48("130"), {
        outcome: succeed(stryMutAct_9fa48("131") ? {} : (stryCov_9fa48("131"), {
          uuid: capture.uuid
        })),
        events: stryMutAct_9fa48("132") ? [] : (stryCov_9fa48("132"), [historyEvent(capture.reservation, stryMutAct_9fa48("133") ? "" : (stryCov_9fa48("133"), 'amount-captured-from-reservation'), at, stryMutAct_9fa48("134") ? {} : (stryCov_9fa48("134"), {
          subjectUuid: capture.uuid,
          note: capture.uuid,
          actionBy: actor,
          paymentMethod: capture.reservation.paymentMethod,
          isRefundable: stryMutAct_9fa48("135") ? false : (stryCov_9fa48("135"), true),
          amount: capture.amount
        }))]),
        callback: reservationCallback(ids, capture.reservation, stryMutAct_9fa48("136") ? {} : (stryCov_9fa48("136"), {
          status: stryMutAct_9fa48("137") ? "" : (stryCov_9fa48("137"), 'CAPTURED'),
          subjectUuid: capture.uuid,
          amount: capture.amount,
          at
        }))
      }))
    });
  }
}
export function captureReservation(deps: LifecycleDependencies, context: OperationContext<{
  uuid: string;
}>, uuid: string, body: unknown): Promise<Outcome<{
  uuid: string;
}>> {
  if (stryMutAct_9fa48("138")) {
    {}
  } else {
    stryCov_9fa48("138");
    return moveMoney(deps, context, uuid, body, stryMutAct_9fa48("139") ? {} : (stryCov_9fa48("139"), {
      ...captureRules(deps.ids, context.actor),
      schema: captureRequest,
      notFound: stryMutAct_9fa48("140") ? "" : (stryCov_9fa48("140"), 'reservationNotFound'),
      decide: stryMutAct_9fa48("141") ? () => undefined : (stryCov_9fa48("141"), (state, request, now) => decideCapture(state, request, stryMutAct_9fa48("142") ? {} : (stryCov_9fa48("142"), {
        now,
        merchant: context.merchant,
        ids: deps.ids,
        idempotencyKeyId: context.idempotencyKeyId,
        started: startedBy(deps, context)
      })))
    }));
  }
}