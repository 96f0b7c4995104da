/**
 * A typed client for fpgo's merchant API (and Front Payment's FPGO Connect API it copies), for Node 20+
 * with nothing but its built-in fetch:
 *
 *   import { Fpgo } from 'fpgo';
 *   const fpgo = new Fpgo({ baseUrl: 'http://localhost:8080', apiToken: process.env.FPGO_API_TOKEN! });
 *   const { reservationUuid, paymentUrl } = await fpgo.createReservation({ ... });
 *
 * Every POST carries an Idempotency-Key (yours, or a new one) that its retries reuse, so a retry never
 * captures twice. Retries follow 429 (after `retry-after`), 409, 5xx answers, failed connections and
 * timeouts, with exponential backoff. Errors are FpgoError (the envelope) or FpgoConnectionError.
 */
// @ts-nocheck

import { verifyCallback as verifyOne, type VerifyOptions, type VerifyResult } from '../callbacks/verify-callback.js';
import { FpgoConnectionError, FpgoError } from './errors.js';
import type {
  AdvanceClockRequest,
  CallbackList,
  CaptureRequest,
  CaptureResult,
  ChargeRequest,
  ChargeResult,
  CreatedReservation,
  CreateReservationRequest,
  HistoryItem,
  NoteRequest,
  RefundRequest,
  ReservationDetails,
  ResendRequest,
  TestClock,
  TestPaymentRequest,
  TestPaymentResult,
} from './types.js';

