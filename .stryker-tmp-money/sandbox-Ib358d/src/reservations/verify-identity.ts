/**
 * The BankID login of a secureDetails reservation: start it at the identity provider, complete it
 * when the browser comes back, and let the checkout show the order and take the payment only in a
 * browser whose login matched. `browser` is an opaque key of the customer's browser (the checkout
 * keeps the cookie and hands over only its hash).
 */
// @ts-nocheck

import type { Clock } from '../kernel/clock.js';
import type { CardForm } from './cards.js';
import { merchantNow, type Merchant } from './merchant.js';
import { payReservation, type PayDependencies, type PayResult } from './pay-reservation.js';
import type { IdentityLoginRepository, IdentityProvider, MerchantRepository, PendingLogin, ReservationRepository, TestIdentityProvider } from './ports.js';
import type { StoredReservation } from './reservation.js';
import { detailsVisible, identityVerifiedEvent, LOGIN_MS, matchIdentity, opensOrder, VERIFICATION_MS } from './secure-details.js';

export interface IdentityProviders {
  /** BankID (or a broker) over OpenID Connect, when BANKID_OIDC_ISSUER is set. */
  oidc: IdentityProvider | undefined;
  /** fpgo's own test provider: for test merchants, when no issuer is set. */
  test: TestIdentityProvider;
}

/** A configured issuer serves every merchant; without one only test merchants get the test provider. */
export function providerFor(providers: IdentityProviders, merchant: Pick<Merchant, 'mode'>): IdentityProvider | undefined {
  return providers.oidc ?? (merchant.mode === 'test' ? providers.test : undefined);
}

export interface IdentityDependencies {
  logins: IdentityLoginRepository;
  reservations: Pick<ReservationRepository, 'find'>;
  merchants: Pick<MerchantRepository, 'findById'>;
  providers: IdentityProviders;
  clock: Clock;
}

/** Whether the browser may see this reservation's order (and so pay it). */
export async function mayShowDetails(deps: Pick<IdentityDependencies, 'logins' | 'clock'>, stored: StoredReservation, browser: string | undefined): Promise<boolean> {
  const { reservation } = stored;
  if (!reservation.secureDetails) return true;
  const now = deps.clock.now();
  const verification = browser === undefined ? undefined : await deps.logins.findVerification(browser, reservation.uuid, now);
  return detailsVisible(reservation, verification, now);
}

/** The checkout's payment: refused, with nothing changed, unless this browser may see the order. */
export async function payAtCheckout(
  deps: PayDependencies & Pick<IdentityDependencies, 'logins'>,
  merchant: Merchant,
  stored: StoredReservation,
  form: CardForm,
  browser: string | undefined,
): Promise<PayResult | { kind: 'identity-required' }> {
  if (!(await mayShowDetails(deps, stored, browser))) return { kind: 'identity-required' };
  return payReservation(deps, merchant, stored, form);
}

export type LoginStartOutcome = { kind: 'redirect'; url: string } | { kind: 'unavailable'; reason: string };

/** Starts a login for this browser: where to send it, with the login's checks kept until it returns. */
export async function beginLogin(deps: IdentityDependencies, merchant: Merchant, stored: StoredReservation, browser: string): Promise<LoginStartOutcome> {
  const provider = providerFor(deps.providers, merchant);
  if (!provider) return { kind: 'unavailable', reason: 'no identity provider is configured for live merchants' };
  const start = await provider.begin();
  if (start.outcome === 'unavailable') return { kind: 'unavailable', reason: start.reason };
  const now = deps.clock.now();
  const { checks } = start;
  await deps.logins.saveLogin(
    { state: checks.state, browser, merchantId: merchant.id, reservationUuid: stored.reservation.uuid, checks, expiresAt: now + LOGIN_MS },
    now,
  );
  return { kind: 'redirect', url: start.authorizationUrl };
}

/** The states logins are started with are URL-safe random text; anything else (a NUL byte, a novel) is no login of ours. */
const isLoginState = (state: string) => /^[\w-]{16,128}$/.test(state);

export interface LoginContext {
  merchant: Merchant;
  stored: StoredReservation;
}

/**
 * `opened`: the order may be shown in this browser (under its new key); `mismatch`: a verified person
 * other than the reservation's; `expired`: no pending login of this browser has this state (unknown,
 * used, expired or tampered with) — the context is then the browser's latest login, if any.
 */
export type LoginOutcome =
  | { kind: 'opened' | 'mismatch' | 'cancelled'; context: LoginContext }
  | { kind: 'failed' | 'unavailable'; context: LoginContext; reason: string }
  | { kind: 'expired'; context: LoginContext | undefined };

/**
 * Completes the login the browser came back from. `nextBrowser` is the browser's new key, used
 * when the login opens the order (a key fixed before the login is worth nothing after it).
 */
export async function completeLogin(
  deps: IdentityDependencies,
  query: URLSearchParams,
  browser: string | undefined,
  nextBrowser: string,
): Promise<LoginOutcome> {
  if (browser === undefined) return { kind: 'expired', context: undefined };
  const now = deps.clock.now();
  const state = query.get('state');
  const login = state && isLoginState(state) ? await deps.logins.takeLogin(state, browser, now) : undefined;
  if (!login) {
    const latest = await deps.logins.latestLogin(browser, now);
    return { kind: 'expired', context: latest && (await contextOf(deps, latest)) };
  }
  const context = await contextOf(deps, login);
  if (!context) return { kind: 'expired', context: undefined };
  const provider = providerFor(deps.providers, context.merchant);
  if (!provider) return { kind: 'unavailable', context, reason: 'no identity provider is configured for live merchants' };

  const answer = await provider.complete(query, login.checks);
  if (answer.outcome === 'cancelled') return { kind: 'cancelled', context };
  if (answer.outcome !== 'verified') return { kind: answer.outcome, context, reason: answer.reason };

  const { reservation, customer } = context.stored;
  const match = matchIdentity(customer, answer.nationalId);
  const opens = opensOrder(match);
  await deps.logins.recordFinished({
    event: identityVerifiedEvent(reservation, merchantNow(deps.clock, context.merchant), match),
    verification: opens ? { browser: nextBrowser, previousBrowser: browser, reservationUuid: reservation.uuid, verifiedUntil: now + VERIFICATION_MS } : undefined,
  });
  return { kind: opens ? 'opened' : 'mismatch', context };
}

/** The pending login the built-in test provider's page is for — only when that provider serves its merchant. */
export async function testProviderLogin(deps: IdentityDependencies, state: string): Promise<{ login: PendingLogin; context: LoginContext } | undefined> {
  const login = isLoginState(state) ? await deps.logins.findLogin(state, deps.clock.now()) : undefined;
  const context = login && (await contextOf(deps, login));
  if (!login || !context || providerFor(deps.providers, context.merchant) !== deps.providers.test) return undefined;
  return { login, context };
}

async function contextOf(deps: Pick<IdentityDependencies, 'merchants' | 'reservations'>, login: PendingLogin): Promise<LoginContext | undefined> {
  const merchant = await deps.merchants.findById(login.merchantId);
  const stored = merchant && (await deps.reservations.find(merchant.id, login.reservationUuid));
  return merchant && stored ? { merchant, stored } : undefined;
}
