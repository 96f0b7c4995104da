/**
 * `/dev/outbox`: the development outbox, where test merchants' payment-link messages go when
 * SMTP_URL or SMS_WEBHOOK_URL is not set (the default of `npm start`) — a list of the latest, and
 * each message rendered as the customer would see it. It holds test merchants' messages only.
 */
import type { FastifyInstance } from 'fastify';
import { html, type Html } from '../kernel/html.js';
import { formatDateTime } from '../kernel/time-zones.js';
import type { DevOutbox } from '../reservations/ports.js';

const LISTED = 100;

export function devOutboxRoutes(deps: { outbox: Pick<DevOutbox, 'latest' | 'find'> }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    app.get('/dev/outbox', { schema: { hide: true } }, async (_request, reply) => {
      const messages = await deps.outbox.latest(LISTED);
      const rows = messages.map(
        (m) => html`<tr><td>${formatDateTime(m.createdAt, 'UTC')}</td><td>${m.channel}</td><td>${m.to}</td><td><a href="/dev/outbox/${encodeURIComponent(m.messageId)}">${m.subject ?? m.text.slice(0, 60)}</a></td><td>${m.reservationUuid}</td></tr>`,
      );
      const body = messages.length
        ? html`<table><thead><tr><th>Kept (UTC)</th><th>Channel</th><th>To</th><th>Message</th><th>Reservation</th></tr></thead><tbody>${rows}</tbody></table>`
        : html`<p>No messages yet. Submit a reservation with <code>sendOrderBy.email</code> or <code>sendOrderBy.sms</code> true as a test merchant.</p>`;
      return sendPage(reply, 'Development outbox', body);
    });
    app.get<{ Params: { id: string } }>('/dev/outbox/:id', { schema: { hide: true } }, async (request, reply) => {
      const m = await deps.outbox.find(request.params.id);
      if (!m) return reply.code(404).type('text/html; charset=utf-8').send(page('Not found', html`<p>No such message. <a href="/dev/outbox">Back to the outbox</a></p>`).text);
      const rendered = m.html
        ? html`<iframe title="The email as HTML" sandbox="" srcdoc="${m.html}" style="width:100%;height:36rem;border:1px solid #ccc"></iframe>`
        : html`<pre class="sms">${m.text}</pre>`;
      const body = html`<p><a href="/dev/outbox">← All messages</a></p>
<dl><dt>To</dt><dd>${m.to}</dd><dt>Channel</dt><dd>${m.channel}</dd>${m.subject ? html`<dt>Subject</dt><dd>${m.subject}</dd>` : ''}<dt>Reservation</dt><dd>${m.reservationUuid}</dd><dt>Message id</dt><dd>${m.messageId}</dd></dl>
${rendered}
${m.html ? html`<h2>Text part</h2><pre>${m.text}</pre>` : ''}`;
      return sendPage(reply, m.subject ?? `SMS to ${m.to}`, body);
    });
  };
}

function page(title: string, body: Html): Html {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · fpgo</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;
}

function sendPage(reply: import('fastify').FastifyReply, title: string, body: Html) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page(title, body).text);
}
