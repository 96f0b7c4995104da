/** The Developers page (admins): API tokens, the callback secret and, for test merchants, test mode. */
// @ts-nocheck

import { html, type Html } from '../kernel/html.js';
import { formatDateTime } from '../kernel/time-zones.js';
import type { TestClockView } from '../merchants/test-clock.js';
import type { Merchant } from '../reservations/merchant.js';
import type { TokenRecord } from '../reservations/ports.js';
import { csrfField, page, type PageContext } from './layout.js';

export interface DevelopersView {
  context: PageContext;
  merchant: Merchant;
  tokens: TokenRecord[];
  previousSecretUntil: number | null;
  clock: TestClockView | null;
  /** A secret shown once (a new token or callback secret), or the outcome of the last form. */
  notice?: { text: string; secret?: string; alert?: boolean; errors?: string[] } | undefined;
}

const GRACE_OPTIONS = [
  ['0', 'none'],
  ['3600', 'hour'],
  ['86400', 'day'],
  ['604800', 'week'],
] as const;

function notice(view: DevelopersView): Html {
  const n = view.notice;
  if (!n) return html``;
  return html`<div class="${n.alert ? 'alert' : 'notice'}" role="${n.alert ? 'alert' : 'status'}"><p>${n.text}</p>${n.secret ? html`<p><code class="secret" id="shown-secret">${n.secret}</code></p>` : ''}${
    n.errors?.length ? html`<ul>${n.errors.map((e) => html`<li>${e}</li>`)}</ul>` : ''
  }</div>`;
}

function tokens(view: DevelopersView): Html {
  const { t } = view.context;
  const when = (instant: number) => formatDateTime(instant, view.merchant.timeZone);
  return html`<section aria-labelledby="tokens-title"><h2 id="tokens-title">${t.tokens}</h2>
<table class="stack"><thead><tr><th scope="col">${t.tokenPrefix}</th><th scope="col">${t.created}</th><th scope="col">${t.status}</th><th scope="col"><span class="visually-hidden">${t.actions}</span></th></tr></thead>
<tbody>${view.tokens.map(
    (token) => html`<tr><th scope="row"><code>${token.prefix}…</code></th><td data-label="${t.created}">${when(token.createdAt)}</td><td data-label="${t.status}">${token.revokedAt === null ? t.active : `${t.revoked} ${when(token.revokedAt)}`}</td><td>${
      token.revokedAt === null
        ? html`<form method="post" action="/dashboard/developers/tokens/${token.id}/revoke">${csrfField(view.context)}<button type="submit" class="secondary" aria-label="${t.revoke} ${token.prefix}…">${t.revoke}</button></form>`
        : ''
    }</td></tr>`,
  )}</tbody></table>
<form method="post" action="/dashboard/developers/tokens">${csrfField(view.context)}<button type="submit">${t.createToken}</button></form></section>`;
}

function secret(view: DevelopersView): Html {
  const { t } = view.context;
  return html`<section aria-labelledby="secret-title"><h2 id="secret-title">${t.callbackSecret}</h2><p>${t.callbackSecretHelp}</p>
<details><summary>${t.reveal}</summary><p><code class="secret">${view.merchant.callbackSecret}</code></p></details>
${view.previousSecretUntil !== null ? html`<p>${t.previousSecretUntil(formatDateTime(view.previousSecretUntil, view.merchant.timeZone))}</p>` : ''}
<form method="post" action="/dashboard/developers/callback-secret">${csrfField(view.context)}
<div class="field"><label for="grace">${t.grace}</label><select id="grace" name="graceSeconds">${GRACE_OPTIONS.map(
    ([seconds, name]) => html`<option value="${seconds}"${name === 'day' ? ' selected' : ''}>${t.graceOptions[name]}</option>`,
  )}</select></div>
<button type="submit">${t.rotateSecret}</button></form></section>`;
}

function testMode(view: DevelopersView): Html {
  const { t } = view.context;
  if (!view.clock) return html``;
  const hours = Math.floor(view.clock.offsetSeconds / 3600);
  const offset = `${hours} h ${Math.floor((view.clock.offsetSeconds % 3600) / 60)} min`;
  return html`<section aria-labelledby="test-title"><h2 id="test-title">${t.testMode}</h2>
<h3>${t.testClock}</h3><p id="test-clock">${t.merchantTime(formatDateTime(view.clock.now * 1000, view.merchant.timeZone), offset)}</p>
<form method="post" action="/dashboard/developers/test-clock" class="inline">${csrfField(view.context)}
<div class="field"><label for="advance-amount">${t.advanceBy}</label><input id="advance-amount" name="amount" type="text" inputmode="numeric" value="1" required></div>
<div class="field"><label for="advance-unit">${t.unit}</label><select id="advance-unit" name="unit">${(['minutes', 'hours', 'days'] as const).map(
    (unit) => html`<option value="${unit}"${unit === 'days' ? ' selected' : ''}>${t.units[unit]}</option>`,
  )}</select></div>
<button type="submit">${t.advanceClock}</button></form>
<h3>${t.payWithTestCard}</h3>
<form method="post" action="/dashboard/developers/test-payment" class="inline">${csrfField(view.context)}
<div class="field"><label for="pay-reservation">${t.reservation}</label><input id="pay-reservation" name="reservationUuid" type="text" placeholder="RES…" required></div>
<div class="field"><label for="pay-card">${t.testCard}</label><select id="pay-card" name="cardNumber">${Object.entries(t.testCards).map(
    ([number, label]) => html`<option value="${number}">${label}</option>`,
  )}</select></div>
<button type="submit">${t.payWithTestCard}</button></form></section>`;
}

export function developersPage(view: DevelopersView): string {
  const { t } = view.context;
  const body = html`<h1>${t.developers}</h1>${notice(view)}${tokens(view)}${secret(view)}${testMode(view)}`;
  return page(view.context, { title: t.developers, section: 'developers', body });
}
