/**
 * Configuration from the environment. A bad value stops the start with one line that names the
 * variable, never with a stack trace.
 */
// @ts-nocheck

import { z } from 'zod';
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from './callbacks/retry-schedule.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_TTL_MS } from './idempotency/idempotency.js';
import { parseIssuerUrl } from './identity/issuer.js';
import type { OidcSettings } from './identity/openid-connect.js';
import { parseDuration } from './kernel/duration.js';
import { parseDatabaseUrl } from './store/connect.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  publicBaseUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Requests per minute per API token; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Lets callbacks go to loopback and private networks (local development and tests). */
  allowPrivateCallbacks: boolean;
  /** Waits between callback attempts, in ms. */
  callbackRetrySchedule: readonly number[];
  /** How long idempotency keys are remembered, in ms. */
  idempotencyTtlMs: number;
  /** How long a running request holds its idempotency key, in ms (a crashed request's key is free after it). */
  idempotencyLockTimeoutMs: number;
  /** How long a client may take to send a whole request (headers and body), in ms. */
  requestTimeoutMs: number;
  /** Redis shared by every server process for the rate limit; null: each process counts alone. */
  redisUrl: string | null;
  /** Prefix of every key fpgo writes to Redis. */
  redisKeyPrefix: string;
  /** The card gateway of live merchants: `none`, or a module building one (src/gateway/load-gateway.ts). */
  gateway: string;
  /** Bearer token `/metrics` asks for; null leaves it open. */
  metricsToken: string | null;
  /** BankID over OpenID Connect; null without BANKID_OIDC_ISSUER (test merchants then get the built-in test provider). */
  bankId: OidcSettings | null;
}

export class ConfigError extends Error {}

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${name} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${name} must be between ${min} and ${max}` });

/** A setting read by `parse`, which throws a readable reason for a bad value. */
function parsed<T>(name: string, parse: (text: string) => T, fallback: T) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallback;
      try {
        return parse(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `${name}: ${(error as Error).message}` });
        return z.NEVER;
      }
    });
}

const schema = z.object({
  PORT: integer('PORT', 1, 65535).default(8080),
  HOST: z.string().min(1, { error: 'HOST must not be empty' }).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/fpgo.sqlite')
    .superRefine((url, ctx) => {
      try {
        parseDatabaseUrl(url);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_BASE_URL must be an http(s) URL such as https://pay.example.com' })
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  RATE_LIMIT_PER_MINUTE: integer('RATE_LIMIT_PER_MINUTE', 0, 1_000_000).default(240),
  ALLOW_PRIVATE_CALLBACKS: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'ALLOW_PRIVATE_CALLBACKS must be true or false' })
    .default('false')
    .transform((value) => ['true', '1', 'yes'].includes(value)),
  CALLBACK_RETRY_SCHEDULE: parsed('CALLBACK_RETRY_SCHEDULE', parseRetrySchedule, DEFAULT_RETRY_SCHEDULE_MS),
  IDEMPOTENCY_TTL: parsed('IDEMPOTENCY_TTL', parseDuration, DEFAULT_TTL_MS),
  IDEMPOTENCY_LOCK_TIMEOUT: parsed('IDEMPOTENCY_LOCK_TIMEOUT', parseDuration, DEFAULT_LOCK_TIMEOUT_MS),
  REQUEST_TIMEOUT: parsed('REQUEST_TIMEOUT', parseDuration, 30_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379' }).optional(),
  GATEWAY: z.string().min(1, { error: 'GATEWAY must be none or the module of a card gateway' }).default('none'),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, { error: 'REDIS_KEY_PREFIX must be 1 to 64 letters, digits or _ : . -' }).default('fpgo:'),
  METRICS_TOKEN: z.string().min(16, { error: 'METRICS_TOKEN must be at least 16 characters' }).optional(),
  BANKID_OIDC_ISSUER: parsed('BANKID_OIDC_ISSUER', (text) => (parseIssuerUrl(text), text), null),
  BANKID_CLIENT_ID: z.string().optional(),
  BANKID_CLIENT_SECRET: z.string().optional(),
  BANKID_SCOPE: z
    .string()
    .default('openid')
    .refine((scope) => scope.split(/\s+/).includes('openid'), { error: 'BANKID_SCOPE must include openid' }),
  BANKID_ACR_VALUES: z.string().optional(),
  BANKID_NATIONAL_ID_CLAIM: z
    .string()
    .regex(/^[\w:.-]+$/, { error: 'BANKID_NATIONAL_ID_CLAIM must be a claim name such as nnin, pid or socialno' })
    .default('nnin'),
}).superRefine((c, ctx) => {
  const missing = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (c.BANKID_OIDC_ISSUER) {
    if (!c.BANKID_CLIENT_ID) missing('BANKID_CLIENT_ID', 'BANKID_CLIENT_ID must be set when BANKID_OIDC_ISSUER is');
    if (!c.BANKID_CLIENT_SECRET) missing('BANKID_CLIENT_SECRET', 'BANKID_CLIENT_SECRET must be set when BANKID_OIDC_ISSUER is');
  } else if (c.BANKID_CLIENT_ID || c.BANKID_CLIENT_SECRET) {
    missing('BANKID_OIDC_ISSUER', 'BANKID_OIDC_ISSUER must be set when BANKID_CLIENT_ID or BANKID_CLIENT_SECRET is');
  }
});

/** Reads the configuration; throws ConfigError with a one-line explanation. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw new ConfigError(`invalid configuration: ${message} (got ${JSON.stringify(env[name] ?? '')})`);
  }
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    logLevel: c.LOG_LEVEL,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    allowPrivateCallbacks: c.ALLOW_PRIVATE_CALLBACKS,
    callbackRetrySchedule: c.CALLBACK_RETRY_SCHEDULE,
    idempotencyTtlMs: c.IDEMPOTENCY_TTL,
    idempotencyLockTimeoutMs: c.IDEMPOTENCY_LOCK_TIMEOUT,
    requestTimeoutMs: c.REQUEST_TIMEOUT,
    redisUrl: c.REDIS_URL ?? null,
    redisKeyPrefix: c.REDIS_KEY_PREFIX,
    gateway: c.GATEWAY,
    metricsToken: c.METRICS_TOKEN ?? null,
    bankId: c.BANKID_OIDC_ISSUER
      ? {
          issuer: c.BANKID_OIDC_ISSUER,
          clientId: c.BANKID_CLIENT_ID!,
          clientSecret: c.BANKID_CLIENT_SECRET!,
          scope: c.BANKID_SCOPE,
          acrValues: c.BANKID_ACR_VALUES ?? null,
          nationalIdClaim: c.BANKID_NATIONAL_ID_CLAIM,
        }
      : null,
  };
}
