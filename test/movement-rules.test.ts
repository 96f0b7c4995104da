/**
 * What each money movement asks of the gateway and leaves behind once approved (captureRules,
 * chargeRules, refundRules), and how a stored movement is planned again to resume or reconcile it
 * (planOf) — without HTTP or a database. The gateway is a recorder: these rules only shape its
 * requests, and the merchant sees the history events and callbacks they produce.
 */
import { describe, expect, it } from 'vitest';
import { captureRules } from '../src/reservations/capture-reservation.js';
import { chargeRules } from '../src/reservations/charge-reservation.js';
import type { PaymentGateway } from '../src/reservations/ports.js';
import { refundRules } from '../src/reservations/refund-reservation.js';
import {
  AUTHORIZATION_ID,
  capture,
  CARD_TOKEN,
  charge,
  chargeLine,
  CUSTOMER_EMAIL,
  fixedIds,
  LINE_1,
  MERCHANT_ID,
  refund,
  RESERVATION_UUID,
  reservedState,
} from './support/reservation-state.js';

const AT = Date.UTC(2025, 0, 14, 8, 0, 0);
const ACTOR = 'fpgo_test_ab12';
const CALLBACK_URL = 'https://shop.example/cb?order=7';

/** Records what it was asked and approves everything. */
function recordingGateway() {
  const asked: { call: string; request: unknown }[] = [];
  const approve = (call: string) => (request: unknown) => {
    asked.push({ call, request });
    return Promise.resolve({ outcome: 'approved' as const, gatewayId: `gw-${call}` });
  };
  const gateway = {
    authorize: approve('authorize'),
    capture: approve('capture'),
    charge: approve('charge'),
    refund: approve('refund'),
    void: approve('void'),
    lookup: approve('lookup'),
  } as unknown as PaymentGateway;
  return { gateway, asked };
}

const state = (callbackUrl: string | null = CALLBACK_URL) =>
  reservedState({
    reservation: { callbackUrl, paymentMethod: 'mastercard' },
    transactions: [capture('CAP1', { [LINE_1]: 30_000 }), charge('CHA1', {}, { amount: 8_000 }), charge('CHA2', {}, { amount: 500 })],
    chargeLines: [chargeLine(10, 'CHA1', 5_000, 'Minibar'), chargeLine(11, 'CHA1', 3_000, 'Parking'), chargeLine(12, 'CHA2', 500, 'Water')],
  });

const event = (title: string, extra: object) => ({
  merchantId: MERCHANT_ID,
  reservationUuid: RESERVATION_UUID,
  subjectUuid: RESERVATION_UUID,
  title,
  occurredAt: AT,
  sentTo: null,
  channel: null,
  actionBy: ACTOR,
  note: null,
  paymentMethod: 'mastercard',
  isRefundable: false,
  amount: null,
  ...extra,
});

const callback = (status: string, subjectUuid: string, amount: number) => ({
  webhookId: `msg_${'s'.repeat(15)}`,
  merchantId: MERCHANT_ID,
  reservationUuid: RESERVATION_UUID,
  subjectUuid,
  status,
  paymentMethod: 'mastercard',
  amount,
  orderCreatedAt: state().reservation.createdAt,
  url: CALLBACK_URL,
  createdAt: AT,
});

describe('a capture', () => {
  const rules = captureRules(fixedIds(), ACTOR);

  it('asks the gateway to take its amount from the authorization, under its own id, and looks it up by that id', async () => {
    const { gateway, asked } = recordingGateway();
    const planned = rules.planOf(state(), state().transactions[0]!);
    expect(planned).toEqual({ uuid: 'CAP1', amount: 30_000, authorizationId: AUTHORIZATION_ID, reservation: state().reservation });
    await rules.send(gateway, planned);
    expect(asked).toEqual([{ call: 'capture', request: { reference: 'CAP1', authorizationId: AUTHORIZATION_ID, amount: 30_000, currency: 'NOK' } }]);
    expect(rules.lookup(planned)).toEqual({ kind: 'capture', reference: 'CAP1', on: AUTHORIZATION_ID });
  });

  it('once approved: answers its id, writes a refundable history event and a CAPTURED callback', () => {
    const planned = rules.planOf(state(), state().transactions[0]!);
    expect(rules.settled(planned, AT, [])).toEqual({
      outcome: { ok: true, value: { uuid: 'CAP1' } },
      events: [event('amount-captured-from-reservation', { subjectUuid: 'CAP1', note: 'CAP1', isRefundable: true, amount: 30_000 })],
      callback: callback('CAPTURED', 'CAP1', 30_000),
    });
  });

  it('sends no callback for a reservation without a callbackUrl', () => {
    const s = state(null);
    expect(rules.settled(rules.planOf(s, s.transactions[0]!), AT, []).callback).toBeNull();
  });
});

