/** A reservation's page, and its actions: each form is confirmed first, then run once under its key. */
// @ts-nocheck

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatCurrency } from '../kernel/money.js';
import { merchantNow, type Merchant } from '../reservations/merchant.js';
import { gatewayOf } from '../reservations/no-gateway.js';
import type { Failure } from '../reservations/outcome.js';
import { confirmPage } from './action-forms.js';
import { newFormKey } from './keyed-action.js';
import { messagePage } from './layout.js';
import { confirmationDetails, isAction, runAction, type ActionDependencies } from './reservation-actions.js';
import { reservationPage } from './reservation-page.js';
import { contextOf, formFields, sendPage, type DashboardDependencies } from './replies.js';

type Params = { uuid: string };
type ActionParams = Params & { action: string };

export function reservationRoutes(deps: DashboardDependencies) {
  const keys = { idempotency: deps.idempotency, clock: deps.clock, ttlMs: deps.settings.idempotencyTtlMs, lockTimeoutMs: deps.settings.idempotencyLockTimeoutMs };
  /** The operations of the API, with the gateway that serves this merchant. */
  const actionDeps = (merchant: Merchant): ActionDependencies => ({ ...deps, gateway: gatewayOf(deps.gateways, merchant), keys });

  async function show(request: FastifyRequest, reply: FastifyReply, uuid: string, status: number, extra: { notice?: string; refusal?: { formId: string; failure: Failure; values: Record<string, string> } }) {
    const { merchant } = request.dashboardUser!;
    const context = contextOf(request);
    const [state, events, callbacks] = await Promise.all([
      deps.lifecycle.load(merchant.id, uuid),
      deps.search.events(merchant.id, uuid),
      deps.callbacks.listForReservation(merchant.id, uuid),
    ]);
    if (!state) return sendPage(reply, 404, messagePage(context, context.t.notFoundTitle, context.t.notFound));
    const view = { context, merchant, state, events, callbacks: callbacks ?? [], now: merchantNow(deps.clock, merchant), notice: extra.notice, forms: { newKey: () => newFormKey(deps.ids), refusal: extra.refusal } };
    return sendPage(reply, status, reservationPage(view));
  }

  return async function routes(app: FastifyInstance): Promise<void> {
    app.get<{ Params: Params; Querystring: { done?: string } }>('/reservations/:uuid', { schema: { hide: true } }, async (request, reply) => {
      const done = request.query.done;
      const notice = done && isAction(done) ? contextOf(request).t.done[done] : undefined;
      return show(request, reply, request.params.uuid, 200, { notice });
    });

    app.post<{ Params: ActionParams }>('/reservations/:uuid/:action', { schema: { hide: true } }, async (request, reply) => {
      const { uuid, action } = request.params;
      const context = contextOf(request);
      const { merchant, user } = request.dashboardUser!;
      if (!isAction(action)) return sendPage(reply, 404, messagePage(context, context.t.notFoundTitle, context.t.notFound));
      const form = formFields(request.body);

      if (form.confirmed !== 'yes') {
        const state = await deps.lifecycle.load(merchant.id, uuid);
        if (!state) return sendPage(reply, 404, messagePage(context, context.t.notFoundTitle, context.t.notFound));
        const money = (minor: number) => formatCurrency(minor, state.reservation.currency, context.t.locale);
        const { amount, details } = confirmationDetails(action, form, state, money, context.t);
        const { _csrf: _ignored, ...fields } = form;
        return sendPage(reply, 200, confirmPage(context, { uuid, action, question: context.t.confirmQuestion[action](uuid, amount), details, form: fields }));
      }

      const result = await runAction(actionDeps(merchant), { merchant, email: user.email }, uuid, action, form);
      if (result.kind === 'in-progress') return sendPage(reply, 409, messagePage(context, context.t.formRefusedTitle, context.t.inProgress));
      if (result.kind === 'reused') return sendPage(reply, 422, messagePage(context, context.t.formRefusedTitle, context.t.keyReused));
      if (result.kind === 'invalid-key') return sendPage(reply, 400, messagePage(context, context.t.formRefusedTitle, context.t.formExpired));
      if (result.outcome.ok) return reply.redirect(`/dashboard/reservations/${encodeURIComponent(uuid)}?done=${action}`, 303);
      const { _csrf: _token, confirmed: _confirmed, idempotencyKey: _key, ...values } = form;
      return show(request, reply, uuid, 400, { refusal: { formId: form.formId ?? action, failure: result.outcome, values } });
    });
  };
}
