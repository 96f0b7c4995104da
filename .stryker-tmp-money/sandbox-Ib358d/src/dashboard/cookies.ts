/**
 * The dashboard's cookies: the session (HttpOnly, SameSite=Strict, Secure on https, only under
 * /dashboard), the sign-in form's CSRF token, and the chosen language. Only our own names are read.
 */
// @ts-nocheck

import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'fpgo_session';
export const SIGN_IN_COOKIE = 'fpgo_sign_in';
export const LANGUAGE_COOKIE = 'fpgo_language';

const COOKIE_VALUE = /^[A-Za-z0-9_-]{1,200}$/;

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (key === name && COOKIE_VALUE.test(value)) return value;
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  httpOnly?: boolean;
}

export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const attributes = [`${name}=${value}`, 'Path=/dashboard', `Max-Age=${options.maxAge}`, 'SameSite=Strict'];
  if (options.httpOnly !== false) attributes.push('HttpOnly');
  if (options.secure) attributes.push('Secure');
  // Fastify adds each set-cookie header to those already set.
  reply.header('set-cookie', attributes.join('; '));
}
