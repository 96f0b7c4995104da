/** Signing in and out, and choosing the dashboard's language. */
// @ts-nocheck

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html } from '../kernel/html.js';
import { SESSION_MAX_AGE_MS, SIGN_IN_WINDOW_MS, signIn, signOut, type UserDependencies } from '../merchants/dashboard-users.js';
import { LANGUAGE_COOKIE, readCookie, SESSION_COOKIE, setCookie, SIGN_IN_COOKIE } from './cookies.js';
import { contextOf, isHttps, sendPage } from './replies.js';
import { page, type PageContext } from './layout.js';
import { DASHBOARD_LANGUAGES } from './texts.js';

type SignInForm = { email?: string; password?: string; next?: string; _csrf?: string };

/** Where to go after signing in: a dashboard page of ours, never another site. */
function nextPage(next: unknown): string {
  return typeof next === 'string' && /^\/dashboard\/[^/\\]/.test(next) ? next : '/dashboard/reservations';
}

function signInPage(context: PageContext, form: { email: string; next: string; csrf: string; alert?: string }): string {
  const { t } = context;
  const body = html`<div class="sign-in"><h1>${t.signInTitle}</h1>
${form.alert ? html`<div class="alert" role="alert"><p>${form.alert}</p></div>` : ''}
<form method="post" action="/dashboard/sign-in">
<input type="hidden" name="_csrf" value="${form.csrf}"><input type="hidden" name="next" value="${form.next}">
<div class="field"><label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" value="${form.email}" required></div>
<div class="field"><label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
<button type="submit">${t.signIn}</button>
</form></div>`;
  return page(context, { title: t.signIn, section: 'sign-in', body });
}

export function signInRoutes(deps: UserDependencies & { publicBaseUrl: string }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const open = { schema: { hide: true }, config: { dashboardPublic: true } };
    const secure = (request: FastifyRequest) => isHttps(request, deps.publicBaseUrl);

    app.get<{ Querystring: { next?: string } }>('/sign-in', open, async (request, reply) => {
      if (request.dashboardUser) return reply.redirect(nextPage(request.query.next), 303);
      let csrf = readCookie(request, SIGN_IN_COOKIE);
      if (!csrf) {
        csrf = randomBytes(24).toString('base64url');
        setCookie(reply, SIGN_IN_COOKIE, csrf, { secure: secure(request), maxAge: 3600 });
      }
      return sendPage(reply, 200, signInPage(contextOf(request), { email: '', next: nextPage(request.query.next), csrf }));
    });

    app.post<{ Body: SignInForm }>('/sign-in', open, async (request, reply) => {
      const form = request.body ?? {};
      const context = contextOf(request);
      const again = (status: number, alert: string) =>
        sendPage(reply, status, signInPage(context, { email: String(form.email ?? ''), next: nextPage(form.next), csrf: String(form._csrf ?? ''), alert }));
      const result = await signIn(deps, { email: String(form.email ?? ''), password: String(form.password ?? ''), address: request.ip });
      if (!result.ok) {
        if (result.reason === 'invalid') return again(401, context.t.signInFailed);
        reply.header('retry-after', String(result.retryAfterSeconds));
        return again(429, context.t.tooManySignIns(SIGN_IN_WINDOW_MS / 60_000));
      }
      setCookie(reply, SESSION_COOKIE, result.token, { secure: secure(request), maxAge: SESSION_MAX_AGE_MS / 1000 });
      setCookie(reply, SIGN_IN_COOKIE, '', { secure: secure(request), maxAge: 0 });
      return reply.redirect(nextPage(form.next), 303);
    });

    app.post('/sign-out', { schema: { hide: true } }, async (request, reply) => {
      const token = readCookie(request, SESSION_COOKIE);
      if (token) await signOut(deps, token);
      setCookie(reply, SESSION_COOKIE, '', { secure: secure(request), maxAge: 0 });
      return reply.redirect('/dashboard/sign-in', 303);
    });

    app.get<{ Params: { language: string }; Querystring: { back?: string } }>('/language/:language', open, async (request, reply) => {
      const { language } = request.params;
      if ((DASHBOARD_LANGUAGES as readonly string[]).includes(language)) {
        setCookie(reply, LANGUAGE_COOKIE, language, { secure: secure(request), maxAge: 365 * 86_400, httpOnly: true });
      }
      const back = request.query.back ?? '';
      return reply.redirect(back === '/dashboard/sign-in' || back.startsWith('/dashboard/sign-in?') ? back : nextPage(back), 303);
    });
  };
}
