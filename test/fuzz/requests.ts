/**
 * What the fuzz suite sends: every route of the server (merchant API, test mode, callbacks,
 * checkout, BankID pages, dashboard, health) with paths, headers and bodies drawn by fast-check —
 * real ids and tokens mixed with other merchants' ones, junk and broken percent-encoding; known-good
 * bodies with fields replaced by hostile values; random JSON, text and bytes; deep nesting.
 */
import fc from 'fast-check';
import { primaryExample } from '../support/fixtures.js';
import { API, captureBody, chargeBody } from '../support/reservations.js';

/** What exists on the server, so that some requests reach deep into the handlers. */
export interface FuzzFixtures {
  /** Tokens: the fuzzed merchant's, another merchant's. */
  token: string;
  otherToken: string;
  /** The fuzzed merchant's reservation ids, one of another merchant, checkout tokens. */
  uuids: string[];
  otherUuid: string;
  checkoutTokens: string[];
  /** Product line ids of the fuzzed merchant's paid reservations. */
  lineIds: number[];
}

/** A body of `bytes` letters, shown by its size in counterexamples. */
export class Filler {
  constructor(readonly bytes: number) {}
  [fc.toStringMethod](): string {
    return `Filler(${this.bytes})`;
  }
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: string | Buffer | Filler | undefined;
}

const TEMPLATES = [
  `${API}/create`,
  `${API}/submit`,
  `${API}/details/{}`,
  `${API}/capture/{}`,
  `${API}/charge/{}`,
  `${API}/cancel/{}`,
  `${API}/complete/{}`,
  `${API}/resend/{}`,
  `${API}/refund/{}`,
  `${API}/history`,
  `${API}/history/{}`,
  `${API}/callbacks/{}`,
  `${API}/callbacks/{}/resend`,
  `${API}/ledger.csv`,
  `${API}/{}`,
  '/api/v1/test/clock',
  '/api/v1/test/reservations/{}/pay',
  '/api/v1/{}',
  '/{}',
  '/checkout/{}',
  '/checkout/assets/{}',
  '/checkout/bankid/callback',
  '/checkout/bankid/test-provider',
  '/dashboard',
  '/dashboard/{}',
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
];

const JUNK_SEGMENTS = ['', '%', '%zz', '%00', '%ED%A0%80', '%FF%FE', '..', '.', '%2e%2e', '%2F', '//', '~', '*', 'constructor', '__proto__', 'RES0000000000', 'checkout.css', 'checkout.js', 'a'.repeat(300)];

/** Every byte outside the unreserved set percent-encoded (lone surrogates become U+FFFD, as a browser sends them). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** Characters a request line can carry unencoded (anything else makes it malformed, which is tried too). */
const rawChars = fc.constantFrom(...'ABCXYZabcxyz0189._~!$&\'()*+,;=:@-%/?#[]"<>\\^`{|}'.split(''));
const latin1Char = fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code));

function segment(f: FuzzFixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...f.uuids, f.otherUuid, ...f.checkoutTokens) },
    { weight: 2, arbitrary: fc.constantFrom(...JUNK_SEGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }).map(percentEncode) },
    { weight: 1, arbitrary: fc.string({ unit: rawChars, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: latin1Char, maxLength: 12 }) },
  );
}

const QUERY_KEYS = ['note', 'from', 'to', 'page', 'limit', 'after', 'cursor', 'status', 'state', 'code', 'lang', '__proto__', 'constructor', 'note[]'];
const queryValue = fc.oneof(fc.string({ maxLength: 20 }).map(percentEncode), fc.constantFrom('', '%', '%00', '1e400', '-0', '-1', '9'.repeat(40), '2024-01-01', 'null'), fc.string({ unit: rawChars, maxLength: 12 }));
const query = fc.option(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ unit: rawChars, maxLength: 8 })), queryValue), { minLength: 1, maxLength: 4 }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  { nil: '', freq: 3 },
);

function path(f: FuzzFixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...TEMPLATES), segment(f), query).map(([template, id, q]) => template.replace('{}', id) + q) },
    { weight: 1, arbitrary: fc.string({ unit: rawChars, maxLength: 60 }).map((p) => `/${p}`) },
    { weight: 1, arbitrary: fc.constantFrom('*', 'http://127.0.0.1/api/v1/connect/reservations/history', '//checkout//x', '/api/v1/connect/reservations/details/%', '/%ED%A0%80') },
  );
}

const METHODS = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('GET', 'POST') },
  { weight: 2, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
  { weight: 1, arbitrary: fc.constantFrom('PURGE', 'FOO', 'get', 'CONNECT', 'TRACE', 'SEARCH', 'M-SEARCH', 'PROPFIND') },
);

const headerText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\t', '\u0000', '\u007f', '\u0080', 'é', '€', '\u00ff', ' ', 'a'), maxLength: 10 }) },
);

