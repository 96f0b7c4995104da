// @ts-nocheck
import type { z } from 'zod';
import { issuesToSentences } from './laravel-messages.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Parses a request part, turning every failed rule into a Laravel-style sentence. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToSentences(result.error.issues, input) };
}
