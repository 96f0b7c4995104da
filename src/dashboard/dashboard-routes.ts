/**
 * The merchant dashboard at /dashboard: server-rendered pages that work without JavaScript. Every
 * page but sign-in needs a session; every POST must come from a page of ours (same origin, and the
 * session's CSRF token, or the sign-in form's cookie); admins alone reach Developers and Users.
 */
import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import formBody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, type UserDependencies } from '../merchants/dashboard-users.js';
import { readCookie, SESSION_COOKIE, SIGN_IN_COOKIE } from './cookies.js';
import { developerRoutes } from './developer-routes.js';
import { messagePage } from './layout.js';
import { reservationListRoutes } from './reservation-list-routes.js';
import { reservationRoutes } from './reservation-routes.js';
import { contextOf, sendPage, type DashboardDependencies } from './replies.js';
import { signInRoutes } from './sign-in-routes.js';
import { userRoutes } from './user-routes.js';


const ASSETS = {
  'dashboard.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/dashboard.css', import.meta.url), 'utf8') },
} as const;

function sameText(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A form post from another site: a browser says so (Sec-Fetch-Site, Origin), or it lacks the token only our pages hold. */
function isForged(request: FastifyRequest, publicBaseUrl: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== new URL(publicBaseUrl).origin && origin !== `${request.protocol}://${request.headers.host ?? ''}`) return true;
  const token = (request.body as Record<string, unknown> | undefined)?._csrf;
  const expected = request.dashboardUser ? request.dashboardUser.session.csrfToken : readCookie(request, SIGN_IN_COOKIE);
  return typeof token !== 'string' || !sameText(token, expected);
}

export type { DashboardDependencies };

export function dashboardRoutes(deps: DashboardDependencies) {
  return async function routes(app: FastifyInstance): Promise<void> {
    await app.register(formBody, { bodyLimit: 64 * 1024 });
    app.decorateRequest('dashboardUser', null);
    const userDeps: UserDependencies = { users: deps.users, merchants: deps.merchants, clock: deps.clock };

    app.addHook('preHandler', async (request, reply) => {
      const config = request.routeOptions.config;
      const token = readCookie(request, SESSION_COOKIE);
      request.dashboardUser = token ? ((await authenticate(userDeps, token)) ?? null) : null;
      if (!config.dashboardPublic && !request.dashboardUser) {
        const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
        return reply.redirect(`/dashboard/sign-in${next}`, 303);
      }
      if (request.method === 'POST' && isForged(request, deps.settings.publicBaseUrl)) {
        const context = contextOf(request);
        return sendPage(reply, 403, messagePage(context, context.t.formRefusedTitle, context.t.formExpired));
      }
      if (config.dashboardRole === 'admin' && request.dashboardUser?.user.role !== 'admin') {
        const context = contextOf(request);
        return sendPage(reply, 403, messagePage(context, context.t.forbiddenTitle, context.t.forbidden));
      }
      return undefined;
    });

    app.setErrorHandler(async (error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode;
      const clientError = typeof status === 'number' && status >= 400 && status < 500;
      if (!clientError) request.log.error({ err: error }, 'dashboard request failed');
      const context = contextOf(request);
      if (clientError) return sendPage(reply, status, messagePage(context, context.t.formRefusedTitle, context.t.formExpired));
      return sendPage(reply, 500, messagePage(context, context.t.failedTitle, context.t.failed));
    });
    app.setNotFoundHandler(async (request, reply) => {
      const context = contextOf(request);
      return sendPage(reply, 404, messagePage(context, context.t.notFoundTitle, context.t.notFound));
    });

    app.get<{ Params: { file: string } }>('/assets/:file', { schema: { hide: true }, config: { dashboardPublic: true } }, async (request, reply) => {
      const { file } = request.params;
      if (!Object.hasOwn(ASSETS, file)) return reply.callNotFound();
      const asset = ASSETS[file as keyof typeof ASSETS];
      return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
    });
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/dashboard/reservations', 303));

    await app.register(signInRoutes({ ...userDeps, publicBaseUrl: deps.settings.publicBaseUrl }));
    await app.register(reservationListRoutes(deps));
    await app.register(reservationRoutes(deps));
    await app.register(developerRoutes(deps));
    await app.register(userRoutes(deps));
  };
}