export interface FpgoOptions {
  /** Where fpgo runs, e.g. http://localhost:8080 (the /api/v1 prefix is added). */
  baseUrl: string;
  apiToken: string;
  /** For verifyCallback; during a rotation give both, new first. */
  callbackSecret?: string | readonly string[];
  /** Per attempt; 30 s by default. */
  timeoutMs?: number;
  /** Attempts after the first; 3 by default. */
  maxRetries?: number;
  /** The first backoff, doubled on each retry (with jitter); 500 ms by default. */
  retryDelayMs?: number;
  /** The longest wait for a retry-after; 60 s by default. */
  maxRetryDelayMs?: number;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Reuse a key to make sure an operation runs once across your own retries (1–255 printable ASCII). */
  idempotencyKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Envelope {
  status_code?: number;
  status_message?: string;
  message?: string;
  data?: unknown;
  errors?: unknown;
}

const RETRIED_STATUSES = (status: number) => status === 429 || status === 409 || status >= 500;
const path = (uuid: string) => encodeURIComponent(uuid);

export class Fpgo {
  private readonly apiUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: FpgoOptions) {
    if (!options.baseUrl) throw new TypeError('Fpgo: baseUrl is required');
    if (!options.apiToken) throw new TypeError('Fpgo: apiToken is required');
    this.apiUrl = `${options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api/v1`;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  createReservation(body: CreateReservationRequest, options?: RequestOptions): Promise<CreatedReservation> {
    return this.post('/connect/reservations/create', body, options);
  }

  /** Like createReservation; fpgo also sends the payment link by SMS and/or email as sendOrderBy asks. */
  submitReservation(body: CreateReservationRequest, options?: RequestOptions): Promise<CreatedReservation> {
    return this.post('/connect/reservations/submit', body, options);
  }

  getReservation(uuid: string, options?: RequestOptions): Promise<ReservationDetails> {
    return this.request('GET', `/connect/reservations/details/${path(uuid)}`, undefined, options);
  }

  capture(uuid: string, body: CaptureRequest, options?: RequestOptions): Promise<CaptureResult> {
    return this.post(`/connect/reservations/capture/${path(uuid)}`, body, options);
  }

  charge(uuid: string, body: ChargeRequest, options?: RequestOptions): Promise<ChargeResult> {
    return this.post(`/connect/reservations/charge/${path(uuid)}`, body, options);
  }

  refund(uuid: string, body: RefundRequest, options?: RequestOptions): Promise<null> {
    return this.post(`/connect/reservations/refund/${path(uuid)}`, body, options);
  }

  cancel(uuid: string, body: NoteRequest, options?: RequestOptions): Promise<null> {
    return this.post(`/connect/reservations/cancel/${path(uuid)}`, body, options);
  }

  complete(uuid: string, body: NoteRequest, options?: RequestOptions): Promise<null> {
    return this.post(`/connect/reservations/complete/${path(uuid)}`, body, options);
  }

  resend(uuid: string, body: ResendRequest, options?: RequestOptions): Promise<null> {
    return this.post(`/connect/reservations/resend/${path(uuid)}`, body, options);
  }

  /** Events between two instants (Unix seconds); the last 24 hours by default. */
  history(range: { start?: number; end?: number } = {}, options?: RequestOptions): Promise<HistoryItem[]> {
    const parts = [range.start, range.end].map((s) => (s === undefined ? '' : String(Math.floor(s))));
    return this.request('GET', `/connect/reservations/history/${parts.join('/')}`, undefined, options);
  }

  listCallbacks(uuid: string, options?: RequestOptions): Promise<CallbackList> {
    return this.request('GET', `/connect/reservations/callbacks/${path(uuid)}`, undefined, options);
  }

  resendCallback(uuid: string, options?: RequestOptions): Promise<{ webhookId: string }> {
    return this.post(`/connect/reservations/callbacks/${path(uuid)}/resend`, undefined, options);
  }

  /** Test mode: pays a reservation with a test card, as the checkout page would. */
  payWithTestCard(uuid: string, body: TestPaymentRequest, options?: RequestOptions): Promise<TestPaymentResult> {
    return this.post(`/test/reservations/${path(uuid)}/pay`, body, options);
  }

  getTestClock(options?: RequestOptions): Promise<TestClock> {
    return this.request('GET', '/test/clock', undefined, options);
  }

  advanceTestClock(body: AdvanceClockRequest, options?: RequestOptions): Promise<TestClock> {
    return this.post('/test/clock', body, options);
  }

  /** Checks a received callback URL against the callback secret(s) given to the constructor. */
  verifyCallback(urlOrQuery: string, options?: VerifyOptions): VerifyResult {
    const secrets = typeof this.options.callbackSecret === 'string' ? [this.options.callbackSecret] : (this.options.callbackSecret ?? []);
    if (secrets.length === 0) throw new TypeError('Fpgo: give callbackSecret to the constructor to verify callbacks');
    let result: VerifyResult = { ok: false, reason: 'no secret' };
    for (const secret of secrets) {
      result = verifyOne(urlOrQuery, secret, options);
      if (result.ok) return result;
    }
    return result;
  }

  private post<T>(route: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request('POST', route, body, { ...options, idempotencyKey: options.idempotencyKey ?? `fpgo-sdk-${globalThis.crypto.randomUUID()}` });
  }

  private async request<T>(method: 'GET' | 'POST', route: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiToken}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? this.options.timeoutMs ?? 30_000), ...(options.signal ? [options.signal] : [])];
      let response: Response;
      try {
        response = await this.fetch(`${this.apiUrl}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.any(signals) });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (attempt >= maxRetries) throw new FpgoConnectionError(`${method} ${route}: no answer (${(error as Error).message})`, { cause: error });
        await this.wait(attempt, null);
        continue;
      }
      const text = await response.text();
      if (response.ok) return (JSON.parse(text) as Envelope).data as T;
      if (RETRIED_STATUSES(response.status) && attempt < maxRetries) {
        await this.wait(attempt, response.headers.get('retry-after'));
        continue;
      }
      throw errorOf(response, text);
    }
  }

  private wait(attempt: number, retryAfter: string | null): Promise<void> {
    const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
    const backoff = (this.options.retryDelayMs ?? 500) * 2 ** attempt * (0.5 + Math.random() / 2);
    const ms = Math.min(seconds === null ? backoff : seconds * 1000, this.options.maxRetryDelayMs ?? 60_000);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

function errorOf(response: Response, text: string): FpgoError {
  let envelope: Envelope = {};
  try {
    envelope = JSON.parse(text) as Envelope;
  } catch {
    // Not fpgo's envelope (a proxy's page): the HTTP status still tells what happened.
  }
  return new FpgoError(
    envelope.status_code ?? response.status,
    envelope.status_message ?? response.statusText,
    envelope.message ?? `HTTP ${response.status}`,
    envelope.errors ?? null,
    envelope.status_code === undefined ? text : envelope,
  );
}
