/**
 * fpgo's built-in test identity provider: for test merchants when no BANKID_OIDC_ISSUER is set. Its
 * login page (served by the checkout, clearly labelled as a test) lets a developer type a test
 * national identity number; the browser then comes back to the same callback, and the login is
 * completed and matched exactly as a real provider's would be.
 *
 * Its code is the typed number encrypted (JWE, A256GCM) under a key drawn from the login's PKCE
 * verifier, which never leaves the server: the number does not show in URLs or logs, and only the
 * login it was issued for can open it.
 */
// @ts-nocheck

import { createHash, randomBytes } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { IdentityAnswer, LoginChecks, LoginStart, TestIdentityProvider } from '../reservations/ports.js';

const CODE_LIFETIME = '5m';

export class BuiltInTestProvider implements TestIdentityProvider {
  /** `loginPage`: the path of the test provider's page (the checkout serves it). */
  constructor(private readonly loginPage: string) {}

  async begin(): Promise<LoginStart> {
    const checks: LoginChecks = { state: secret(), nonce: secret(), codeVerifier: secret() };
    return { outcome: 'started', authorizationUrl: `${this.loginPage}?${new URLSearchParams({ state: checks.state })}`, checks };
  }

  issueCode(checks: LoginChecks, nationalId: string): Promise<string> {
    return new EncryptJWT({ nid: nationalId, nonce: checks.nonce })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(CODE_LIFETIME)
      .encrypt(keyOf(checks));
  }

  async complete(callbackQuery: URLSearchParams, checks: LoginChecks): Promise<IdentityAnswer> {
    const error = callbackQuery.get('error');
    if (error === 'access_denied') return { outcome: 'cancelled' };
    if (error) return { outcome: 'failed', reason: `the test provider said ${error}` };
    try {
      const { payload } = await jwtDecrypt(callbackQuery.get('code') ?? '', keyOf(checks));
      if (payload.nonce !== checks.nonce || typeof payload.nid !== 'string') return { outcome: 'failed', reason: 'the code was issued for another login' };
      return { outcome: 'verified', nationalId: payload.nid };
    } catch {
      return { outcome: 'failed', reason: 'the code is missing, expired or was issued for another login' };
    }
  }
}

const secret = () => randomBytes(32).toString('base64url');

function keyOf(checks: LoginChecks): Uint8Array {
  return createHash('sha256').update('fpgo test identity provider\0').update(checks.codeVerifier).digest();
}
