/**
 * The hosted checkout at `/checkout/{token}`: the page (GET), the payment (POST, a plain HTML form
 * so it works without JavaScript), and its own CSS and script.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { appendQuery, headerSafeUrl } from '../kernel/url-query.js';
import type { Merchant } from '../reservations/merchant.js';
import { currentStatus, openPaymentLink, type PayDependencies } from '../reservations/pay-reservation.js';
import { gatewayOf } from '../reservations/no-gateway.js';
import type { Gateways, ReservationRepository } from '../reservations/ports.js';
import type { ReservationStatus, StoredReservation } from '../reservations/reservation.js';
import { mayShowDetails, payAtCheckout } from '../reservations/verify-identity.js';
import { identityStepPage } from './bankid-pages.js';
import { bankIdRoutes, identityView, type BankIdRouteDependencies } from './bankid-routes.js';
import { browserKey } from './browser-key.js';
import { errorPage, notFoundPage, noticePage, paymentPage, type CheckoutView, type NoticeKind, type PaymentFormState } from './pages.js';
import { TEXTS } from '../messages/checkout.js';
import { isDatabaseUnavailable } from '../kernel/database-unavailable.js';

const ASSETS = {
  'checkout.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/checkout.css', import.meta.url), 'utf8') },
  'checkout.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/checkout.js', import.meta.url), 'utf8') },
} as const;

/** Payment attempts per minute per client and link: enough for typos, too few for card testing. */
const PAYMENT_ATTEMPTS_PER_MINUTE = 20;

/** What the rate limiter throws; the checkout shows it as a page, not as the API's JSON envelope. */
class TooManyAttempts extends Error {
  readonly statusCode = 429;
}

const NOTICE_FOR: Record<Exclude<ReservationStatus, 'SENT'>, { kind: NoticeKind; status: number }> = {
  RESERVED: { kind: 'paid', status: 200 },
  COMPLETED: { kind: 'completed', status: 200 },
  CANCELLED: { kind: 'cancelled', status: 410 },
  EXPIRED: { kind: 'expired', status: 410 },
};

const FORM_FIELDS = ['method', 'cardNumber', 'expiry', 'securityCode', 'holderName'] as const;
type PaymentForm = Partial<Record<(typeof FORM_FIELDS)[number], string>>;

/**
 * The posted fields that are plain strings. A field sent twice arrives as an array, and JSON
 * bodies may hold anything: such values count as missing rather than reaching the card checks.
 */
function readForm(body: unknown): PaymentForm {
  const form: PaymentForm = {};
  if (typeof body !== 'object' || body === null) return form;
  for (const field of FORM_FIELDS) {
    const value: unknown = (body as Record<string, unknown>)[field];
    if (typeof value === 'string') form[field] = value;
  }
  return form;
}

/** A mistake of the client's (a broken, oversized or mistyped form) keeps its 4xx status; anything else is ours: 500. */
function clientErrorStatus(error: unknown): number {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  // First: a body the client broke off carries its socket's ECONNRESET, which is no database outage.
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return isDatabaseUnavailable(error) ? 503 : 500;
}