describe('a charge', () => {
  const rules = chargeRules(fixedIds(), ACTOR);

  it('asks the gateway to charge the stored card, under its own id, and looks it up on that card', async () => {
    const { gateway, asked } = recordingGateway();
    const planned = rules.planOf(state(), state().transactions[1]!);
    expect(planned).toMatchObject({ uuid: 'CHA1', amount: 8_000, cardToken: CARD_TOKEN, customerEmail: CUSTOMER_EMAIL });
    expect(planned.lines.map((line) => line.id)).toEqual([10, 11]);
    await rules.send(gateway, planned);
    expect(asked).toEqual([{ call: 'charge', request: { reference: 'CHA1', cardToken: CARD_TOKEN, amount: 8_000, currency: 'NOK' } }]);
    expect(rules.lookup(planned)).toEqual({ kind: 'charge', reference: 'CHA1', on: CARD_TOKEN });
  });

  it('without a stored card any more, is planned with no card token (the gateway then refuses it)', () => {
    const s = { ...state(), card: null };
    expect(rules.planOf(s, s.transactions[1]!).cardToken).toBe('');
  });

  it('once approved: answers its id and its lines in kroner, a history event sent to the customer and a CHARGED callback', () => {
    const planned = rules.planOf(state(), state().transactions[1]!);
    expect(rules.settled(planned, AT, [])).toEqual({
      outcome: {
        ok: true,
        value: {
          uuid: 'CHA1',
          products: [
            { id: 10, name: 'Minibar', amount: 50 },
            { id: 11, name: 'Parking', amount: 30 },
          ],
        },
      },
      events: [event('amount-charged-from-card', { subjectUuid: 'CHA1', note: 'CHA1', sentTo: CUSTOMER_EMAIL, isRefundable: true, amount: 8_000 })],
      callback: callback('CHARGED', 'CHA1', 8_000),
    });
  });

  it('a new charge answers the lines the store just gave ids to', () => {
    const planned = { ...rules.planOf(state(), state().transactions[1]!), lines: [] };
    const added = [chargeLine(21, 'CHA1', 8_000, 'Late check-out')];
    expect(rules.settled(planned, AT, added).outcome).toEqual({ ok: true, value: { uuid: 'CHA1', products: [{ id: 21, name: 'Late check-out', amount: 80 }] } });
  });
});

describe('a refund', () => {
  const rules = refundRules(ACTOR);
  const withRefunds = () => {
    const s = state();
    return { ...s, transactions: [...s.transactions, refund('REF1', 'CAP1', 'captured', { [LINE_1]: 1_000 }), refund('REF2', 'CHA1', 'charged', { 10: 2_000 })] };
  };

  it('asks the gateway to return its amount of the payment it refunds, by the gateway id of that payment', async () => {
    const { gateway, asked } = recordingGateway();
    const s = withRefunds();
    const planned = rules.planOf(s, s.transactions[3]!);
    expect(planned).toEqual({ uuid: 'REF1', amount: 1_000, of: s.transactions[0], source: 'captured', reservation: s.reservation });
    await rules.send(gateway, planned);
    expect(asked).toEqual([{ call: 'refund', request: { reference: 'REF1', paymentId: 'gw-CAP1', amount: 1_000, currency: 'NOK' } }]);
    expect(rules.lookup(planned)).toEqual({ kind: 'refund', reference: 'REF1', on: 'gw-CAP1' });
  });

  it('of a capture, once approved: one history event naming the capture, and no callback', () => {
    const s = withRefunds();
    expect(rules.settled(rules.planOf(s, s.transactions[3]!), AT, [])).toEqual({
      outcome: { ok: true, value: null },
      events: [event('refund-sent-from-captured', { note: 'CAP1', amount: 1_000 })],
    });
  });

  it('of a charge, once approved: the charged refund event and a refund-sent event on the charge', () => {
    const s = withRefunds();
    const planned = rules.planOf(s, s.transactions[4]!);
    expect(planned.source).toBe('charged');
    expect(rules.settled(planned, AT, [])).toEqual({
      outcome: { ok: true, value: null },
      events: [event('refund-sent-from-charged', { note: 'CHA1', amount: 2_000 }), event('refund-sent', { subjectUuid: 'CHA1', amount: 2_000 })],
    });
  });

  it('stored without a source (older rows), is planned as a refund of a capture', () => {
    const s = withRefunds();
    const old = { ...s.transactions[3]!, source: null };
    expect(rules.planOf({ ...s, transactions: [...s.transactions, old] }, old).source).toBe('captured');
  });
});
