/**
 * Cancel Reservation (§4.6) and Complete Reservation (§4.7): the two ways a reservation ends.
 * Cancel voids a reservation nothing was taken from (SENT or RESERVED); complete closes one that was
 * captured or charged and releases what is left of the authorization. Either way the status is
 * set first, so no capture can start meanwhile, then the gateway is asked; if it fails the status
 * goes back and the answer is 510.
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
import { MESSAGES } from '../validation/laravel-messages.js';
import { requiredString } from '../validation/rules.js';
import { historyEvent } from './history-events.js';
import { Ledger, type ReservationState } from './ledger.js';
import { merchantNow } from './merchant.js';
import { gatewayFailure, validateAndDecide, type LifecycleDependencies, type OperationContext } from './operation.js';
import { fail, succeed, type Failure, type FailureKey, type Outcome } from './outcome.js';
import { effectiveStatus, type Reservation, type ReservationStatus } from './reservation.js';
import type { PaymentGateway } from './ports.js';
import type { Decision } from './write-plan.js';
export const noteRequest = z.object(stryMutAct_9fa48("245") ? {} : (stryCov_9fa48("245"), {
  note: requiredString(1000)
}), stryMutAct_9fa48("246") ? {} : (stryCov_9fa48("246"), {
  error: MESSAGES.array
}));
interface Closing {
  reservation: Reservation;
  /** The authorization to release, with anything left on it. */
  voidAuthorization: string | null;
  previousStatus: ReservationStatus;
}
type Refusals = Partial<Record<ReservationStatus, FailureKey>> & {
  moneyMoved?: FailureKey;
  nothingTaken?: FailureKey;
};
function decideClose(state: ReservationState, to: 'CANCELLED' | 'COMPLETED', refusals: Refusals, now: number): Decision<Outcome<Closing>> {
  if (stryMutAct_9fa48("247")) {
    {}
  } else {
    stryCov_9fa48("247");
    const refuse = stryMutAct_9fa48("248") ? () => undefined : (stryCov_9fa48("248"), (() => {
      const refuse = (failure: Failure) => stryMutAct_9fa48("249") ? {} : (stryCov_9fa48("249"), {
        result: failure
      });
      return refuse;
    })());
    const {
      reservation
    } = state;
    const status = effectiveStatus(reservation, now);
    const refusal = refusals[status];
    if (stryMutAct_9fa48("251") ? false : stryMutAct_9fa48("250") ? true : (stryCov_9fa48("250", "251"), refusal)) return refuse(fail(refusal));
    const ledger = new Ledger(state);
    if (stryMutAct_9fa48("254") ? refusals.moneyMoved || ledger.hasMovedMoney() : stryMutAct_9fa48("253") ? false : stryMutAct_9fa48("252") ? true : (stryCov_9fa48("252", "253", "254"), refusals.moneyMoved && ledger.hasMovedMoney())) return refuse(fail(refusals.moneyMoved));
    if (stryMutAct_9fa48("257") ? refusals.nothingTaken || !ledger.hasMovedMoney(false) : stryMutAct_9fa48("256") ? false : stryMutAct_9fa48("255") ? true : (stryCov_9fa48("255", "256", "257"), refusals.nothingTaken && (stryMutAct_9fa48("258") ? ledger.hasMovedMoney(false) : (stryCov_9fa48("258"), !ledger.hasMovedMoney(stryMutAct_9fa48("259") ? true : (stryCov_9fa48("259"), false)))))) return refuse(fail(refusals.nothingTaken));
    const remaining = ledger.remainingAuthorization();
    return stryMutAct_9fa48("260") ? {} : (stryCov_9fa48("260"), {
      result: succeed(stryMutAct_9fa48("261") ? {} : (stryCov_9fa48("261"), {
        reservation,
        voidAuthorization: (stryMutAct_9fa48("264") ? reservation.authorizationId || remaining > 0 : stryMutAct_9fa48("263") ? false : stryMutAct_9fa48("262") ? true : (stryCov_9fa48("262", "263", "264"), reservation.authorizationId && (stryMutAct_9fa48("267") ? remaining <= 0 : stryMutAct_9fa48("266") ? remaining >= 0 : stryMutAct_9fa48("265") ? true : (stryCov_9fa48("265", "266", "267"), remaining > 0)))) ? reservation.authorizationId : null,
        previousStatus: status
      })),
      plan: stryMutAct_9fa48("268") ? {} : (stryCov_9fa48("268"), {
        status: stryMutAct_9fa48("269") ? {} : (stryCov_9fa48("269"), {
          reservationUuid: reservation.uuid,
          to,
          at: now
        })
      })
    });
  }
}
const CANCEL_REFUSALS: Refusals = stryMutAct_9fa48("270") ? {} : (stryCov_9fa48("270"), {
  COMPLETED: stryMutAct_9fa48("271") ? "" : (stryCov_9fa48("271"), 'reservationStatusAlreadyCompleted'),
  CANCELLED: stryMutAct_9fa48("272") ? "" : (stryCov_9fa48("272"), 'reservationStatusAlreadyCancelled'),
  EXPIRED: stryMutAct_9fa48("273") ? "" : (stryCov_9fa48("273"), 'prerequisiteFailedToCancelReservation'),
  moneyMoved: stryMutAct_9fa48("274") ? "" : (stryCov_9fa48("274"), 'prerequisiteFailedToCancelReservation')
});
const COMPLETE_REFUSALS: Refusals = stryMutAct_9fa48("275") ? {} : (stryCov_9fa48("275"), {
  COMPLETED: stryMutAct_9fa48("276") ? "" : (stryCov_9fa48("276"), 'reservationStatusAlreadyParamCompleted'),
  CANCELLED: stryMutAct_9fa48("277") ? "" : (stryCov_9fa48("277"), 'reservationStatusAlreadyParamCancelled'),
  SENT: stryMutAct_9fa48("278") ? "" : (stryCov_9fa48("278"), 'prerequisiteFailedToCompleteReservation'),
  EXPIRED: stryMutAct_9fa48("279") ? "" : (stryCov_9fa48("279"), 'prerequisiteFailedToCompleteReservation'),
  nothingTaken: stryMutAct_9fa48("280") ? "" : (stryCov_9fa48("280"), 'prerequisiteFailedToCompleteReservation')
});

