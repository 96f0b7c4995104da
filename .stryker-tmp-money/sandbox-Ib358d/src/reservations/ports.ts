/**
 * Every interface between fpgo's core and the world outside it, in one place. The core (this folder)
 * depends only on these; adapters implement them — src/store/ the repositories (SQLite or
 * PostgreSQL), src/gateway/ the payment gateway, src/callbacks/ the delivery of what the callback
 * repository holds — and src/server.ts, the one composition root, picks the implementations.
 */
// @ts-nocheck

import type { KeyClaim, KeyClaimRequest } from '../idempotency/idempotency.js';
import type { MinorUnits } from '../kernel/money.js';
import type { CardInput, StoredCard } from './cards.js';
import type { DashboardSession, DashboardUser, NewDashboardUser } from './dashboard-user.js';
import type { ChargeLine, ReservationState } from './ledger.js';
import type { Merchant } from './merchant.js';
import type { HistoryEvent, ReservationStatus, StoredReservation } from './reservation.js';
import type { MoneyOverTime, ReservationFilter, ReservationPage } from './reservation-list.js';
import type { AttemptRecord, CallbackLog, PendingCallback } from './status-callback.js';
import type { Decision, IdempotentResponse, NewReservationRecords, ReservedRecord, WritePlan } from './write-plan.js';

/** Time and ids come in from outside too (src/kernel/ has the real ones), so tests can hold them still. */
export type { Clock } from '../kernel/clock.js';
export type { IdSource } from '../kernel/ids.js';

// ─── Storage ────────────────────────────────────────────────────────────────────────────────────

/** A write hit a unique key (e.g. a random id already taken); the caller may retry with new ids. */
export class DuplicateKeyError extends Error {
  constructor(cause: unknown) {
    super('duplicate key', { cause });
    this.name = 'DuplicateKeyError';
  }
}

export interface TokenRecord {
  id: number;
  merchantId: string;
  prefix: string;
  createdAt: number;
  revokedAt: number | null;
}

/** Merchants and their API tokens (stored as hashes). A change is seen at once by every server process. */
export interface MerchantRepository {
  insert(merchant: Merchant, token: { hash: string; prefix: string }): Promise<void>;
  count(): Promise<number>;
  findById(id: string): Promise<Merchant | undefined>;
  /** The merchant owning an unrevoked token with this hash (runs on every API request). */
  findByTokenHash(hash: string): Promise<Merchant | undefined>;
  /** True when a token with this hash authenticated recently (from memory: no database lookup). */
  isKnownToken(hash: string): boolean;
  addToken(merchantId: string, token: { hash: string; prefix: string }, now: number): Promise<void>;
  /** Unrevoked tokens that hash to `hash` or whose stored prefix starts with `prefix`. */
  findActiveTokens(prefix: string, hash: string): Promise<TokenRecord[]>;
  revokeToken(id: number, now: number): Promise<void>;
  /** Moves a test-mode merchant's clock forward; the merchant as it is now. */
  advanceTestClock(merchantId: string, ms: number): Promise<Merchant | undefined>;
  /** A merchant's tokens, revoked ones too, newest first. */
  listTokens(merchantId: string): Promise<TokenRecord[]>;
  /** Replaces the callback secret; the one it replaces keeps signing too until `previousUntil`. */
  rotateCallbackSecret(merchantId: string, secret: string, previousUntil: number): Promise<void>;
  /** The secret before the last rotation, while its grace period runs (null after it, or without a rotation). */
  previousCallbackSecret(merchantId: string, now: number): Promise<{ secret: string; until: number } | null>;
}

