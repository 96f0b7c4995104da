/** The Developers page and its forms; admins only. */
// @ts-nocheck

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../kernel/time-zones.js';
import { MAX_GRACE_MS, rotateCallbackSecret } from '../merchants/callback-secret.js';
import { createApiToken, revokeMerchantToken } from '../merchants/merchant-admin.js';
import { advanceTestClock, testClockView } from '../merchants/test-clock.js';
import { gatewayOf } from '../reservations/no-gateway.js';
import { payInTestMode } from '../reservations/test-payment.js';
import { developersPage, type DevelopersView } from './developers-page.js';
import { contextOf, formFields, sendPage, type DashboardDependencies } from './replies.js';

const UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86_400 } as const;

export function developerRoutes(deps: DashboardDependencies) {
  async function show(request: FastifyRequest, reply: FastifyReply, status: number, notice?: DevelopersView['notice']) {
    const signedIn = request.dashboardUser!;
    // The merchant as stored now: a form may just have changed its secret or clock.
    const merchant = (await deps.merchants.findById(signedIn.merchant.id)) ?? signedIn.merchant;
    const [tokens, previous] = await Promise.all([deps.merchants.listTokens(merchant.id), deps.merchants.previousCallbackSecret(merchant.id, deps.clock.now())]);
    const view: DevelopersView = {
      context: contextOf(request),
      merchant,
      tokens,
      previousSecretUntil: previous?.until ?? null,
      clock: merchant.mode === 'test' ? testClockView(deps.clock, merchant) : null,
      notice,
    };
    return sendPage(reply, status, developersPage(view));
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    const admins = { schema: { hide: true }, config: { dashboardRole: 'admin' as const } };
    const t = (request: FastifyRequest) => contextOf(request).t;
    const merchantOf = (request: FastifyRequest) => request.dashboardUser!.merchant;

    app.get('/developers', admins, (request, reply) => show(request, reply, 200));

    app.post('/developers/tokens', admins, async (request, reply) => {
      const issued = await createApiToken(deps, merchantOf(request).id);
      return show(request, reply, 200, { text: t(request).newTokenShownOnce, secret: issued?.apiToken ?? '' });
    });

    app.post<{ Params: { id: string } }>('/developers/tokens/:id/revoke', admins, async (request, reply) => {
      const prefix = await revokeMerchantToken(deps, merchantOf(request).id, Number(request.params.id));
      if (prefix === undefined) return show(request, reply, 404, { text: t(request).notFound, alert: true });
      return show(request, reply, 200, { text: t(request).tokenRevoked(prefix) });
    });

    app.post('/developers/callback-secret', admins, async (request, reply) => {
      const seconds = Number(formFields(request.body).graceSeconds);
      const graceMs = Number.isInteger(seconds) && seconds >= 0 && seconds * 1000 <= MAX_GRACE_MS ? seconds * 1000 : 0;
      const rotated = await rotateCallbackSecret(deps, merchantOf(request).id, graceMs);
      const texts = t(request);
      const until = rotated && rotated.previousUntil > deps.clock.now() ? ` ${texts.previousSecretUntil(formatDateTime(rotated.previousUntil, merchantOf(request).timeZone))}` : '';
      return show(request, reply, 200, { text: `${texts.newSecretShown}${until}`, secret: rotated?.secret ?? '' });
    });

    app.post('/developers/test-clock', admins, async (request, reply) => {
      const merchant = merchantOf(request);
      if (merchant.mode !== 'test') return reply.callNotFound();
      const form = formFields(request.body);
      const unit = UNIT_SECONDS[form.unit as keyof typeof UNIT_SECONDS] ?? 0;
      const amount = /^\d{1,6}$/.test((form.amount ?? '').trim()) ? Number(form.amount) : Number.NaN;
      const outcome = await advanceTestClock(deps, merchant, { advanceSeconds: amount * unit });
      const texts = t(request);
      if (!outcome.ok) return show(request, reply, 400, { text: `${texts.refused}: ${texts.failures[outcome.key]}`, alert: true, errors: outcome.errors });
      return show(request, reply, 200, { text: texts.clockAdvanced(formatDateTime(outcome.value.now * 1000, merchant.timeZone)) });
    });

    app.post('/developers/test-payment', admins, async (request, reply) => {
      const merchant = merchantOf(request);
      if (merchant.mode !== 'test') return reply.callNotFound();
      const form = formFields(request.body);
      const uuid = (form.reservationUuid ?? '').trim();
      const outcome = await payInTestMode({ ...deps, gateway: gatewayOf(deps.gateways, merchant) }, merchant, uuid, { cardNumber: form.cardNumber ?? '' });
      const texts = t(request);
      if (!outcome.ok) return show(request, reply, 400, { text: `${texts.refused}: ${texts.failures[outcome.key]}`, alert: true, errors: outcome.errors });
      return show(request, reply, 200, { text: texts.paidWithTestCard(uuid) });
    });
  };
}
