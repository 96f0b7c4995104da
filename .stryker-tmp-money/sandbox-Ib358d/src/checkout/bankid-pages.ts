/**
 * The pages around a BankID login: the step a secureDetails order shows before it (nothing of the
 * order but the merchant's name), the refusals, and the built-in test provider's login page. Like
 * the rest of the checkout they work without JavaScript, with the keyboard and on a 360 px phone.
 */
// @ts-nocheck

import type { Language } from '../reservations/reservation.js';
import { VERIFICATION_MS } from '../reservations/secure-details.js';
import { BANKID_TEXTS, LOGIN_LOST_TEXTS, type LoginRefusal } from './bankid-texts.js';
import { html } from '../kernel/html.js';
import { layout } from './pages.js';
import { TEXTS } from './translations.js';

/** Where a login starts: below the payment link, so the link's token says which reservation. */
export const loginStartUrl = (paymentPath: string): string => `${paymentPath}/bankid`;

export interface IdentityView {
  merchantName: string;
  language: Language;
  /** The payment link's path, /checkout/{token}. */
  paymentPath: string;
}

const header = (view: IdentityView, title: string) =>
  html`<header class="merchant"><p class="eyebrow">${TEXTS[view.language].reservationAt(view.merchantName)}</p><h1>${title}</h1></header>`;

export function identityStepPage(view: IdentityView): string {
  const t = BANKID_TEXTS[view.language];
  const body = html`${header(view, t.stepTitle)}
<section class="notice identity-step">
<p>${t.stepIntro(view.merchantName)}</p>
<p>${t.stepPrivacy(VERIFICATION_MS / 60_000)}</p>
<a class="bankid-button" href="${loginStartUrl(view.paymentPath)}">${t.continueWithBankId}</a>
</section>`;
  return layout(view.language, `${t.stepTitle} – ${view.merchantName}`, body);
}

/** A login that did not open the order; `view` is unknown when the login itself was not found. */
export function loginRefusedPage(view: IdentityView | undefined, refusal: LoginRefusal): string {
  if (!view) {
    const title = BANKID_TEXTS.en.refusedTitle.expired;
    const body = html`<header class="merchant"><h1>${title}</h1></header>
<section class="notice">${Object.entries(LOGIN_LOST_TEXTS).map(([language, text]) => html`<p lang="${language === 'no' ? 'nb' : language}">${text}</p>`)}</section>`;
    return layout('en', title, body);
  }
  const t = BANKID_TEXTS[view.language];
  const title = t.refusedTitle[refusal];
  const body = html`${header(view, title)}
<section class="notice notice-${refusal}">
<p>${t.refused[refusal](view.merchantName)}</p>
<a class="bankid-button" href="${loginStartUrl(view.paymentPath)}">${t.tryAgain}</a>
</section>`;
  return layout(view.language, `${title} – ${view.merchantName}`, body);
}

export interface TestLoginState {
  language: Language;
  state: string;
  action: string;
  /** What was typed, shown again with the problem when it was not 11 digits. */
  typed?: string;
  invalid?: boolean;
}

export function testLoginPage(page: TestLoginState): string {
  const t = BANKID_TEXTS[page.language];
  const describedBy = page.invalid ? 'nationalId-hint nationalId-error' : 'nationalId-hint';
  const body = html`<header class="merchant"><h1>${t.testTitle}</h1></header>
<p class="test-banner" role="note">${t.testBanner}</p>
<section>
<form method="post" action="${page.action}" novalidate>
<input type="hidden" name="state" value="${page.state}">
<div class="field${page.invalid ? ' invalid' : ''}">
<label for="nationalId">${t.testNationalId}</label>
<span class="hint" id="nationalId-hint">${t.testNationalIdHint}</span>
<input id="nationalId" name="nationalId" type="text" inputmode="numeric" autocomplete="off" maxlength="11" value="${page.typed ?? ''}" aria-describedby="${describedBy}"${page.invalid ? html` aria-invalid="true"` : ''}>
<p class="error" id="nationalId-error"${page.invalid ? '' : ' hidden'}>${t.testNationalIdInvalid}</p>
</div>
<button type="submit" class="pay-button" name="action" value="login">${t.testLogIn}</button>
<button type="submit" class="secondary-button" name="action" value="cancel">${t.testCancel}</button>
</form>
</section>`;
  return layout(page.language, t.testTitle, body);
}
