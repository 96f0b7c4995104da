/**
 * The delivery worker's real retry spacing (CALLBACK_RETRY_SCHEDULE): against a receiver that keeps
 * failing, attempts are spaced by the schedule's waits (±10 % jitter, plus at most one poll of the
 * worker), and after the last one the callback is given up as failed — no further attempt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKEND } from './support/database.js';
import { exampleWith } from './support/fixtures.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { API } from './support/reservations.js';
import { startApp, type TestApp } from './support/test-app.js';

const SCHEDULE = [400, 800, 1_200];
/** The test app's worker looks for due callbacks every 200 ms; an attempt takes a few ms more. */
const POLL_SLACK_MS = 200 + 150;

describe(`callback retry spacing (${TEST_BACKEND})`, () => {
  let t: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver((_hit, _n, response) => {
      response.writeHead(503);
      response.end('down for maintenance');
    });
    t = await startApp({ callbackRetrySchedule: SCHEDULE });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('waits as the schedule says between attempts, then gives up after the last', { timeout: 20_000 }, async () => {
    const m = await t.merchant();
    const created = await m.api.post(`${API}/create`, exampleWith((b) => (b.callback = { callbackUrl: `${receiver.url}/down`, success: null, failure: null })));
    const uuid = created.json.data.reservationUuid as string;
    await m.api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' });

    const hits = await receiver.waitFor('/down', SCHEDULE.length + 1, 15_000);
    const gaps = hits.slice(1).map((hit, i) => hit.at - hits[i]!.at);
    for (const [i, wait] of SCHEDULE.entries()) {
      expect(gaps[i], `wait ${i + 1} of ${SCHEDULE.join(', ')} ms: ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(Math.floor(wait * 0.9));
      expect(gaps[i], `wait ${i + 1} of ${SCHEDULE.join(', ')} ms: ${gaps.join(', ')} ms`).toBeLessThanOrEqual(Math.ceil(wait * 1.1) + POLL_SLACK_MS);
    }
    await expect.poll(async () => (await m.api.get(`${API}/callbacks/${uuid}`)).json.data.callbacks[0].delivery, { timeout: 5_000 }).toBe('failed');
    expect(receiver.hitsFor('/down')).toHaveLength(SCHEDULE.length + 1);
  });
});