/** The cancel rules: a SENT reservation, or a RESERVED one nothing was (or is being) captured or charged from. */
export function decideCancel(state: ReservationState, now: number): Decision<Outcome<Closing>> {
  if (stryMutAct_9fa48("281")) {
    {}
  } else {
    stryCov_9fa48("281");
    return decideClose(state, stryMutAct_9fa48("282") ? "" : (stryCov_9fa48("282"), 'CANCELLED'), CANCEL_REFUSALS, now);
  }
}

/** The complete rules: a RESERVED reservation something was captured or charged from. */
export function decideComplete(state: ReservationState, now: number): Decision<Outcome<Closing>> {
  if (stryMutAct_9fa48("283")) {
    {}
  } else {
    stryCov_9fa48("283");
    return decideClose(state, stryMutAct_9fa48("284") ? "" : (stryCov_9fa48("284"), 'COMPLETED'), COMPLETE_REFUSALS, now);
  }
}
async function close(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown, how: {
  decide: (state: ReservationState, now: number) => Decision<Outcome<Closing>>;
  notFound: FailureKey;
  event: string;
}): Promise<Outcome<null>> {
  if (stryMutAct_9fa48("285")) {
    {}
  } else {
    stryCov_9fa48("285");
    const decided = await validateAndDecide(deps, context, uuid, body, stryMutAct_9fa48("286") ? {} : (stryCov_9fa48("286"), {
      schema: noteRequest,
      notFound: how.notFound,
      decide: stryMutAct_9fa48("287") ? () => undefined : (stryCov_9fa48("287"), (state, _request, now) => how.decide(state, now))
    }));
    if (stryMutAct_9fa48("290") ? false : stryMutAct_9fa48("289") ? true : stryMutAct_9fa48("288") ? decided.ok : (stryCov_9fa48("288", "289", "290"), !decided.ok)) return decided;
    const {
      reservation,
      voidAuthorization,
      previousStatus
    } = decided.value;
    if (stryMutAct_9fa48("292") ? false : stryMutAct_9fa48("291") ? true : (stryCov_9fa48("291", "292"), voidAuthorization)) {
      if (stryMutAct_9fa48("293")) {
        {}
      } else {
        stryCov_9fa48("293");
        const answer = await releaseAuthorization(deps.gateway, reservation.uuid, voidAuthorization);
        // Unknown even after asking: the reservation stays closed (nothing more can be taken from it), and
        // an authorization the gateway did not release lapses at the card issuer.
        if (stryMutAct_9fa48("296") ? answer !== 'approved' || answer !== 'unknown' : stryMutAct_9fa48("295") ? false : stryMutAct_9fa48("294") ? true : (stryCov_9fa48("294", "295", "296"), (stryMutAct_9fa48("298") ? answer === 'approved' : stryMutAct_9fa48("297") ? true : (stryCov_9fa48("297", "298"), answer !== (stryMutAct_9fa48("299") ? "" : (stryCov_9fa48("299"), 'approved')))) && (stryMutAct_9fa48("301") ? answer === 'unknown' : stryMutAct_9fa48("300") ? true : (stryCov_9fa48("300", "301"), answer !== (stryMutAct_9fa48("302") ? "" : (stryCov_9fa48("302"), 'unknown')))))) {
          if (stryMutAct_9fa48("303")) {
            {}
          } else {
            stryCov_9fa48("303");
            await deps.lifecycle.write(stryMutAct_9fa48("304") ? {} : (stryCov_9fa48("304"), {
              status: stryMutAct_9fa48("305") ? {} : (stryCov_9fa48("305"), {
                reservationUuid: reservation.uuid,
                to: previousStatus,
                at: decided.now
              })
            }));
            return gatewayFailure(answer.message);
          }
        }
      }
    }
    const outcome = succeed(null);
    await deps.lifecycle.write(stryMutAct_9fa48("306") ? {} : (stryCov_9fa48("306"), {
      events: stryMutAct_9fa48("307") ? [] : (stryCov_9fa48("307"), [historyEvent(reservation, how.event, merchantNow(deps.clock, context.merchant), stryMutAct_9fa48("308") ? {} : (stryCov_9fa48("308"), {
        note: decided.request.note,
        actionBy: context.actor
      }))]),
      response: stryMutAct_9fa48("309") ? context.responseFor(outcome) : (stryCov_9fa48("309"), context.responseFor?.(outcome))
    }));
    return outcome;
  }
}

