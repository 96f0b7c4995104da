/**
 * The one JSON body parser of every route. Before JSON.parse sees a body it must be valid UTF-8
 * (no silent U+FFFD), nest at most MAX_JSON_DEPTH levels (deeper bodies would overflow recursive
 * code such as the idempotency fingerprint), name no key twice in one object (parsers disagree on
 * which one wins) and use no key that reaches Object's prototype. Strings holding NUL are refused
 * with a sentence naming the field: PostgreSQL text cannot store them, and SQLite must answer alike.
 */
// @ts-nocheck

import type { FastifyInstance } from 'fastify';
import { attributeName } from '../validation/laravel-messages.js';
import { HttpProblem } from './problem.js';

export const MAX_JSON_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A refusal 417 `payloadValidationErrors` carries: the body parsed, but one of its values can never be stored. */
export class InvalidPayload extends Error {
  readonly statusCode = 417;
  constructor(readonly errors: string[]) {
    super('invalid payload');
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, raw: Buffer, done) => {
    try {
      done(null, parseJsonBody(raw));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpProblem('invalidJson', ['The request body is not valid UTF-8.']);
  }
  if (text.trim() === '') throw new HttpProblem('invalidJson');
  const shapeProblem = shapeProblemOf(text);
  if (shapeProblem) throw new HttpProblem('invalidJson', [shapeProblem]);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpProblem('invalidJson');
  }
  const withNul = pathToNul(body);
  if (withNul) throw new InvalidPayload([`The ${attributeName(withNul)} field must not contain NUL characters.`]);
  return body;
}

/**
 * One pass over the text, without recursion: depth, duplicate and forbidden keys. Malformed JSON
 * may pass (JSON.parse refuses it next); nothing here can throw or loop.
 */
function shapeProblemOf(text: string): string | null {
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      const container = open[open.length - 1];
      if (container && expectKey) {
        const key = decodeKey(text.slice(i, end + 1));
        if (key === null) return null;
        if (FORBIDDEN_KEYS.has(key)) return `The request body must not use the key "${key}".`;
        if (container.has(key)) return `The request body names the key "${key}" twice in one object.`;
        container.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      if (open.length >= MAX_JSON_DEPTH) return `The request body must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`;
      open.push(c === '{' ? new Set() : null);
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      expectKey = open[open.length - 1] instanceof Set;
    }
  }
  return null;
}

/** The index of the quote closing the string that opens at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i;
    else i++;
  }
  return text.length;
}

function decodeKey(token: string): string | null {
  if (!token.includes('\\')) return token.slice(1, -1);
  try {
    return JSON.parse(token) as string;
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
