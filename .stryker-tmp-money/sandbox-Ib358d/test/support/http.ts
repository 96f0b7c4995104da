/** A small real-HTTP client for tests (undici, no mocks). */
// @ts-nocheck

import { request } from 'undici';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await request(new URL(path, baseUrl), { method: method as 'GET', headers, body });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** A client bound to one server and token. */
export function client(baseUrl: string, token?: string) {
  return {
    get: (path: string, options: CallOptions = {}) => call(baseUrl, 'GET', path, { token, ...options }),
    post: (path: string, body?: unknown, options: CallOptions = {}) => call(baseUrl, 'POST', path, { token, body, ...options }),
  };
}

/** Posts a checkout form the way a browser without JavaScript does. */
export function postForm(paymentUrl: string, fields: Record<string, string>): Promise<Answer> {
  return call(paymentUrl, 'POST', paymentUrl, {
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}
