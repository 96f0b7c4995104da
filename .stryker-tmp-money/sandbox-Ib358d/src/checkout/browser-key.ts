/**
 * The customer's browser, for BankID logins: a random secret in an HttpOnly cookie. The server keeps
 * only its SHA-256 (the "browser key" the logins and verifications are stored under), so neither a
 * database reader nor a log can turn stored rows back into a cookie. SameSite=Lax, because the way
 * back from the identity provider is a cross-site navigation; Secure when the checkout is on https.
 */
// @ts-nocheck

import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VERIFICATION_MS } from '../reservations/secure-details.js';

const COOKIE = 'fpgo_checkout';
const SECRET_BYTES = 32;
const SECRET_SHAPE = /^[\w-]{43}$/;

export interface BrowserSecret {
  secret: string;
  /** What the server stores: the secret's hash. */
  key: string;
}

const keyOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export function newBrowserSecret(): BrowserSecret {
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { secret, key: keyOf(secret) };
}

/** The browser's cookie; undefined without one (or with something we never set). */
export function currentBrowser(request: FastifyRequest): BrowserSecret | undefined {
  const secret = request.cookies[COOKIE];
  return secret !== undefined && SECRET_SHAPE.test(secret) ? { secret, key: keyOf(secret) } : undefined;
}

export const browserKey = (request: FastifyRequest): string | undefined => currentBrowser(request)?.key;

/** Lasts as long as a verification: the cookie is renewed with each login. */
export function setBrowserCookie(reply: FastifyReply, browser: BrowserSecret, publicBaseUrl: string): void {
  reply.setCookie(COOKIE, browser.secret, {
    path: '/checkout',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicBaseUrl.startsWith('https:'),
    maxAge: VERIFICATION_MS / 1000,
  });
}
