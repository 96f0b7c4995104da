/** The rules of secureDetails (pure) and the BankID settings, as a server operator meets them. */
// @ts-nocheck

import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { browserKey, newBrowserSecret, setBrowserCookie } from '../src/checkout/browser-key.js';
import { loadConfig } from '../src/config.js';
import { BuiltInTestProvider } from '../src/identity/test-provider.js';
import {
  detailsVisible,
  identityVerifiedEvent,
  matchIdentity,
  opensOrder,
  secureDetailsProblem,
  VERIFICATION_MS,
} from '../src/reservations/secure-details.js';
import { providerFor, type IdentityProviders } from '../src/reservations/verify-identity.js';

describe('who may see a secureDetails order', () => {
  const reservation = { uuid: 'RES1234567890', secureDetails: true };
  const now = 1_800_000_000_000;

  it('anyone, without secureDetails', () => {
    expect(detailsVisible({ ...reservation, secureDetails: false }, undefined, now)).toBe(true);
  });

  it('only a browser verified for this very reservation, until its time runs out', () => {
    expect(detailsVisible(reservation, undefined, now)).toBe(false);
    expect(detailsVisible(reservation, { reservationUuid: 'RES1234567891', verifiedUntil: now + 1 }, now)).toBe(false);
    expect(detailsVisible(reservation, { reservationUuid: reservation.uuid, verifiedUntil: now + 1 }, now)).toBe(true);
    expect(detailsVisible(reservation, { reservationUuid: reservation.uuid, verifiedUntil: now }, now)).toBe(false);
    expect(VERIFICATION_MS).toBe(30 * 60_000);
  });
});

describe('matching the verified person', () => {
  it('matches the personalNumber exactly (surrounding spaces of the claim aside)', () => {
    expect(matchIdentity({ personalNumber: '01019012345' }, '01019012345')).toBe('matched');
    expect(matchIdentity({ personalNumber: '01019012345' }, ' 01019012345\n')).toBe('matched');
    for (const other of ['01019012346', '0101901234', '010190123456', '', '01019012345 x', '０１０１９０１２３４５']) {
      expect(matchIdentity({ personalNumber: '01019012345' }, other), other).toBe('not-matched');
    }
  });

  it('lets any verified person in when the merchant sent no personalNumber', () => {
    expect(matchIdentity({ personalNumber: null }, '01019012345')).toBe('no-personal-number');
    expect(opensOrder('no-personal-number')).toBe(true);
    expect(opensOrder('matched')).toBe(true);
    expect(opensOrder('not-matched')).toBe(false);
  });

  it('records when and whether it matched, never the number', () => {
    const event = identityVerifiedEvent({ merchantId: 'MER1', uuid: 'RES1234567890' }, 42, 'not-matched');
    expect(event).toMatchObject({ title: 'bankid-verified', occurredAt: 42, note: 'personalNumber did not match', subjectUuid: 'RES1234567890' });
    expect(JSON.stringify(event)).not.toMatch(/\d{11}/);
  });
});

describe('which identity provider serves a merchant', () => {
  const test = new BuiltInTestProvider('/checkout/bankid/test-provider');
  const oidc = { begin: test.begin.bind(test), complete: test.complete.bind(test) };

  it('a configured issuer serves everyone; without one only test merchants get the test provider', () => {
    const configured: IdentityProviders = { oidc, test };
    const bare: IdentityProviders = { oidc: undefined, test };
    expect(providerFor(configured, { mode: 'live' })).toBe(oidc);
    expect(providerFor(configured, { mode: 'test' })).toBe(oidc);
    expect(providerFor(bare, { mode: 'test' })).toBe(test);
    expect(providerFor(bare, { mode: 'live' })).toBeUndefined();
  });

  it('refuses secureDetails at create for live merchants only when no issuer is configured', () => {
    expect(secureDetailsProblem({ mode: 'live' }, true, false)).toMatch(/^The settings\.secure details field cannot be true/);
    expect(secureDetailsProblem({ mode: 'live' }, true, true)).toBeUndefined();
    expect(secureDetailsProblem({ mode: 'live' }, false, false)).toBeUndefined();
    expect(secureDetailsProblem({ mode: 'test' }, true, false)).toBeUndefined();
  });

  it("the test provider's code opens only with the login it was issued for", async () => {
    const started = await test.begin();
    const other = await test.begin();
    if (started.outcome !== 'started' || other.outcome !== 'started') throw new Error('the test provider always starts');
    expect(started.authorizationUrl).toBe(`/checkout/bankid/test-provider?state=${started.checks.state}`);
    const code = await test.issueCode(started.checks, '01019012345');
    expect(code).not.toContain('01019012345');
    expect(Buffer.from(code.split('.')[0]!, 'base64url').toString()).toBe('{"alg":"dir","enc":"A256GCM"}');
    expect(await test.complete(new URLSearchParams({ code }), started.checks)).toEqual({ outcome: 'verified', nationalId: '01019012345' });
    expect((await test.complete(new URLSearchParams({ code }), other.checks)).outcome).toBe('failed');
    expect(await test.complete(new URLSearchParams({ error: 'access_denied' }), started.checks)).toEqual({ outcome: 'cancelled' });
  });
});

