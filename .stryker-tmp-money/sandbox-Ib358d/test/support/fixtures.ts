// @ts-nocheck
import { readFileSync } from 'node:fs';

const PRIMARY_EXAMPLE = readFileSync(new URL('../fixtures/primary-page-example.json', import.meta.url), 'utf8');

/** Front Payment's own example payload, unchanged but for a due date `daysAhead` days from `now`. */
export function primaryExample(options: { now?: number; daysAhead?: number } = {}): Record<string, any> {
  const body = JSON.parse(PRIMARY_EXAMPLE);
  const now = options.now ?? Date.now();
  body.dueDateForPaymentLink = String(Math.floor(now / 1000) + (options.daysAhead ?? 7) * 86400);
  return body;
}

/** The example with a change applied. */
export function exampleWith(change: (body: Record<string, any>) => void, options?: { now?: number }): Record<string, any> {
  const body = primaryExample(options);
  change(body);
  return body;
}
