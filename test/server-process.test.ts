import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, TEST_BACKEND, type TestDatabase } from './support/database.js';
import { primaryExample } from './support/fixtures.js';
import { client } from './support/http.js';
import { freePort, npmStartNodeFlags, runFpgo, startFpgo, type RunningProcess } from './support/process.js';

const CREATE = '/api/v1/connect/reservations/create';

describe(`the fpgo server process and CLI (${TEST_BACKEND})`, () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let server: RunningProcess;
  let baseUrl: string;
  let demoToken: string;

  beforeAll(async () => {
    database = await freshDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = { DATABASE_URL: database.url, PORT: String(port), PUBLIC_BASE_URL: baseUrl, LOG_LEVEL: 'info' };
    // As `npm start` runs it, with its Node flags (V8 aborts on some if they are set any later).
    server = startFpgo(['start'], env, npmStartNodeFlags());
    demoToken = (await server.waitFor(/Demo API token:\s+(\S+)/))[1]!;
    await server.waitFor(/fpgo is serving/);
  });
  afterAll(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await database.drop();
  });

  it('creates a demo merchant on first start and prints its token and callback secret', async () => {
    expect(demoToken).toMatch(/^fpgo_test_/);
    expect(server.output()).toMatch(/Callback secret: whsec_\S+/);
    const r = await client(baseUrl, demoToken).post(CREATE, primaryExample());
    expect(r.status).toBe(201);
    expect(r.json.data.paymentUrl.startsWith(`${baseUrl}/checkout/`)).toBe(true);
  });

  it('lets a client that sends the whole oversized body read its 413 in another process (the connection stays open until the body is in)', async () => {
    const body = JSON.stringify({ ...primaryExample(), customerNotes: 'x'.repeat(2 * 1024 * 1024) });
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const url = new URL(CREATE, baseUrl);
        const sent = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            agent: false,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${demoToken}` },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode!, text }));
          },
        );
        sent.on('error', reject);
        sent.end(body);
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.text)).toMatchObject({ status_code: 413, message: 'payloadTooLarge', is_error: true });
    }
  });

  it('creates merchants and tokens from the CLI, and revocation takes effect at once', async () => {
    const created = await runFpgo(['merchant', 'create', '--name', 'CLI Hotel', '--json'], env);
    expect(created.code).toBe(0);
    const merchant = JSON.parse(created.output.trim().split('\n').at(-1)!);
    expect(merchant).toEqual({ merchantId: expect.stringMatching(/^MER\d{10}$/), apiToken: expect.stringMatching(/^fpgo_test_/), callbackSecret: expect.stringMatching(/^whsec_/) });
    const api = client(baseUrl, merchant.apiToken);
    expect((await api.post(CREATE, primaryExample())).status).toBe(201);

    const second = await runFpgo(['token', 'create', '--merchant', merchant.merchantId, '--json'], env);
    const { apiToken } = JSON.parse(second.output.trim().split('\n').at(-1)!);
    expect((await client(baseUrl, apiToken).post(CREATE, primaryExample())).status).toBe(201);

    const revoked = await runFpgo(['token', 'revoke', merchant.apiToken.slice(0, 16)], env);
    expect(revoked.code).toBe(0);
    expect(revoked.output).toContain(`revoked ${merchant.apiToken.slice(0, 16)}`);
    expect((await api.post(CREATE, primaryExample())).status).toBe(401);
    expect((await client(baseUrl, apiToken).post(CREATE, primaryExample())).status).toBe(201);
  });

  it('creates a merchant with a longer capture window, up to 31 days', async () => {
    const created = await runFpgo(['merchant', 'create', '--name', 'Long Stays', '--capture-window-days', '31', '--json'], env);
    expect(created.code, created.output).toBe(0);
    const api = client(baseUrl, JSON.parse(created.output.trim().split('\n').at(-1)!).apiToken);
    const uuid = (await api.post(CREATE, primaryExample())).json.data.reservationUuid;
    expect((await api.post(`/api/v1/test/reservations/${uuid}/pay`, { cardNumber: '4111111111111111' })).status).toBe(200);
    const [line] = (await api.get(`/api/v1/connect/reservations/details/${uuid}`)).json.data.productList;
    await api.post('/api/v1/test/clock', { advanceSeconds: 20 * 86_400 });
    const capture = await api.post(`/api/v1/connect/reservations/capture/${uuid}`, { products: [{ id: line.id, amount: 100 }], grandTotal: 100 });
    expect(capture.status, capture.text).toBe(202);

    for (const days of ['0', '32', 'seven']) {
      const refused = await runFpgo(['merchant', 'create', '--name', 'Too Long', '--capture-window-days', days], env);
      expect(refused.code).toBe(1);
      expect(refused.output.trim()).toBe('fpgo: --capture-window-days must be a whole number from 1 to 31');
    }
  });

  it('explains a bad command line in one line', async () => {
    const unknown = await runFpgo(['token', 'create', '--merchant', 'MER0000000000'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.output.trim()).toBe('fpgo: no merchant MER0000000000');
    const missingName = await runFpgo(['merchant', 'create'], env);
    expect(missingName.code).not.toBe(0);
    expect(missingName.output).toMatch(/--name/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'fpgo: invalid configuration: PORT must be a whole number (got "eighty")'],
    [{ PORT: '70000' }, 'fpgo: invalid configuration: PORT must be between 1 and 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'fpgo: invalid configuration: DATABASE_URL must start with sqlite: or postgres:// (got "mysql://localhost/x")'],
    [{ PUBLIC_BASE_URL: 'pay.example.com' }, 'fpgo: invalid configuration: PUBLIC_BASE_URL must be an http(s) URL such as https://pay.example.com (got "pay.example.com")'],
    [{ LOG_LEVEL: 'loud' }, 'fpgo: invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'fpgo: invalid configuration: RATE_LIMIT_PER_MINUTE must be a whole number (got "-1")'],
  ])('refuses to start with %o, in one line', async (bad, line) => {
    const run = await runFpgo(['serve'], { ...env, ...bad });
    expect(run.code).toBe(1);
    expect(run.output.trim()).toBe(line);
  });

  it('does not create a second demo merchant, and on SIGTERM finishes the request in flight', async () => {
    const restartPort = await freePort();
    const restarted = startFpgo(['start'], { ...env, PORT: String(restartPort) });
    await restarted.waitFor(/fpgo is serving/);
    expect(restarted.output()).not.toMatch(/Demo API token/);

    // Start a create whose body is still on its way (the server's "100 Continue" proves it is in
    // flight), stop the server, then send the body.
    const body = JSON.stringify(primaryExample());
    const socket = connect(restartPort, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    const continued = new Promise<void>((resolve) =>
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        if (answer.includes('100 Continue')) resolve();
      }),
    );
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `POST ${CREATE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${demoToken}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    await continued;
    restarted.child.kill('SIGTERM');
    await restarted.waitFor(/shutting down/);
    socket.write(body);
    await closed;
    expect(answer).toMatch(/HTTP\/1\.1 201 Created/);
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
    expect(restarted.output()).toMatch(/"msg":"stopped"/);
  });
});