/**
 * Voids an authorization. A void whose answer was lost (a timeout) may have happened: the gateway is
 * asked, and only one it never received is sent again — a void is safe to repeat.
 */
async function releaseAuthorization(gateway: PaymentGateway, reference: string, authorizationId: string): Promise<'approved' | 'unknown' | {
  message: string;
}> {
  if (stryMutAct_9fa48("310")) {
    {}
  } else {
    stryCov_9fa48("310");
    const answer = await gateway.void(stryMutAct_9fa48("311") ? {} : (stryCov_9fa48("311"), {
      reference,
      authorizationId
    }));
    if (stryMutAct_9fa48("314") ? answer.outcome !== 'approved' : stryMutAct_9fa48("313") ? false : stryMutAct_9fa48("312") ? true : (stryCov_9fa48("312", "313", "314"), answer.outcome === (stryMutAct_9fa48("315") ? "" : (stryCov_9fa48("315"), 'approved')))) return stryMutAct_9fa48("316") ? "" : (stryCov_9fa48("316"), 'approved');
    if (stryMutAct_9fa48("319") ? answer.outcome === 'unknown' : stryMutAct_9fa48("318") ? false : stryMutAct_9fa48("317") ? true : (stryCov_9fa48("317", "318", "319"), answer.outcome !== (stryMutAct_9fa48("320") ? "" : (stryCov_9fa48("320"), 'unknown')))) return answer;
    const known = await gateway.lookup(stryMutAct_9fa48("321") ? {} : (stryCov_9fa48("321"), {
      kind: stryMutAct_9fa48("322") ? "" : (stryCov_9fa48("322"), 'void'),
      reference,
      on: authorizationId
    }));
    if (stryMutAct_9fa48("325") ? known.outcome !== 'done' : stryMutAct_9fa48("324") ? false : stryMutAct_9fa48("323") ? true : (stryCov_9fa48("323", "324", "325"), known.outcome === (stryMutAct_9fa48("326") ? "" : (stryCov_9fa48("326"), 'done')))) return stryMutAct_9fa48("327") ? "" : (stryCov_9fa48("327"), 'approved');
    if (stryMutAct_9fa48("330") ? known.outcome !== 'unknown' : stryMutAct_9fa48("329") ? false : stryMutAct_9fa48("328") ? true : (stryCov_9fa48("328", "329", "330"), known.outcome === (stryMutAct_9fa48("331") ? "" : (stryCov_9fa48("331"), 'unknown')))) return stryMutAct_9fa48("332") ? "" : (stryCov_9fa48("332"), 'unknown');
    const again = await gateway.void(stryMutAct_9fa48("333") ? {} : (stryCov_9fa48("333"), {
      reference,
      authorizationId
    }));
    return (stryMutAct_9fa48("336") ? again.outcome === 'approved' && again.outcome === 'unknown' : stryMutAct_9fa48("335") ? false : stryMutAct_9fa48("334") ? true : (stryCov_9fa48("334", "335", "336"), (stryMutAct_9fa48("338") ? again.outcome !== 'approved' : stryMutAct_9fa48("337") ? false : (stryCov_9fa48("337", "338"), again.outcome === (stryMutAct_9fa48("339") ? "" : (stryCov_9fa48("339"), 'approved')))) || (stryMutAct_9fa48("341") ? again.outcome !== 'unknown' : stryMutAct_9fa48("340") ? false : (stryCov_9fa48("340", "341"), again.outcome === (stryMutAct_9fa48("342") ? "" : (stryCov_9fa48("342"), 'unknown')))))) ? again.outcome : again;
  }
}
export function cancelReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  if (stryMutAct_9fa48("343")) {
    {}
  } else {
    stryCov_9fa48("343");
    return close(deps, context, uuid, body, stryMutAct_9fa48("344") ? {} : (stryCov_9fa48("344"), {
      decide: decideCancel,
      notFound: stryMutAct_9fa48("345") ? "" : (stryCov_9fa48("345"), 'orderNotFound'),
      event: stryMutAct_9fa48("346") ? "" : (stryCov_9fa48("346"), 'reservation-cancelled')
    }));
  }
}
export function completeReservation(deps: LifecycleDependencies, context: OperationContext<null>, uuid: string, body: unknown): Promise<Outcome<null>> {
  if (stryMutAct_9fa48("347")) {
    {}
  } else {
    stryCov_9fa48("347");
    return close(deps, context, uuid, body, stryMutAct_9fa48("348") ? {} : (stryCov_9fa48("348"), {
      decide: decideComplete,
      notFound: stryMutAct_9fa48("349") ? "" : (stryCov_9fa48("349"), 'reservationNotFound'),
      event: stryMutAct_9fa48("350") ? "" : (stryCov_9fa48("350"), 'reservation-completed')
    }));
  }
}