/**
 * The one JSON body parser of every route. Before JSON.parse sees a body it must be valid UTF-8
 * (no silent U+FFFD), nest at most MAX_JSON_DEPTH levels (deeper bodies would overflow recursive
 * code such as the idempotency fingerprint), name no key twice in one object (parsers disagree on
 * which one wins) and use no key that reaches Object's prototype. Strings holding NUL are refused
 * with a sentence naming the field: PostgreSQL text cannot store them, and SQLite must answer alike.
 */
import type { FastifyInstance } from 'fastify';
import { atEndOfTurn } from '../kernel/end-of-turn.js';
import { attributeName } from '../validation/laravel-messages.js';
import { HttpProblem } from './problem.js';

export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** A refusal 417 `payloadValidationErrors` carries: the body parsed, but one of its values can never be stored. */
export class InvalidPayload extends Error {
  readonly statusCode = 417;
  constructor(readonly errors: string[]) {
    super('invalid payload');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

type ParsedBody = (error: Error | null, body?: unknown) => void;

/**
 * Bodies are parsed at the end of the turn that read them, all together: the requests then go on
 * through their hooks and handlers side by side, stage by stage (src/kernel/end-of-turn.ts). Under
 * the create benchmark this took the request thread from ≈ 240 to ≈ 170 µs per create.
 */
export function registerJsonBody(app: FastifyInstance): void {
  const waiting: { raw: Buffer; done: ParsedBody }[] = [];
  const parseWaiting = () => {
    // A request whose handling throws must not leave the others of its batch unanswered.
    let thrown: unknown = null;
    for (const { raw, done } of waiting.splice(0)) {
      try {
        parseInto(raw, done);
      } catch (error) {
        thrown ??= error;
      }
    }
    if (thrown !== null) throw thrown;
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw: Buffer, done) => {
    if (waiting.push({ raw, done }) === 1) atEndOfTurn(parseWaiting);
  });
}

function parseInto(raw: Buffer, done: ParsedBody): void {
  let body: unknown;
  try {
    body = parseJsonBody(raw);
  } catch (error) {
    return done(error as Error);
  }
  done(null, body);
}

export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpProblem('invalidJson', ['The request body is not valid UTF-8.']);
  }
  if (text.trim() === '') throw new HttpProblem('invalidJson');
  let body: unknown;
  let parsed = true;
  try {
    body = JSON.parse(text);
  } catch {
    parsed = false;
  }
  // The text scan names the problem; the parsed body tells, cheaper, whether there is one to name.
  if (!parsed || mayBeMisshapen(text, body)) {
    const shapeProblem = shapeProblemOf(text);
    if (shapeProblem) throw new HttpProblem('invalidJson', [shapeProblem]);
    if (!parsed) throw new HttpProblem('invalidJson');
  }
  // JSON strings cannot hold a raw U+0000 (JSON.parse refuses control characters), so a NUL in a
  // parsed key or value came from a \u0000 escape: without one in the text the walk cannot find any.
  const withNul = text.includes('\\u0000') ? pathToNul(body) : null;
  if (withNul) throw new InvalidPayload([`The ${attributeName(withNul)} field must not contain NUL characters.`]);
  return body;
}

/**
 * Whether parsed JSON may be too deep, use a forbidden key or name a key twice, without rereading
 * every character: depth and keys come from the parsed values, and a key named twice shows as more
 * keys in the text (strings followed by a colon) than the parsed objects hold.
 */
function mayBeMisshapen(text: string, body: unknown): boolean {
  let keys = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) return true;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return true;
      keys++;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return keysInText(text) !== keys;
}

/** Strings followed by a colon: in JSON that parsed, exactly its keys, every time one is named. */
function keysInText(text: string): number {
  let keys = 0;
  for (let quote = text.indexOf('"'); quote !== -1; ) {
    const end = stringEnd(text, quote);
    let next = end + 1;
    while (JSON_WHITESPACE.has(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === COLON) keys++;
    quote = text.indexOf('"', next);
  }
  return keys;
}

/**
 * One pass over the text, without recursion: depth, duplicate and forbidden keys. Malformed JSON
 * may pass (JSON.parse refuses it first); nothing here can throw or loop.
 */
function shapeProblemOf(text: string): string | null {
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const container = open[open.length - 1];
      if (container && expectKey) {
        const key = decodeKey(text, i, end);
        if (key === null) return null;
        if (FORBIDDEN_KEYS.has(key)) return `The request body must not use the key "${key}".`;
        if (container.has(key)) return `The request body names the key "${key}" twice in one object.`;
        container.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (open.length >= MAX_JSON_DEPTH) return `The request body must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`;
      open.push(c === OPEN_BRACE ? new Set() : null);
      expectKey = c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      open.pop();
    } else if (c === COMMA) {
      expectKey = Boolean(open[open.length - 1]);
    }
  }
  return null;
}

/**
 * The index of the quote closing the string that opens at `start` (or the text's end): the first
 * quote after it preceded by an even run of backslashes. indexOf jumps over the string's text
 * instead of looking at every character.
 */
function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    let backslashes = 0;
    // The opening quote ends the run, so the count never reaches before `start`.
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/**
 * The key whose quotes are at `start` and `end`. An unterminated one (`end` is the text's end) is read
 * without its last character, as the quoted token would be; JSON.parse refuses such a body anyway.
 */
function decodeKey(text: string, start: number, end: number): string | null {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return end < text.length ? raw : raw.slice(0, -1);
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return null;
  }
}

/** The path of the first key or string value holding U+0000, walking without recursion. */
function pathToNul(body: unknown): PropertyKey[] | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: body, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path;
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\0')) return [...path, key];
        stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
      }
    }
  }
  return null;
}
