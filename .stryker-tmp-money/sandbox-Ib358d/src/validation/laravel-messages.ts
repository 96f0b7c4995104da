/**
 * FPGO answers invalid payloads the way its Laravel backend does: HTTP 417 with a flat list of
 * English sentences, one per failed rule, naming the field by its dotted path with camelCase
 * split into words — `customerDetails.personalNumber` → "customer details.personal number".
 *
 * Rule schemas (see rules.ts) carry message templates with an `:attribute` placeholder; this
 * module turns zod issues into the final sentences once the failing path is known.
 */
// @ts-nocheck

import type { z } from 'zod';

export const MESSAGES = {
  required: 'The :attribute field is required.',
  string: 'The :attribute field must be a string.',
  array: 'The :attribute field must be an array.',
  numeric: 'The :attribute field must be a number.',
  integer: 'The :attribute field must be an integer.',
  boolean: 'The :attribute field must be true or false.',
  email: 'The :attribute field must be a valid email address.',
  url: 'The :attribute field must be a valid URL.',
  in: 'The selected :attribute is invalid.',
  decimals: 'The :attribute field must have 0-2 decimal places.',
  positive: 'The :attribute field must be greater than 0.',
  nonNegative: 'The :attribute field must be at least 0.',
  tooLarge: 'The :attribute field must not be greater than 99999999.99.',
  invalid: 'The :attribute field is invalid.',
} as const;

const BODY_NOT_OBJECT = 'The request body must be a JSON object.';

export function maxLengthMessage(max: number): string {
  return `The :attribute field must not be greater than ${max} characters.`;
}

type PathSegment = PropertyKey;

/** "customerDetails.personalNumber" → "customer details.personal number" (Laravel's Str::snake, then spaces). */
export function attributeName(path: readonly PathSegment[]): string {
  return path
    .map((segment) => String(segment).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase())
    .join('.');
}

export function sentence(template: string, path: readonly PathSegment[]): string {
  return template.replaceAll(':attribute', attributeName(path));
}

/** All sentences for a failed parse, in payload order, without duplicates. */
export function issuesToSentences(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  const sentences = issues.flatMap((issue) => issueSentences(issue, [], input));
  return [...new Set(sentences)];
}

function issueSentences(issue: z.core.$ZodIssue, prefix: readonly PathSegment[], input: unknown): string[] {
  const path = [...prefix, ...issue.path];
  if (path.length === 0) return [BODY_NOT_OBJECT];
  const typeMismatch = issue.code === 'invalid_type' || issue.code === 'invalid_union';
  if (typeMismatch && isMissing(valueAt(input, path))) return [sentence(MESSAGES.required, path)];
  if (issue.code === 'invalid_union') {
    const branch = matchingBranch(issue.errors);
    if (branch) return branch.flatMap((inner) => issueSentences(inner, path, input));
  }
  if (issue.message.includes(':attribute')) return [sentence(issue.message, path)];
  return [sentence(fallbackTemplate(issue), path)];
}

/**
 * A union such as "array or object map" fails once per branch; the useful sentences are those of
 * the branch whose outer type matched the input.
 */
function matchingBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const typeMatched = branches.filter(
    (issues) => !(issues.length === 1 && issues[0]!.code === 'invalid_type' && issues[0]!.path.length === 0),
  );
  return typeMatched.length === 1 ? typeMatched[0] : undefined;
}

function fallbackTemplate(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type') return MESSAGES.invalid;
  switch (issue.expected) {
    case 'string':
      return MESSAGES.string;
    case 'number':
    case 'int':
      return MESSAGES.numeric;
    case 'boolean':
      return MESSAGES.boolean;
    case 'object':
    case 'array':
    case 'record':
      return MESSAGES.array;
    default:
      return MESSAGES.invalid;
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
  }
  return current;
}
