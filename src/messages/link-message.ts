/**
 * The payment link as an email (a subject, a text part and an HTML part) and as an SMS, rendered
 * from the catalogue in the customer's language. Every merchant- or customer-supplied string is
 * escaped in the HTML (kernel/html.ts); amounts are formatted from minor units (kernel/money.ts).
 */
import { html } from '../kernel/html.js';
import { formatCurrency, type MinorUnits } from '../kernel/money.js';
import { formatDate } from '../kernel/time-zones.js';
import type { Language } from '../reservations/reservation.js';
import { messagesFor } from './catalogue.js';
import { smsSize, toGsm7 } from './sms-segments.js';

/** What a payment-link message says. */
export interface LinkMessageContent {
  language: Language;
  merchant: { name: string; timeZone: string };
  customerName: string;
  currency: string;
  lines: readonly { name: string; quantity: number; amount: MinorUnits }[];
  grandTotal: MinorUnits;
  dueDate: number;
  paymentUrl: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Most segments an SMS may cost. */
export const MAX_SMS_SEGMENTS = 2;

export function linkEmail(content: LinkMessageContent): RenderedEmail {
  const { email: t, checkout } = messagesFor(content.language);
  const money = (minor: MinorUnits) => formatCurrency(minor, content.currency, checkout.locale);
  const merchant = content.merchant.name;
  const total = money(content.grandTotal);
  const due = t.dueDate(formatDate(content.dueDate, content.merchant.timeZone));
  const text = [
    t.greeting(content.customerName),
    '',
    t.intro(merchant, total),
    '',
    ...content.lines.map((line) => `${line.quantity} × ${line.name}: ${money(line.amount)}`),
    `${t.total}: ${total}`,
    '',
    due,
    '',
    `${t.pay}: ${content.paymentUrl}`,
    '',
    t.footer(merchant),
  ].join('\n');
  const body = html`<!doctype html>
<html lang="${content.language}"><head><meta charset="utf-8"><title>${t.subject(merchant)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:1rem">
<p>${t.greeting(content.customerName)}</p>
<p>${t.intro(merchant, total)}</p>
<table style="width:100%;border-collapse:collapse">
<thead><tr><th style="text-align:left">${t.product}</th><th style="text-align:right">${t.quantity}</th><th style="text-align:right">${t.amount}</th></tr></thead>
<tbody>${content.lines.map((line) => html`<tr><td>${line.name}</td><td style="text-align:right">${line.quantity}</td><td style="text-align:right">${money(line.amount)}</td></tr>`)}</tbody>
<tfoot><tr><th style="text-align:left" colspan="2">${t.total}</th><th style="text-align:right">${total}</th></tr></tfoot>
</table>
<p><strong>${due}</strong></p>
<p><a href="${content.paymentUrl}" style="display:inline-block;background:#0b5;color:#fff;padding:.75rem 1.5rem;border-radius:.375rem;text-decoration:none">${t.pay}</a></p>
<p>${t.linkInstead}<br><a href="${content.paymentUrl}">${content.paymentUrl}</a></p>
<p style="color:#555;font-size:.875rem">${t.footer(merchant)}</p>
</body></html>`;
  return { subject: t.subject(merchant), text, html: body.text };
}

/**
 * The SMS: GSM-7 throughout, and within two segments — a merchant name too long for that is cut,
 * never the link.
 */
export function linkSms(content: LinkMessageContent): string {
  const { sms, checkout } = messagesFor(content.language);
  const total = toGsm7(formatCurrency(content.grandTotal, content.currency, checkout.locale));
  const due = formatDate(content.dueDate, content.merchant.timeZone);
  const merchant = toGsm7(content.merchant.name).trim();
  const render = (name: string) => sms.link(name, total, due, content.paymentUrl);
  for (let length = merchant.length; length > 0; length--) {
    const text = render(merchant.slice(0, length).trim());
    if (smsSize(text).segments <= MAX_SMS_SEGMENTS) return text;
  }
  return render('');
}
