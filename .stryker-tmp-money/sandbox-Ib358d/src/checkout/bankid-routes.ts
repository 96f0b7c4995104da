/**
 * BankID logins for secureDetails reservations, under /checkout: the start (from the payment link),
 * the callback the identity provider sends the browser back to, and the built-in test provider's
 * login page. Every way a login can fail ends on a page in the customer's language, never a 500.
 */
// @ts-nocheck

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReservationRepository } from '../reservations/ports.js';
import { beginLogin, completeLogin, testProviderLogin, type IdentityDependencies, type LoginContext } from '../reservations/verify-identity.js';
import { loginRefusedPage, testLoginPage, type IdentityView } from './bankid-pages.js';
import type { LoginRefusal } from './bankid-texts.js';
import { currentBrowser, newBrowserSecret, setBrowserCookie } from './browser-key.js';
import { notFoundPage } from './pages.js';

/** The built-in test provider's login page (src/identity/test-provider.ts sends browsers here). */
export const TEST_PROVIDER_PAGE = '/checkout/bankid/test-provider';
/** The redirect URI registered at the identity provider is PUBLIC_BASE_URL followed by this. */
export const CALLBACK_PATH = '/checkout/bankid/callback';

/** Login starts per minute per client and link: plenty for a person, too few to flood the store. */
const LOGIN_STARTS_PER_MINUTE = 20;

export interface BankIdRouteDependencies extends IdentityDependencies {
  reservations: Pick<ReservationRepository, 'find' | 'findByCheckoutToken'>;
  /** Read per request: the cookie is Secure when the checkout is served over https. */
  settings: { publicBaseUrl: string };
  /** The checkout's security headers on an HTML answer. */
  pageHeaders(reply: FastifyReply): FastifyReply;
}

const REFUSAL_STATUS: Record<LoginRefusal, number> = { mismatch: 403, cancelled: 200, failed: 400, expired: 400, unavailable: 503 };

export const identityView = ({ merchant, stored }: LoginContext): IdentityView => ({
  merchantName: merchant.name,
  language: stored.customer.preferredLanguage,
  paymentPath: `/checkout/${stored.reservation.checkoutToken}`,
});

/** The query as the browser sent it; repeated or odd parameters stay as they are for the checks to refuse. */
const rawQuery = (url: string) => new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');

export function bankIdRoutes(deps: BankIdRouteDependencies) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const refused = (reply: FastifyReply, context: LoginContext | undefined, refusal: LoginRefusal) =>
      deps.pageHeaders(reply.code(REFUSAL_STATUS[refusal])).send(loginRefusedPage(context && identityView(context), refusal));

    app.get<{ Params: { token: string } }>(
      '/:token/bankid',
      {
        schema: { hide: true },
        config: {
          rateLimit: { max: LOGIN_STARTS_PER_MINUTE, timeWindow: 60_000, keyGenerator: (request) => `${request.ip}:bankid:${(request.params as { token: string }).token}` },
        },
      },
      async (request, reply) => {
        const found = await deps.reservations.findByCheckoutToken(request.params.token);
        if (!found) return deps.pageHeaders(reply.code(404)).send(notFoundPage());
        const paymentPath = `/checkout/${request.params.token}`;
        if (!found.stored.reservation.secureDetails) return reply.redirect(paymentPath, 303);
        const browser = currentBrowser(request) ?? newBrowserSecret();
        const started = await beginLogin(deps, found.merchant, found.stored, browser.key);
        if (started.kind === 'unavailable') {
          request.log.warn({ reason: started.reason }, 'BankID login could not start');
          return refused(reply, found, 'unavailable');
        }
        setBrowserCookie(reply, browser, deps.settings.publicBaseUrl);
        return reply.header('cache-control', 'no-store').redirect(started.url, 303);
      },
    );

    app.get('/bankid/callback', { schema: { hide: true } }, async (request, reply) => {
      const next = newBrowserSecret();
      const outcome = await completeLogin(deps, rawQuery(request.url), currentBrowser(request)?.key, next.key);
      if (outcome.kind === 'failed' || outcome.kind === 'unavailable') request.log.warn({ reason: outcome.reason }, `BankID login ${outcome.kind}`);
      if (outcome.kind !== 'opened') return refused(reply, outcome.context, outcome.kind);
      setBrowserCookie(reply, next, deps.settings.publicBaseUrl);
      return reply.header('cache-control', 'no-store').redirect(identityView(outcome.context).paymentPath, 303);
    });

    app.get('/bankid/test-provider', { schema: { hide: true } }, async (request, reply) => {
      const state = rawQuery(request.url).get('state') ?? '';
      const pending = state && (await testProviderLogin(deps, state));
      if (!pending) return refused(reply, undefined, 'expired');
      return deps.pageHeaders(reply).send(testLoginPage({ language: pending.context.stored.customer.preferredLanguage, state, action: TEST_PROVIDER_PAGE }));
    });

    app.post('/bankid/test-provider', { schema: { hide: true } }, async (request, reply) => {
      const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
      const state = text('state');
      const pending = state && (await testProviderLogin(deps, state));
      if (!pending) return refused(reply, undefined, 'expired');
      const back = (params: Record<string, string>) => reply.redirect(`${CALLBACK_PATH}?${new URLSearchParams({ ...params, state })}`, 303);
      if (text('action') === 'cancel') return back({ error: 'access_denied' });
      const nationalId = text('nationalId').replace(/\s/g, '');
      if (!/^\d{11}$/.test(nationalId)) {
        const page = { language: pending.context.stored.customer.preferredLanguage, state, action: TEST_PROVIDER_PAGE, typed: text('nationalId').slice(0, 11), invalid: true };
        return deps.pageHeaders(reply.code(422)).send(testLoginPage(page));
      }
      return back({ code: await deps.providers.test.issueCode(pending.login.checks, nationalId) });
    });
  };
}
