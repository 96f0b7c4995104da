// A tiny shop that takes a deposit for a cabin through fpgo, using the SDK:
// product page → create reservation → the customer pays on fpgo's paymentUrl → success page;
// a callback endpoint that verifies fpgo's callbacks; a "Check out guest" button that captures.
//
//   FPGO_API_TOKEN=fpgo_test_… FPGO_CALLBACK_SECRET=whsec_… npm run shop
//
// fpgo must be able to call the shop back: run it with ALLOW_PRIVATE_CALLBACKS=true for localhost.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Fpgo, FpgoError } from 'fpgo';

const port = Number(process.env.PORT ?? 3000);
const shopUrl = (process.env.SHOP_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
if (!process.env.FPGO_API_TOKEN || !process.env.FPGO_CALLBACK_SECRET) {
  console.error('shop: set FPGO_API_TOKEN and FPGO_CALLBACK_SECRET (npm start prints the demo merchant\'s); FPGO_URL defaults to http://localhost:8080');
  process.exit(1);
}
const fpgo = new Fpgo({
  baseUrl: process.env.FPGO_URL ?? 'http://localhost:8080',
  apiToken: process.env.FPGO_API_TOKEN,
  callbackSecret: process.env.FPGO_CALLBACK_SECRET,
});

const CABIN = { name: 'Fjord cabin, 2 nights (deposit)', price: 2400 };
/** Orders in memory: id → { reservationUuid, name, email, status, captured }. */
const orders = new Map();

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body, refresh = false) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh ? '<meta http-equiv="refresh" content="1">' : ''}
<title>${escape(title)} – Fjord Cabins</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

function send(response, status, html, headers = {}) {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  response.end(html);
}

async function readForm(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

function productPage(failed) {
  return page('Fjord cabin', `<p>${escape(CABIN.name)}: NOK ${CABIN.price.toFixed(2)}, reserved on your card now, taken when you check out.</p>
${failed ? '<p role="alert">The payment did not go through. Please try again.</p>' : ''}
<form method="post" action="/reserve">
<p><label for="name">Name</label><br><input id="name" name="name" required></p>
<p><label for="email">Email</label><br><input id="email" name="email" type="email" required></p>
<button type="submit">Reserve</button></form>`);
}

async function reserve(form) {
  const id = randomUUID();
  const due = Math.floor(Date.now() / 1000) + 7 * 86400;
  const created = await fpgo.createReservation({
    customerDetails: {
      type: 'private', countryCode: '+47', msisdn: '40000000', email: form.email, name: form.name, preferredLanguage: 'en',
      address: { street: 'Fjordveien 1', zip: '5000', city: 'Bergen', country: 'NO' },
    },
    orderDate: String(Math.floor(Date.now() / 1000)),
    dueDateForPaymentLink: String(due),
    sendOrderBy: { sms: false, email: false },
    products: [{ name: CABIN.name, productId: 'CABIN-2N', rate: CABIN.price, tax: 12, amount: CABIN.price }],
    orderSummary: { subTotal: CABIN.price, totalTax: 0, grandTotal: CABIN.price },
    submitPayment: { via: 'visa' },
    callback: { callbackUrl: `${shopUrl}/fpgo/callback?order=${id}`, success: `${shopUrl}/orders/${id}`, failure: `${shopUrl}/?failed=1` },
  });
  orders.set(id, { reservationUuid: created.reservationUuid, name: form.name, email: form.email, status: 'WAITING', captured: null });
  return created.paymentUrl;
}

function orderPage(id, order) {
  const guest = `<p>Guest: ${escape(order.name)} (${escape(order.email)}), reservation ${escape(order.reservationUuid)}.</p>`;
  if (order.captured) return page('Checked out', `${guest}<p role="status">Captured NOK ${escape(order.captured.amount)} (${escape(order.captured.uuid)}). Thank you!</p>`);
  if (order.status === 'WAITING') return page('Waiting for the payment', `${guest}<p>Waiting for fpgo to confirm the payment…</p>`, true);
  return page('Payment confirmed', `${guest}<p>NOK ${CABIN.price.toFixed(2)} is reserved on the card.</p>
<form method="post" action="/orders/${id}/capture"><button type="submit">Check out guest</button></form>`);
}

/** Captures what is reserved, line by line; the key makes a double click capture once. */
async function checkOut(id, order) {
  const details = await fpgo.getReservation(order.reservationUuid);
  const products = details.productList.map((line) => ({ id: line.id, amount: line.reserved }));
  const capture = await fpgo.capture(order.reservationUuid, { products, grandTotal: details.paymentDetails.reservedAmount }, { idempotencyKey: `check-out-${id}` });
  order.captured = { uuid: capture.uuid, amount: details.paymentDetails.reservedAmount.toFixed(2) };
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', shopUrl);
  const orderId = url.pathname.match(/^\/orders\/([\w-]+)/)?.[1];
  const order = orderId && orders.get(orderId);
  try {
    if (request.method === 'GET' && url.pathname === '/') return send(response, 200, productPage(url.searchParams.has('failed')));
    if (request.method === 'POST' && url.pathname === '/reserve') return send(response, 303, '', { location: await reserve(await readForm(request)) });
    if (request.method === 'GET' && url.pathname === '/fpgo/callback') {
      const result = fpgo.verifyCallback(request.url ?? '', { toleranceSeconds: 300 });
      const target = result.ok && orders.get(result.event.merchantParameters.order ?? '');
      if (!target) return send(response, 403, 'invalid callback');
      if (result.event.status === 'RESERVED' && target.status === 'WAITING') target.status = 'RESERVED';
      if (result.event.status === 'CAPTURED') target.status = 'CAPTURED';
      return send(response, 200, 'ok');
    }
    if (!order) return send(response, 404, page('Not found', '<p>No such order.</p>'));
    if (request.method === 'GET' && url.pathname === `/orders/${orderId}`) return send(response, 200, orderPage(orderId, order));
    if (request.method === 'POST' && url.pathname === `/orders/${orderId}/capture`) {
      await checkOut(orderId, order);
      return send(response, 303, '', { location: `/orders/${orderId}` });
    }
    return send(response, 404, page('Not found', '<p>No such page.</p>'));
  } catch (error) {
    const reason = error instanceof FpgoError ? `${error.message} ${JSON.stringify(error.errors)}` : String(error);
    console.error(`shop: ${reason}`);
    return send(response, 502, page('Something went wrong', `<p>${escape(reason)}</p>`));
  }
});

server.listen(port, process.env.HOST ?? '127.0.0.1', () => console.log(`shop: listening on ${shopUrl}`));
