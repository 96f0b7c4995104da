/** How dashboard pages are answered: in the user's language, with strict security headers. */
// @ts-nocheck

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedIn } from '../merchants/dashboard-users.js';
import type { UserRole } from '../reservations/dashboard-user.js';
import type {
  CallbackRepository,
  Clock,
  IdempotencyRepository,
  IdSource,
  LifecycleRepository,
  MerchantRepository,
  Gateways,
  PaymentRepository,
  ReservationRepository,
  ReservationSearch,
  UserRepository,
} from '../reservations/ports.js';
import { LANGUAGE_COOKIE, readCookie } from './cookies.js';
import type { PageContext } from './layout.js';
import { DASHBOARD_LANGUAGES, type DashboardLanguage } from './texts.js';
import { TEXTS } from './translations.js';

export interface DashboardDependencies {
  settings: { publicBaseUrl: string; idempotencyTtlMs: number; idempotencyLockTimeoutMs: number };
  users: UserRepository;
  merchants: MerchantRepository;
  search: ReservationSearch;
  reservations: ReservationRepository;
  lifecycle: LifecycleRepository;
  payments: PaymentRepository;
  callbacks: CallbackRepository;
  idempotency: IdempotencyRepository;
  gateways: Gateways;
  clock: Clock;
  ids: IdSource;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The dashboard user of this request, once the session is checked. */
    dashboardUser: SignedIn | null;
  }
  interface FastifyContextConfig {
    /** Dashboard routes anyone may open (sign-in, assets, the language switch). */
    dashboardPublic?: boolean;
    /** The role a dashboard route requires. */
    dashboardRole?: UserRole;
  }
}

export function languageOf(request: FastifyRequest): DashboardLanguage {
  const chosen = readCookie(request, LANGUAGE_COOKIE);
  if (chosen && (DASHBOARD_LANGUAGES as readonly string[]).includes(chosen)) return chosen as DashboardLanguage;
  return /^(nb|nn|no)\b/i.test(String(request.headers['accept-language'] ?? '')) ? 'no' : 'en';
}

/** What every page is drawn with. */
export function contextOf(request: FastifyRequest): PageContext {
  const language = languageOf(request);
  const user = request.dashboardUser;
  return {
    t: TEXTS[language],
    language,
    path: request.url,
    ...(user ? { signedIn: { user: user.user, merchant: user.merchant, csrfToken: user.session.csrfToken } } : {}),
  };
}

export function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
    .send(body);
}

/** Cookies get Secure when fpgo is served over https (behind a proxy, PUBLIC_BASE_URL says so). */
export function isHttps(request: FastifyRequest, publicBaseUrl: string): boolean {
  return request.protocol === 'https' || publicBaseUrl.startsWith('https:');
}


/** The posted fields that are plain strings (a field sent twice, an array, counts as missing). */
export function formFields(body: unknown): Record<string, string> {
  const form: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return form;
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && name.length <= 64) form[name] = value;
  return form;
}