function headers(f: FuzzFixtures): fc.Arbitrary<[string, string][]> {
  const authorization = fc.oneof(
    { weight: 10, arbitrary: fc.constant(`Bearer ${f.token}`) },
    { weight: 2, arbitrary: fc.constant(`Bearer ${f.otherToken}`) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: headerText.map((text) => `Bearer ${text}`) },
    { weight: 1, arbitrary: fc.oneof(headerText, fc.constantFrom('Basic Zm9vOmJhcg==', 'Bearer', `bearer ${f.token}`, `Bearer ${f.token}x`, `Bearer  ${f.token}`)) },
  );
  const contentType = fc.oneof(
    { weight: 6, arbitrary: fc.constant('application/json') },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/x-www-form-urlencoded',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json, text/plain',
        'APPLICATION/JSON',
      ),
    },
    { weight: 1, arbitrary: headerText },
  );
  const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('fuzz-1', 'fuzz-2', 'fuzz-3'), headerText), { freq: 2 });
  const extraName = fc.oneof(
    fc.constantFrom('accept', 'accept-language', 'x-forwarded-for', 'cookie', 'origin', 'referer', 'x-request-id', 'transfer-encoding', 'expect', 'authorization', 'idempotency-key', 'content-encoding', 'host'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
  );
  const extras = fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(fc.tuple(extraName, headerText), { minLength: 1, maxLength: 3 }) });
  return fc.tuple(authorization, contentType, idempotencyKey, extras).map(([auth, type, key, extra]) => {
    const list: [string, string][] = [];
    if (auth !== undefined) list.push(['Authorization', auth]);
    if (type !== undefined) list.push(['Content-Type', type]);
    if (key !== null) list.push(['Idempotency-Key', key]);
    return [...list, ...extra];
  });
}

/** Values that have broken parsers and validators before. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', ' ', 0, -1, 1.005, 1e308, -1e-308, Number.MAX_SAFE_INTEGER + 2, '1e400', 'Te\u0000st', '€', '\u202e', '\ud800', 'x'.repeat(5_000), true, [], {}, '<script>', "'; drop table reservations; --", 'javascript:alert(1)', 'http://€.example/', 'http://127.0.0.1/x', '12345678901234567890'),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

function templateBodies(f: FuzzFixtures): Record<string, unknown>[] {
  const lines = f.lineIds.slice(0, 2);
  return [
    primaryExample(),
    captureBody(lines.map((id) => [id, 100])),
    chargeBody(),
    { ...captureBody(lines.map((id) => [id, 50])), additionalText: 'refund' },
    { note: 'fuzz' },
    { cardNumber: '4111111111111111' },
    { cardNumber: '4000000000000002' },
    { advanceSeconds: 60 },
  ];
}

/** Every path to a value inside `value` (object keys and array indexes). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const children = Object.entries(value).flatMap(([key, child]) => paths(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
  return [prefix, ...children];
}

type Mutation = { at: number; value: unknown; action: 'set' | 'delete' | 'rename' };

function mutate(body: Record<string, unknown>, mutations: Mutation[]): unknown {
  let result: unknown = structuredClone(body);
  for (const { at, value, action } of mutations) {
    const all = paths(result);
    const target = all[at % all.length]!;
    if (target.length === 0) {
      result = action === 'set' ? value : result;
      continue;
    }
    const parent = target.slice(0, -1).reduce<any>((node, key) => node[key], result);
    const key = target[target.length - 1]!;
    if (action === 'delete') delete parent[key];
    else if (action === 'rename') {
      parent[typeof value === 'string' ? value : '__proto__'] = parent[key];
      delete parent[key];
    } else parent[key] = value;
  }
  return result;
}

function body(f: FuzzFixtures): fc.Arbitrary<FuzzRequest['body']> {
  const templates = templateBodies(f);
  const mutation = fc.record({ at: fc.nat(), value: hostileValue, action: fc.constantFrom<Mutation['action']>('set', 'set', 'delete', 'rename') });
  const mutated = fc.tuple(fc.nat({ max: templates.length - 1 }), fc.array(mutation, { maxLength: 3 })).map(([index, mutations]) => JSON.stringify(mutate(templates[index]!, mutations)) ?? 'undefined');
  const literal = fc
    .tuple(fc.nat({ max: templates.length - 1 }), fc.constantFrom('1e400', '-0', '-1e400', '1.0', '0x10', 'NaN', 'Infinity', '"\\ud800"', '"\\u0000"', '01', '1e-400'))
    .map(([index, replacement]) => JSON.stringify(templates[index]).replace(/:(-?\d+(\.\d+)?|"[^"]*")/, `:${replacement}`));
  const duplicateKey = fc.nat({ max: templates.length - 1 }).map((index) => JSON.stringify(templates[index]).replace(/^\{"([^"]+)":/, '{"$1":1,"$1":'));
  const deep = fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([depth, array]) => (array ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
  const form = fc
    .record({
      cardNumber: fc.oneof(fc.constantFrom('4111111111111111', '5555555555554444', '4000000000000002', '4000000000009995', '4242424242424241'), fc.string({ maxLength: 25 })),
      expiry: fc.oneof(fc.constantFrom('12/30', '01/20', '13/40'), fc.string({ maxLength: 8 })),
      cvc: fc.oneof(fc.constant('123'), fc.string({ maxLength: 6 })),
      holderName: fc.oneof(fc.constant('Kari Nordmann'), fc.string({ maxLength: 30 })),
      method: fc.constantFrom('visa', 'mastercard', 'vipps', ''),
    })
    .map((fields) => new URLSearchParams(fields).toString());
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: mutated },
    { weight: 2, arbitrary: literal },
    { weight: 1, arbitrary: duplicateKey },
    { weight: 2, arbitrary: fc.json({ maxDepth: 4 }) },
    { weight: 2, arbitrary: form },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: fc.constant(new Filler(1024 * 1024 + 10)) },
  );
}

export function fuzzRequest(f: FuzzFixtures): fc.Arbitrary<FuzzRequest> {
  return fc.record({ method: METHODS, path: path(f), headers: headers(f), body: body(f) });
}

/** The request's bytes, as a client would put them on the wire (Content-Length from the body). */
export function wireBytes(request: FuzzRequest): Buffer {
  const lines = [`${request.method} ${request.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  const body = request.body instanceof Filler ? Buffer.alloc(request.body.bytes, 0x61) : request.body === undefined ? undefined : Buffer.from(request.body);
  if (body !== undefined) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}
