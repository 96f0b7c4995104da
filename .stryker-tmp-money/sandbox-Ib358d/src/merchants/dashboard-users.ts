/**
 * Dashboard users: creating and disabling them (the CLI, the demo user, the Users page), signing in with
 * a per-account and per-address limit on failures, and sessions kept in the database (only the token's
 * hash is stored), ending after 12 hours or 2 hours without use.
 */
// @ts-nocheck

import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../kernel/clock.js';
import type { DashboardSession, DashboardUser, UserRole } from '../reservations/dashboard-user.js';
import type { Merchant } from '../reservations/merchant.js';
import { DuplicateKeyError, type MerchantRepository, type UserRepository } from '../reservations/ports.js';
import { hashPassword, MAX_PASSWORD_LENGTH, passwordProblem, verifyPassword } from './passwords.js';

export const SESSION_MAX_AGE_MS = 12 * 3_600_000;
export const SESSION_IDLE_MS = 2 * 3_600_000;
/** A session's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** Failed sign-ins counted over this window; at the limit, that account or address waits until old failures leave it. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface UserDependencies {
  users: UserRepository;
  merchants: Pick<MerchantRepository, 'findById'>;
  clock: Clock;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export type CreateUserResult = { ok: true; user: DashboardUser } | { ok: false; problem: string };

export async function createUser(
  deps: UserDependencies,
  request: { merchantId: string; email: string; role: UserRole; password: string },
): Promise<CreateUserResult> {
  const email = normalizeEmail(request.email);
  if (!z.email().safeParse(email).success || email.length > 254) return { ok: false, problem: `${request.email} is not a valid email address` };
  const weak = passwordProblem(request.password);
  if (weak) return { ok: false, problem: weak };
  if (!(await deps.merchants.findById(request.merchantId))) return { ok: false, problem: `no merchant ${request.merchantId}` };
  try {
    const user = await deps.users.insert({
      merchantId: request.merchantId,
      email,
      role: request.role,
      passwordHash: await hashPassword(request.password),
      createdAt: deps.clock.now(),
      disabledAt: null,
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof DuplicateKeyError) return { ok: false, problem: `a user with the email address ${email} exists already` };
    throw error;
  }
}

/** Disables a user (of `merchantId`, when given) and ends their sessions; false when there is no such user. */
export async function disableUser(deps: Pick<UserDependencies, 'users' | 'clock'>, email: string, merchantId?: string): Promise<boolean> {
  const user = await deps.users.findByEmail(normalizeEmail(email));
  if (!user || (merchantId !== undefined && user.merchantId !== merchantId)) return false;
  await deps.users.disable(user.id, deps.clock.now());
  return true;
}

export type SignInResult =
  | { ok: true; token: string; session: DashboardSession; user: DashboardUser }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'too-many-attempts'; retryAfterSeconds: number };

/** Compared against when the account does not exist, so a wrong address takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export async function signIn(deps: UserDependencies, attempt: { email: string; password: string; address: string }): Promise<SignInResult> {
  const now = deps.clock.now();
  const email = normalizeEmail(attempt.email).slice(0, 254);
  const subjects = [`account:${email}`, `address:${attempt.address}`];
  const since = now - SIGN_IN_WINDOW_MS;
  const [accountFailures, addressFailures] = await Promise.all(subjects.map((subject) => deps.users.countSignInFailures(subject, since)));
  if (accountFailures! >= MAX_FAILURES_PER_ACCOUNT || addressFailures! >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, reason: 'too-many-attempts', retryAfterSeconds: SIGN_IN_WINDOW_MS / 1000 };
  }
  const user = await deps.users.findByEmail(email);
  const password = attempt.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await (decoyHash ??= hashPassword(randomBytes(16).toString('hex')))));
  if (!user || !matches || user.disabledAt !== null) {
    await deps.users.recordSignInFailure(subjects, now);
    return { ok: false, reason: 'invalid' };
  }
  await deps.users.clearSignInFailures(subjects[0]!);
  const token = randomBytes(32).toString('base64url');
  const session: DashboardSession = {
    tokenHash: hashSessionToken(token),
    userId: user.id,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_MAX_AGE_MS,
  };
  await deps.users.createSession(session);
  return { ok: true, token, session, user };
}

export interface SignedIn {
  user: DashboardUser;
  merchant: Merchant;
  session: DashboardSession;
}

/** The signed-in user behind a session cookie's token, or undefined (unknown, expired, idle, or disabled). */
export async function authenticate(deps: UserDependencies, token: string): Promise<SignedIn | undefined> {
  const tokenHash = hashSessionToken(token);
  const found = await deps.users.findSession(tokenHash);
  if (!found) return undefined;
  const { session, user } = found;
  const now = deps.clock.now();
  if (session.expiresAt <= now || session.lastSeenAt + SESSION_IDLE_MS <= now || user.disabledAt !== null) {
    await deps.users.deleteSession(tokenHash);
    return undefined;
  }
  const merchant = await deps.merchants.findById(user.merchantId);
  if (!merchant) return undefined;
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await deps.users.touchSession(tokenHash, now);
  return { user, merchant, session };
}

export function signOut(deps: Pick<UserDependencies, 'users'>, token: string): Promise<void> {
  return deps.users.deleteSession(hashSessionToken(token));
}

/** Forgets ended sessions and failed sign-ins that no longer count (run by the server's sweeper); how many. */
export function sweepSignIns(deps: Pick<UserDependencies, 'users' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  return deps.users.sweep(now, now - SESSION_IDLE_MS, now - SIGN_IN_WINDOW_MS);
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
