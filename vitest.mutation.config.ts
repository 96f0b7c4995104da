/**
 * The test run Stryker uses for mutation testing (`npm run mutation`, stryker.config.mjs).
 *
 * Every surviving mutant re-runs every test that reaches it, so this run holds the tests that check the
 * rules of src/reservations/ and src/callbacks/ and stay fast: the pure decide*, ledger, money and
 * callback-rule tests, and the in-process HTTP tests of the lifecycle, creation, checkout payment,
 * idempotency and callback delivery. Left out: Chromium tests and tests built around `bin/fpgo.mjs`
 * as a child process (a child runs the compiled dist/, never Stryker's mutated src/; `npm run mutation`
 * builds dist/ once first, instead of a globalSetup), and the slow HTTP suites whose subject lies elsewhere (dashboard, hostile input,
 * bounds, concurrency, checkout pages). SQLite only: the rules do not depend on the database, and
 * the full `npm test` runs on PostgreSQL too.
 *
 * `isolate: false` lets the test files share one module graph, so a mutant run does not re-import
 * Fastify, Kysely and fpgo for every file; Stryker's mutation switching reads the active mutant at
 * call time, so shared modules still see each mutant (static mutants, which need a fresh import,
 * are skipped: stryker.config.mjs `ignoreStatic`).
 */
import { configDefaults, defineConfig } from 'vitest/config';

const UNIT = [
  'decide-capture',
  'decide-charge',
  'decide-close',
  'decide-ledger',
  'decide-refund',
  'decide-resend',
  'movement-rules',
  'money',
  'allocation',
  'cards',
  'create-request',
  'callback-delivery-rules',
  'callback-signature',
  'dates',
  'redirect',
  'laravel-messages',
  'test-gateway',
  'pay-reservation',
  'secure-details',
  'ledger-property',
  'outbox-worker',
  'delivery-worker',
  'merchant-rules',
  'ledger-export-rules',
  'details-view',
  'notification-rules',
  'reconcile-rules',
  'close-void',
  'movement-resume',
];

const IN_PROCESS_HTTP = [
  'lifecycle',
  'create-reservation',
  'details',
  'fresh-ids',
  'checkout-payment',
  'idempotency',
  'ledger-export',
  'callback-ordering',
  'callbacks-hardening',
  // Its one CLI test (`fpgo callbacks verify`) runs the dist/ built before the run: it sees no mutant, but passes.
  'callbacks',
  // Gateway outcomes, pending movements and the reconciler; two of its tests run `fpgo merchant create` and `fpgo reconcile`.
  'gateways',
  // Identity verification against the built-in BankID test provider (no browser).
  'bankid-test-provider',
  // The history and test clock endpoints, the notification log (a real SMTP sink), and the link sweeper.
  'history-and-clock',
  'notifications',
  'sweeper',
];

/**
 * MUTATION_SUITE narrows the run to one folder's own tests, for a quick look at that folder (see README
 * "Testing"): `reservations` — everything above that reaches src/reservations/ (no callback delivery
 * internals), the run that gives that folder's score; `callbacks` — the callback rules, signatures, sender and delivery; `money` — the pure
 * capture/charge/refund/close/ledger/allocation rules, without HTTP. Unset: everything above.
 */
const SUITES: Record<string, string[]> = {
  callbacks: ['callback-delivery-rules', 'callback-signature', 'outbox-worker', 'delivery-worker', 'callbacks', 'callbacks-hardening', 'callback-ordering'],
  reservations: [
    'decide-capture', 'decide-charge', 'decide-close', 'decide-ledger', 'decide-refund', 'decide-resend', 'movement-rules',
    'money', 'allocation', 'cards', 'create-request', 'dates', 'redirect', 'laravel-messages', 'test-gateway', 'pay-reservation',
    'secure-details', 'ledger-property', 'merchant-rules', 'ledger-export-rules', 'details-view',
    'notification-rules', 'reconcile-rules', 'close-void', 'movement-resume',
    'lifecycle', 'create-reservation', 'details',
    'fresh-ids', 'checkout-payment', 'idempotency', 'ledger-export', 'gateways', 'bankid-test-provider', 'history-and-clock',
    'notifications', 'sweeper', 'callbacks',
  ],
  money: ['decide-capture', 'decide-charge', 'decide-close', 'decide-ledger', 'decide-refund', 'movement-rules', 'money', 'allocation', 'ledger-property'],
};
const suite = process.env.MUTATION_SUITE;
if (suite !== undefined && !(suite in SUITES)) throw new Error(`MUTATION_SUITE must be one of ${Object.keys(SUITES).join(', ')}`);
const files = suite === undefined ? [...UNIT, ...IN_PROCESS_HTTP] : SUITES[suite]!;

export default defineConfig({
  test: {
    include: files.map((name) => `test/${name}.test.ts`),
    exclude: [...configDefaults.exclude, 'dist/**'],
    env: { TEST_DATABASE_URL: '' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'threads',
    isolate: false,
  },
});