/** Dashboard users, their sessions and failed sign-ins (src/merchants/dashboard-users.ts has the rules). */
export interface UserRepository {
  /** Throws DuplicateKeyError when the email address is taken. */
  insert(user: NewDashboardUser): Promise<DashboardUser>;
  findByEmail(email: string): Promise<DashboardUser | undefined>;
  listOf(merchantId: string): Promise<DashboardUser[]>;
  /** Disables the user and ends their sessions. */
  disable(userId: number, now: number): Promise<void>;
  createSession(session: DashboardSession): Promise<void>;
  findSession(tokenHash: string): Promise<{ session: DashboardSession; user: DashboardUser } | undefined>;
  touchSession(tokenHash: string, now: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  recordSignInFailure(subjects: string[], at: number): Promise<void>;
  countSignInFailures(subject: string, since: number): Promise<number>;
  clearSignInFailures(subject: string): Promise<void>;
  /** Forgets sessions unused since `sessionsBefore` or expired by `now`, and failed sign-ins before `failuresBefore`; how many. */
  sweep(now: number, sessionsBefore: number, failuresBefore: number): Promise<number>;
}

/** Read-only views of a merchant's reservations for the dashboard. */
export interface ReservationSearch {
  /** Newest first. */
  list(merchantId: string, filter: ReservationFilter, page: { offset: number; limit: number }): Promise<ReservationPage>;
  /** One reservation's history events, oldest first (empty when it is not the merchant's). */
  events(merchantId: string, reservationUuid: string): Promise<HistoryEvent[]>;
  moneyOverTime(merchantId: string, from: number, to: number): Promise<MoneyOverTime>;
}

/** New reservations, reading them back, and storing the expiry of unpaid ones. */
export interface ReservationRepository {
  /** Resolves once the records are durably committed. */
  saveNew(records: NewReservationRecords): Promise<void>;
  customerExists(merchantId: string, customerUuid: string): Promise<boolean>;
  /** A merchant's reservation; another merchant's id is not found. */
  find(merchantId: string, uuid: string): Promise<StoredReservation | undefined>;
  /** The reservation behind a payment URL, with its merchant. */
  findByCheckoutToken(token: string): Promise<{ merchant: Merchant; stored: StoredReservation } | undefined>;
  /** Stores EXPIRED for every unpaid reservation whose link has run out by its merchant's clock; returns how many. */
  expireOverdue(realNow: number): Promise<number>;
}

/** The customer's payment of a reservation, from the checkout page or test mode. */
export interface PaymentRepository {
  /**
   * Marks the reservation as being paid until `until` and records `linkOpened` if the link had not
   * been opened before. Answers 'claimed', 'busy' (another attempt holds it) or the status that
   * makes it no longer payable.
   */
  claimForPayment(uuid: string, now: number, until: number, linkOpened: HistoryEvent): Promise<'claimed' | 'busy' | ReservationStatus>;
  releaseClaim(uuid: string): Promise<void>;
  /** Releases the claim of an attempt that did not reserve, with its history events. */
  recordFailedAttempt(uuid: string, events: HistoryEvent[]): Promise<void>;
  /**
   * Stores the authorization and clears the claim: 'recorded'; or, with nothing written, the status
   * the reservation took meanwhile (the merchant cancelled it, the link expired) — it is no longer SENT.
   */
  recordReserved(record: ReservedRecord): Promise<'recorded' | Exclude<ReservationStatus, 'SENT'>>;
  /** Records the first opening of the payment link; false if it was opened before. */
  markLinkOpened(uuid: string, event: HistoryEvent): Promise<boolean>;
  /** Stores EXPIRED for a SENT reservation whose link ran out. */
  markExpired(uuid: string): Promise<void>;
}

/**
 * Operations on a reservation's money and state: each loads the reservation with its ledger, locked
 * against concurrent decisions, decides with a pure function, and has the store write what it
 * decided — in one transaction. Gateway calls happen between two such steps, never inside one.
 */
export interface LifecycleRepository {
  /** undefined when the reservation is not the merchant's. */
  load(merchantId: string, uuid: string): Promise<ReservationState | undefined>;
  /** Runs `decide` on the locked state and applies its plan; the charge lines the plan added come back with their ids. */
  decide<T>(merchantId: string, uuid: string, decide: (state: ReservationState) => Decision<T>): Promise<{ result: T; chargeLines: ChargeLine[] } | undefined>;
  /** False, with nothing written, when the plan settles a transaction that was settled already. */
  write(plan: WritePlan): Promise<boolean>;
  /** The merchant's history events between two instants, oldest first. */
  history(merchantId: string, from: number, to: number, limit: number): Promise<HistoryEvent[]>;
  /**
   * Takes pending movements due to be looked up at the gateway (or the one named `only`, due or
   * not) and holds them until `leaseUntil`; several processes may call it at once.
   */
  claimLookups(now: number, leaseUntil: number, limit: number, only?: string): Promise<PendingLookup[]>;
}

/** A pending movement to ask the gateway about, with what is needed to settle it. */
export interface PendingLookup {
  merchant: Pick<Merchant, 'id' | 'mode' | 'testClockOffsetMs'>;
  reservationUuid: string;
  uuid: string;
}

/** A money movement as the ledger export lists it; instants by the merchant's clock. */
export type LedgerEntry =
  | { type: 'reserved'; at: number; reservationUuid: string; amount: MinorUnits }
  | { type: 'captured' | 'charged' | 'refunded'; at: number; reservationUuid: string; transactionUuid: string; amount: MinorUnits; refundOf: string | null }
  /** A reservation closed (cancelled or completed) with `reserved` authorized and `captured` taken of it. */
  | { type: 'closed'; at: number; reservationUuid: string; reserved: MinorUnits; captured: MinorUnits };

/** The merchant's money movements, for reconciliation. */
export interface LedgerRepository {
  /** Movements between two instants (inclusive), oldest first. */
  entries(merchantId: string, from: number, to: number): Promise<LedgerEntry[]>;
  /** The head of the merchant's history chain (sequence 0 when it has none yet). */
  chainHead(merchantId: string): Promise<{ sequence: number; hash: string }>;
}

/** The callback outbox, as delivery workers and the merchant's callback log see it. */
export interface CallbackRepository {
  /**
   * Takes up to `limit` due callbacks for delivery until `lockUntil`, skipping any whose earlier
   * callback for the same reservation is still pending. Several processes may call it at once;
   * each callback goes to one of them. With `fairShare`, merchants take turns (each one's oldest
   * first) and none gets more than its room: `perMerchant` less what it has in flight (`busy`).
   */
  claimDue(now: number, lockUntil: number, limit: number, fairShare?: FairShare): Promise<PendingCallback[]>;
  recordAttempt(record: AttemptRecord): Promise<void>;
  /** Calls `listener` after a transaction that enqueued callbacks commits; returns an unsubscribe. */
  onEnqueued(listener: () => void): () => void;
  /** A merchant's callbacks of one reservation, oldest first; undefined when the reservation is not theirs. */
  listForReservation(merchantId: string, reservationUuid: string): Promise<CallbackLog[] | undefined>;
  /**
   * Sends the latest callback of a reservation again; its id, or null when it has none (undefined:
   * no such reservation), or how often it was attempted when that is already the most allowed.
   * `event` is recorded in the same transaction when the callback is requeued.
   */
  requeueLatest(merchantId: string, reservationUuid: string, now: number, event?: HistoryEvent): Promise<string | null | undefined | { attemptsMade: number }>;
  /** What waits for delivery: how many callbacks, and how long the one due longest has waited (ms). */
  backlog(now: number): Promise<OutboxBacklog>;
}

export interface OutboxBacklog {
  pending: number;
  oldestDueMs: number;
}

/** How many callbacks one merchant may have in delivery at once, and how many each has now. */
export interface FairShare {
  perMerchant: number;
  busy: ReadonlyMap<string, number>;
}

/** Idempotency keys: claimed before a request runs, completed with its answer (src/idempotency/ has the rules). */
export interface IdempotencyRepository {
  claim(request: KeyClaimRequest): Promise<KeyClaim>;
  /** Stores the answer of a request that changed nothing (operations that change state store theirs with the change). */
  complete(response: IdempotentResponse): Promise<void>;
  /** Frees a key whose request failed without an answer worth keeping (a 5xx), so a retry runs again. */
  release(keyId: number): Promise<void>;
  /** Keeps a key without an answer but lets its retry run at once (an unknown gateway outcome: the retry learns it). */
  unlock(keyId: number): Promise<void>;
  /** Forgets keys past their retention; returns how many. */
  sweepExpired(now: number): Promise<number>;
}

// ─── Payment gateway ────────────────────────────────────────────────────────────────────────────

export type DeclineReason = 'card_declined' | 'insufficient_funds';

/**
 * A gateway answers `approved`, `declined` (the card or bank said no: the customer may try another
 * card), `error` (the gateway refused or could not be reached: nothing happened; FPGO's 510) or
 * `unknown` (the request went out but no answer came back — a timeout, a connection lost after
 * sending: the gateway may have acted, so only a `lookup` can tell).
 */
export type GatewayAnswer<T> =
  | ({ outcome: 'approved' } & T)
  | { outcome: 'declined'; reason: DeclineReason; message: string }
  | { outcome: 'error'; message: string }
  | { outcome: 'unknown'; message: string };

export type MovementKind = 'capture' | 'charge' | 'refund' | 'void';

/** An earlier request to ask about: what it was, our reference, and what it was made on. */
export interface MovementLookup {
  kind: MovementKind;
  reference: string;
  /** The authorization (capture, void), the stored card token (charge) or the gateway's payment id (refund). */
  on: string;
}

/**
 * What the gateway knows of an earlier request: it was `done` (with the gateway's id for it), it was
 * `not-done` (never received, or refused: nothing happened), or it is still `unknown` (e.g. the
 * gateway cannot be reached to ask).
 */
export type LookupAnswer = { outcome: 'done'; gatewayId: string } | { outcome: 'not-done' } | { outcome: 'unknown'; message: string };

/** A capture, charge or refund the gateway made: its own id for it. */
export type MovementAnswer = GatewayAnswer<{ gatewayId: string }>;

/**
 * Everything the core needs of a card gateway (PSP). Flows follow the usual names: authorize,
 * capture, charge (merchant-initiated, on a stored card), refund, void. Adapters keep their PSP's
 * own types to themselves. Every call carries our own `reference` (RES…, CAP…, CHA…, REF…) so a
 * gateway can de-duplicate retries.
 */
export interface PaymentGateway {
  /** Reserves `amount` on the card and tokenizes it for later charges. */
  authorize(request: { reference: string; amount: MinorUnits; currency: string; card: CardInput }): Promise<
    GatewayAnswer<{ authorizationId: string; card: StoredCard }>
  >;
  /** Takes part of an authorization; may be called several times until it is used up. */
  capture(request: { reference: string; authorizationId: string; amount: MinorUnits; currency: string }): Promise<MovementAnswer>;
  /** A merchant-initiated payment on a stored card, independent of any authorization. */
  charge(request: { reference: string; cardToken: string; amount: MinorUnits; currency: string }): Promise<MovementAnswer>;
  /** Returns money of a capture or a charge (`paymentId`: the gateway's id of it). */
  refund(request: { reference: string; paymentId: string; amount: MinorUnits; currency: string }): Promise<MovementAnswer>;
  /** Releases what is left of an authorization. */
  void(request: { reference: string; authorizationId: string }): Promise<GatewayAnswer<object>>;
  /** Asks what became of an earlier capture, charge, refund or void, without acting again. */
  lookup(request: MovementLookup): Promise<LookupAnswer>;
}

/**
 * The gateway that serves a merchant: test merchants pay through the built-in test gateway only,
 * live merchants only through a real one (GATEWAY); null when none is configured for them.
 */
export interface Gateways {
  forMerchant(merchant: Pick<Merchant, 'mode'>): PaymentGateway | null;
}

// ─── Notifications ──────────────────────────────────────────────────────────────────────────────
// Requests to send the payment link by SMS or email are written with the change that causes them
// (NewReservationRecords.notifications, WritePlan.notifications). Nothing sends them yet: the port
// for senders joins this file with the notifications work.

// ─── Identity (BankID through OpenID Connect) ───────────────────────────────────────────────────
// `secureDetails` reservations stay hidden until the customer logs in (src/reservations/secure-details.ts
// has the rules). src/identity/ holds the providers: OpenID Connect, and the built-in test provider.

/** What the answer to a login must be checked against: sent out with the login, kept server-side until it returns. */
export interface LoginChecks {
  state: string;
  nonce: string;
  /** PKCE (S256): only its challenge travels with the login. */
  codeVerifier: string;
}

export type LoginStart = { outcome: 'started'; authorizationUrl: string; checks: LoginChecks } | { outcome: 'unavailable'; reason: string };

/**
 * How a login came back. `reason`s are for the log and never hold the national identity number.
 * `failed`: the answer did not check out (a replayed or forged code, a bad ID token);
 * `unavailable`: the provider could not be reached.
 */
export type IdentityAnswer =
  | { outcome: 'verified'; nationalId: string }
  | { outcome: 'cancelled' }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'unavailable'; reason: string };

