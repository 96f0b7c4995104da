/**
 * Zod builders for FPGO's Laravel-style field rules. Each carries `:attribute` message templates
 * (laravel-messages.ts fills in the field name) and accepts what Laravel accepts: numeric strings for
 * numbers, 0/1 for booleans, an object map or a list for arrays, "" as absent for nullable strings.
 */
import { z } from 'zod';
import { parseMajorAmount, type MinorUnits } from '../kernel/money.js';
import { MESSAGES, maxLengthMessage } from './laravel-messages.js';

/** PostgreSQL text cannot hold U+0000; no field of FPGO's needs it. */
export const withoutNul = (value: string) => !value.includes('\0');
const NUL_MESSAGE = 'The :attribute field must not contain NUL characters.';

/** A required, non-empty string (Laravel's `required|string|max:N`). */
export function requiredString(max = 255) {
  return z
    .string({ error: MESSAGES.string })
    .trim()
    .min(1, { error: MESSAGES.required })
    .max(max, { error: maxLengthMessage(max) })
    .refine(withoutNul, { error: NUL_MESSAGE });
}

/** An optional string; absent, null and "" all mean "not given" (Laravel's `nullable|string`). */
export function optionalString(max = 255) {
  return z
    .string({ error: MESSAGES.string })
    .trim()
    .max(max, { error: maxLengthMessage(max) })
    .refine(withoutNul, { error: NUL_MESSAGE })
    .nullish()
    .transform((value) => (value ? value : null));
}

/** A string that must match `pattern` when given, with its own explanation. */
export function optionalPatternString(pattern: RegExp, message: string, max = 255) {
  return optionalString(max).refine((value) => value === null || pattern.test(value), { error: message });
}

export const DIALING_CODE = /^\+?\d{1,4}$/;
const DIALING_CODE_MESSAGE = 'The :attribute field must be a dialing code such as +47.';
export const withPlus = (code: string) => (code.startsWith('+') ? code : `+${code}`);

export const DIALING_CODE_MAX_LENGTH = 8;

/** A dialing code given as "+47" or "47", always read as "+47". */
export function dialingCode() {
  return requiredString(DIALING_CODE_MAX_LENGTH).regex(DIALING_CODE, { error: DIALING_CODE_MESSAGE }).transform(withPlus);
}

export function optionalDialingCode() {
  return optionalPatternString(DIALING_CODE, DIALING_CODE_MESSAGE, DIALING_CODE_MAX_LENGTH).transform((code) => code && withPlus(code));
}

export const EMAIL_MAX_LENGTH = 254;

export function email() {
  return z.email({ error: MESSAGES.email }).max(EMAIL_MAX_LENGTH, { error: maxLengthMessage(EMAIL_MAX_LENGTH) });
}

const MAX_URL_LENGTH = 2048;
const HTTP_URL_START = /^https?:\/\//i;
const TABS_AND_LINE_BREAKS = /[\t\n\r]/g;
const SPACE_OR_CONTROL = /[\x00-\x20\x7f-\x9f]/;
const URL_SPACE_MESSAGE = 'The :attribute field must be a valid URL without spaces or control characters (percent-encode them).';

/**
 * An absolute http(s) URL as it is kept — trimmed, `http(s)://` and then whatever the WHATWG parser
 * accepts, tabs and line breaks dropped as that parser drops them — and the message templates of
 * every rule it fails (none: it is valid).
 */
export function httpUrl(input: string): { value: string; problems: string[] } {
  const trimmed = input.trim();
  const readable = HTTP_URL_START.test(trimmed) && URL.canParse(trimmed);
  const value = readable ? trimmed.replace(TABS_AND_LINE_BREAKS, '') : input;
  const problems: string[] = readable ? [] : [MESSAGES.url];
  if (value.length > MAX_URL_LENGTH) problems.push(maxLengthMessage(MAX_URL_LENGTH));
  if (SPACE_OR_CONTROL.test(value)) problems.push(URL_SPACE_MESSAGE);
  return { value, problems };
}

/**
 * An absolute http(s) URL, optional; spaces and control characters (NUL, line breaks) have to be
 * percent-encoded. One check where zod's `z.url({ protocol: /^https?$/ })`, `.max(2048)` and a refinement
 * took three (a third of a create body's validation, for its three URLs), with the same outcome: the
 * value trimmed, `http(s)://` and then whatever the WHATWG parser accepts, tabs and line breaks
 * dropped as that parser drops them, and every rule that fails reported.
 */