describe('the BankID settings', () => {
  const issuer = { BANKID_OIDC_ISSUER: 'https://auth.bankid.example', BANKID_CLIENT_ID: 'fpgo', BANKID_CLIENT_SECRET: 's3cret' };

  it('are off by default, and read with their defaults when an issuer is set', () => {
    expect(loadConfig({}).bankId).toBeNull();
    expect(loadConfig(issuer).bankId).toEqual({
      issuer: 'https://auth.bankid.example',
      clientId: 'fpgo',
      clientSecret: 's3cret',
      scope: 'openid',
      acrValues: null,
      nationalIdClaim: 'nnin',
    });
    const full = loadConfig({ ...issuer, BANKID_SCOPE: 'openid nnin', BANKID_ACR_VALUES: 'urn:grn:authn:no:bankid', BANKID_NATIONAL_ID_CLAIM: 'pid' });
    expect(full.bankId).toMatchObject({ scope: 'openid nnin', acrValues: 'urn:grn:authn:no:bankid', nationalIdClaim: 'pid' });
    expect(loadConfig({ ...issuer, BANKID_OIDC_ISSUER: 'http://127.0.0.1:4000' }).bankId?.issuer).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ ...issuer, BANKID_OIDC_ISSUER: 'http://[::1]:4000' }).bankId?.issuer).toBe('http://[::1]:4000');
  });

  it.each([
    [{ BANKID_OIDC_ISSUER: 'http://auth.bankid.example' }, 'BANKID_OIDC_ISSUER: must be an https URL (plain http is accepted only on loopback addresses, for tests)'],
    [{ BANKID_OIDC_ISSUER: 'bankid' }, 'BANKID_OIDC_ISSUER: must be a URL such as https://auth.example.com'],
    [{ BANKID_CLIENT_ID: '' }, 'BANKID_CLIENT_ID must be set when BANKID_OIDC_ISSUER is'],
    [{ BANKID_CLIENT_SECRET: undefined }, 'BANKID_CLIENT_SECRET must be set when BANKID_OIDC_ISSUER is'],
    [{ BANKID_SCOPE: 'profile' }, 'BANKID_SCOPE must include openid'],
    [{ BANKID_NATIONAL_ID_CLAIM: 'n in' }, 'BANKID_NATIONAL_ID_CLAIM must be a claim name such as nnin, pid or socialno'],
  ])('refuse %o in one line that names the setting', (bad, reason) => {
    expect(() => loadConfig({ ...issuer, ...bad })).toThrow(`invalid configuration: ${reason}`);
  });

  it('want an issuer when a client is configured', () => {
    expect(() => loadConfig({ BANKID_CLIENT_ID: 'fpgo' })).toThrow('BANKID_OIDC_ISSUER must be set when BANKID_CLIENT_ID or BANKID_CLIENT_SECRET is');
  });
});

describe('the browser cookie', () => {
  async function answer(publicBaseUrl: string, cookieHeader?: string) {
    const app = Fastify();
    await app.register(cookie);
    app.get('/checkout/x', async (request, reply) => {
      setBrowserCookie(reply, newBrowserSecret(), publicBaseUrl);
      return { key: browserKey(request) ?? null };
    });
    const response = await app.inject({ url: '/checkout/x', headers: cookieHeader ? { cookie: cookieHeader } : {} });
    await app.close();
    return { setCookie: String(response.headers['set-cookie']), key: response.json().key as string | null };
  }

  it('is Secure when the checkout is served over https, HttpOnly and SameSite=Lax always', async () => {
    expect((await answer('https://pay.example.com')).setCookie).toMatch(/^fpgo_checkout=[\w-]{43}; Max-Age=1800; Path=\/checkout; HttpOnly; Secure; SameSite=Lax$/);
    expect((await answer('http://127.0.0.1:8080')).setCookie).not.toContain('Secure');
  });

  it('is known to the server only by its hash, and only in the shape fpgo gives it', async () => {
    const browser = newBrowserSecret();
    const { key } = await answer('http://x', `fpgo_checkout=${browser.secret}`);
    expect(key).toBe(browser.key);
    expect(key).not.toContain(browser.secret);
    for (const odd of ['short', `${browser.secret}x`, 'a'.repeat(42) + '%00']) expect((await answer('http://x', `fpgo_checkout=${odd}`)).key, odd).toBeNull();
  });
});
