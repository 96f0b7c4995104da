/** Talks to the dashboard as a browser without JavaScript would: cookies, the CSRF field, form posts. */
// @ts-nocheck

import { createUser } from '../../src/merchants/dashboard-users.js';
import type { UserRole } from '../../src/reservations/dashboard-user.js';
import { call, type Answer } from './http.js';
import type { TestApp } from './test-app.js';

export interface DashboardSession {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Answer>;
  /** Posts a form; the session's CSRF token is added unless `csrf: false`. */
  post(path: string, fields: Record<string, string>, options?: { csrf?: boolean; headers?: Record<string, string> }): Promise<Answer>;
}

export function postForm(baseUrl: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return call(baseUrl, 'POST', path, { rawBody: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

export function cookieOf(answer: Answer, name: string): string | undefined {
  const headers = answer.headers['set-cookie'];
  const all = Array.isArray(headers) ? headers : headers ? [headers] : [];
  return all.map((h) => h.split(';')[0]!).find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
}

/** The value of the first hidden input named `name` in a page. */
export function hiddenField(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
}

export async function attemptSignIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const form = await call(baseUrl, 'GET', '/dashboard/sign-in', { headers });
  const csrf = hiddenField(form.text, '_csrf')!;
  const cookie = cookieOf(form, 'fpgo_sign_in')!;
  return postForm(baseUrl, '/dashboard/sign-in', { _csrf: csrf, email, password, next: '/dashboard/reservations' }, { cookie, ...headers });
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<DashboardSession> {
  const answer = await attemptSignIn(baseUrl, email, password);
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  const cookie = cookieOf(answer, 'fpgo_session')!;
  const list = await call(baseUrl, 'GET', '/dashboard/reservations', { headers: { cookie } });
  const csrf = hiddenField(list.text, '_csrf')!;
  return {
    cookie,
    csrf,
    get: (path) => call(baseUrl, 'GET', path, { headers: { cookie } }),
    post: (path, fields, options = {}) => postForm(baseUrl, path, options.csrf === false ? fields : { _csrf: csrf, ...fields }, { cookie, ...options.headers }),
  };
}

/** A user of `merchantId` created through the domain, as `fpgo user create` does. */
export async function addUser(t: TestApp, merchantId: string, email: string, role: UserRole = 'admin', password = 'correct horse battery'): Promise<{ email: string; password: string }> {
  const created = await createUser({ users: t.store.users, merchants: t.store.merchants, clock: { now: () => Date.now() } }, { merchantId, email, role, password });
  if (!created.ok) throw new Error(created.problem);
  return { email, password };
}
