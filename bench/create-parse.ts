/**
 * CPU per Create Session body on the request thread, in process: the JSON body parser (as the
 * content-type parser runs it), then reading the body as createReservation reads it (the plain
 * reading of read-create-request.ts), and for comparison the zod schema of the merchant's today
 * alone, which reads every body that is not in its plain form. The primary page's example; no
 * server, no database.
 *
 *   npx tsx bench/create-parse.ts            # N=50000 calls per round, ROUNDS=5
 *
 * Each figure is this process's CPU time (not wall time, so what the scheduler gives other processes
 * on a shared machine does not count) per call, the fastest of the rounds. To compare two commits,
 * run it in a checkout of each, alternating, several times.
 */
import { parseJsonBody } from '../src/http/json-body.js';
import { DEFAULT_TIME_ZONE, localDate } from '../src/kernel/time-zones.js';
import { reservationRequestSchema } from '../src/reservations/create-request.js';
import { readReservationRequest } from '../src/reservations/read-create-request.js';
import { validate, type Validated } from '../src/validation/validate.js';
import { tuneRuntime } from '../src/cli/runtime-tuning.js';
import { exampleBody } from './support.js';

// The V8 settings `fpgo start` runs with (src/cli/runtime-tuning.ts), before anything is measured.
tuneRuntime();

const N = Number(process.env.N ?? 50_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const raw = Buffer.from(exampleBody());
const parsed = parseJsonBody(raw);

const today = () => ({ timeZone: DEFAULT_TIME_ZONE, today: localDate(Date.now(), DEFAULT_TIME_ZONE) });

function valueOf(result: Validated<unknown>): unknown {
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value;
}
const read = (input: unknown) => valueOf(readReservationRequest('create', today(), input));
const validated = (input: unknown) => valueOf(validate(reservationRequestSchema('create', today()), input));

/** CPU µs per call of `run`, the fastest of ROUNDS rounds of N calls. */
function cpuMicroseconds(run: () => unknown): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < N; i++) run();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / N);
  }
  return Math.min(...rounds);
}

for (let i = 0; i < 20_000; i++) {
  read(parseJsonBody(raw));
  validated(parseJsonBody(raw));
}
const figures = {
  parse: cpuMicroseconds(() => parseJsonBody(raw)),
  read: cpuMicroseconds(() => read(parsed)),
  'zod schema alone': cpuMicroseconds(() => validated(parsed)),
  'parse + read': cpuMicroseconds(() => read(parseJsonBody(raw))),
};
console.log(Object.entries(figures).map(([what, us]) => `${what} ${us.toFixed(2)} µs`).join(', '), `(per request, ${ROUNDS} × ${N})`);