export function optionalUrl() {
  return z
    .string({ error: MESSAGES.url })
    .check((payload) => {
      const { value, problems } = httpUrl(payload.value);
      payload.value = value;
      for (const message of problems) payload.issues.push({ code: 'custom', message, input: value });
    })
    .meta({ format: 'uri', maxLength: MAX_URL_LENGTH })
    .nullish()
    .transform((value) => value ?? null);
}

const BOOLEAN_INPUTS: readonly unknown[] = [true, false, 0, 1, '0', '1'];
export const isBooleanLike = (value: unknown): value is boolean | 0 | 1 | '0' | '1' => BOOLEAN_INPUTS.includes(value);
export const booleanOf = (value: boolean | 0 | 1 | '0' | '1') => value === true || value === 1 || value === '1';

/** Laravel's `boolean`: true, false, 1, 0, "1", "0". */
export function booleanLike() {
  return z.union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')], { error: MESSAGES.boolean }).transform(booleanOf);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: MESSAGES.in });
}

const numericInput = () => z.union([z.number(), z.string()], { error: MESSAGES.numeric });

/**
 * A money amount in major units (number or numeric string, at most 2 decimals), parsed to integer
 * minor units. `min: 'positive'` refuses 0 and below, `'zero'` refuses only negatives.
 */
export function amount(min: 'positive' | 'zero' = 'positive') {
  return numericInput().transform((value, ctx): MinorUnits => {
    const parsed = parseMajorAmount(value);
    if (!parsed.ok) {
      const template = { format: MESSAGES.numeric, decimals: MESSAGES.decimals, range: MESSAGES.tooLarge }[parsed.reason];
      ctx.addIssue({ code: 'custom', message: template });
      return z.NEVER;
    }
    if (min === 'positive' ? parsed.minor <= 0 : parsed.minor < 0) {
      ctx.addIssue({ code: 'custom', message: min === 'positive' ? MESSAGES.positive : MESSAGES.nonNegative });
      return z.NEVER;
    }
    return parsed.minor;
  });
}

/** A whole number given as a number or a digit string, that must be one of `allowed`. */
export function integerIn(allowed: readonly number[]) {
  return numericInput().transform((value, ctx) => {
    const number = wholeNumber(value);
    if (!allowed.includes(number)) {
      ctx.addIssue({ code: 'custom', message: MESSAGES.in });
      return z.NEVER;
    }
    return number;
  });
}

/** 12, 12.0, "12" and " 12.00 " are 12; anything else is NaN. */
export function wholeNumber(value: number | string): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  return /^\d+(\.0+)?$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
}

/** A positive whole number (ids), given as a number or a digit string. */
export function positiveInteger() {
  return numericInput().transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    if (!/^\d{1,15}$/.test(text) || Number(text) <= 0) {
      ctx.addIssue({ code: 'custom', message: MESSAGES.integer });
      return z.NEVER;
    }
    return Number(text);
  });
}

/**
 * Laravel's `array` of items: accepts a JSON list or an object map keyed "0", "1", … and yields
 * the items in order. Error paths keep the client's own keys (`products.0.tax`).
 */
export function itemMap<T extends z.ZodType>(item: T, max = 500) {
  return z
    .union([z.array(item), z.record(z.string(), item)], { error: MESSAGES.array })
    .transform((value, ctx): z.output<T>[] => {
      const items = Array.isArray(value) ? value : Object.values(value);
      if (items.length === 0) ctx.addIssue({ code: 'custom', message: MESSAGES.required });
      if (items.length > max) ctx.addIssue({ code: 'custom', message: `The :attribute field must not have more than ${max} items.` });
      return items;
    });
}

/**
 * A `when` guard for cross-field refinements: run them even if other fields failed (so all failures
 * are reported at once), but only when the object itself and the fields they read are valid.
 */
export function whenValid(...fields: string[]) {
  return {
    when: (payload: { issues: readonly { path?: PropertyKey[] }[] }) =>
      !payload.issues.some((issue) => {
        const path = issue.path ?? [];
        return path.length === 0 || fields.includes(String(path[0]));
      }),
  };
}