/** An identity provider the customer's browser is sent to (BankID, a broker, or fpgo's own test provider). */
export interface IdentityProvider {
  begin(): Promise<LoginStart>;
  /** The query the browser brought back to the callback, checked against the login's checks. */
  complete(callbackQuery: URLSearchParams, checks: LoginChecks): Promise<IdentityAnswer>;
}

/** fpgo's built-in test provider also plays the provider's login page: it turns a typed test number into a code. */
export interface TestIdentityProvider extends IdentityProvider {
  issueCode(checks: LoginChecks, nationalId: string): Promise<string>;
}

/** A login on its way: which browser (a hash of its cookie) started it, for which reservation. */
export interface PendingLogin {
  state: string;
  browser: string;
  merchantId: string;
  reservationUuid: string;
  checks: LoginChecks;
  expiresAt: number;
}

/** A browser may see a secureDetails reservation until `verifiedUntil`. */
export interface IdentityVerification {
  browser: string;
  reservationUuid: string;
  verifiedUntil: number;
}

/** A finished login: its history event, and the verification when it opened the order. */
export interface FinishedLogin {
  event: HistoryEvent;
  /** The browser gets a new key on a successful login; its other verifications and logins move with it. */
  verification?: IdentityVerification & { previousBrowser: string };
}

export interface IdentityLoginRepository {
  /** Remembers a login until it expires, and forgets logins and verifications past their time. */
  saveLogin(login: PendingLogin, now: number): Promise<void>;
  /** A pending login, left in place (for the test provider's page). */
  findLogin(state: string, now: number): Promise<PendingLogin | undefined>;
  /** Takes the browser's pending login once: a second take, or another browser's, finds nothing. */
  takeLogin(state: string, browser: string, now: number): Promise<PendingLogin | undefined>;
  /** The browser's most recent pending login, to answer a callback whose state is unknown. */
  latestLogin(browser: string, now: number): Promise<PendingLogin | undefined>;
  recordFinished(finished: FinishedLogin): Promise<void>;
  findVerification(browser: string, reservationUuid: string, now: number): Promise<IdentityVerification | undefined>;
}