function securityHeaders(reply: FastifyReply, formTargets: (string | null)[] = []): FastifyReply {
  // Chrome applies form-action to the redirect after a POST, so the merchant's return URLs are allowed too.
  const origins = [...new Set(formTargets.filter((url): url is string => !!url).map((url) => new URL(url).origin))];
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    // For browsers that ignore CSP frame-ancestors: no page of the checkout may be framed (clickjacking).
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${origins.join(' ')}`.trim(),
    );
}

export type CheckoutDependencies = Omit<PayDependencies, 'gateway'> &
  Omit<BankIdRouteDependencies, 'pageHeaders'> & { gateways: Gateways; reservations: Pick<ReservationRepository, 'find' | 'findByCheckoutToken'> };

export function checkoutRoutes(deps: CheckoutDependencies) {
  // The customer pays through the gateway serving the merchant: never the test gateway for a live one.
  const payDeps = (merchant: Merchant) => ({ ...deps, gateway: gatewayOf(deps.gateways, merchant) });
  return async function routes(app: FastifyInstance): Promise<void> {
    await app.register(formBody, { bodyLimit: 16 * 1024 });
    await app.register(cookie);
    await app.register(rateLimit, {
      global: false,
      addHeaders: {},
      addHeadersOnExceeding: {},
      errorResponseBuilder: () => new TooManyAttempts('too many payment attempts'),
    });

    app.get<{ Params: { file: string } }>('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
      // Own keys only: `constructor` or `__proto__` must not resolve to Object's members.
      const { file } = request.params;
      if (!Object.hasOwn(ASSETS, file)) return securityHeaders(reply.code(404)).send(notFoundPage());
      const asset = ASSETS[file as keyof typeof ASSETS];
      return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
    });

    const view = (merchant: Merchant, stored: StoredReservation, token: string): CheckoutView => ({
      merchant,
      stored,
      language: stored.customer.preferredLanguage,
      actionUrl: `/checkout/${token}`,
    });

    // The customer's browser gets a page, never the API's JSON: the limiter's pause in their language,
    // anything else (a broken or oversized form, a failure of ours) as a short page in all five.
    app.setErrorHandler(async (error, request, reply) => {
      if (error instanceof TooManyAttempts) {
        const { token } = request.params as { token: string };
        const found = await deps.reservations.findByCheckoutToken(token);
        if (!found) return securityHeaders(reply.code(404)).send(notFoundPage());
        return securityHeaders(reply.code(429)).send(noticePage(view(found.merchant, found.stored, token), 'tooManyAttempts'));
      }
      const status = clientErrorStatus(error);
      if (status >= 500) request.log.error({ err: error }, 'checkout request failed');
      return securityHeaders(reply.code(status)).send(errorPage());
    });

    await app.register(bankIdRoutes({ ...deps, pageHeaders: (reply) => securityHeaders(reply) }));

    app.get<{ Params: { token: string } }>('/:token', { schema: { hide: true } }, async (request, reply) => {
      const found = await deps.reservations.findByCheckoutToken(request.params.token);
      if (!found) return securityHeaders(reply.code(404)).send(notFoundPage());
      const { merchant, stored } = found;
      const status = await currentStatus(deps, merchant, stored);
      const page = view(merchant, stored, request.params.token);
      if (status !== 'SENT') {
        const notice = NOTICE_FOR[status];
        return securityHeaders(reply.code(notice.status)).send(noticePage(page, notice.kind));
      }
      await openPaymentLink(deps, merchant, stored);
      if (!(await mayShowDetails(deps, stored, browserKey(request)))) return securityHeaders(reply).send(identityStepPage(identityView(found)));
      return securityHeaders(reply, [stored.reservation.successUrl, stored.reservation.failureUrl]).send(
        paymentPage(page, { method: stored.reservation.preselectedMethod, values: {}, problems: {} }),
      );
    });

    app.post<{ Params: { token: string } }>(
      '/:token',
      {
        schema: { hide: true },
        config: {
          rateLimit: {
            max: PAYMENT_ATTEMPTS_PER_MINUTE,
            timeWindow: 60_000,
            // By the token, not the URL: a query string appended to the link must not open a new allowance.
            // Hashed: the token is the customer's credential and must not sit in the limiter's store.
            keyGenerator: (request) => `${request.ip}:${createHash('sha256').update((request.params as { token: string }).token).digest('base64url')}`,
          },
        },
      },
      async (request, reply) => {
        const found = await deps.reservations.findByCheckoutToken(request.params.token);
        if (!found) return securityHeaders(reply.code(404)).send(notFoundPage());
        const { merchant, stored } = found;
        const { reservation } = stored;
        const page = view(merchant, stored, request.params.token);
        const form = readForm(request.body);
        const result = await payAtCheckout(payDeps(merchant), merchant, stored, form, browserKey(request));
        const reply303 = (url: string, params: Record<string, string>) =>
          reply.header('referrer-policy', 'no-referrer').redirect(headerSafeUrl(appendQuery(url, params)), 303);
        const again = (status: number, state: Partial<PaymentFormState>) =>
          securityHeaders(reply.code(status), [reservation.successUrl, reservation.failureUrl]).send(
            paymentPage(page, {
              method: form.method === 'mastercard' || form.method === 'visa' ? form.method : reservation.preselectedMethod,
              values: { holderName: form.holderName, expiry: form.expiry },
              problems: {},
              ...state,
            }),
          );
        const t = TEXTS[page.language];

        switch (result.kind) {
          case 'reserved':
            if (reservation.successUrl) return reply303(reservation.successUrl, { reservationUuid: reservation.uuid, status: 'RESERVED' });
            return securityHeaders(reply).send(noticePage(page, 'approved'));
          case 'declined':
            if (reservation.failureUrl) {
              return reply303(reservation.failureUrl, { reservationUuid: reservation.uuid, status: 'SENT', reason: result.reason });
            }
            return again(402, { alert: `${t.declined[result.reason] ?? result.message} ${t.tryAgain}` });
          case 'invalid-card':
            return again(422, { problems: result.problems });
          case 'gateway-error':
            return again(502, { alert: t.gatewayError });
          case 'in-progress':
            return securityHeaders(reply.code(409)).send(noticePage(page, 'inProgress'));
          case 'identity-required':
            return securityHeaders(reply.code(403)).send(identityStepPage(identityView(found)));
          case 'not-payable': {
            const notice = NOTICE_FOR[result.status];
            return securityHeaders(reply.code(notice.status)).send(noticePage(page, notice.kind));
          }
        }
      },
    );
  };
}
