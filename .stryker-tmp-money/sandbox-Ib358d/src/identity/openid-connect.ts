/**
 * BankID (or a broker such as Criipto or Signicat, or ID-porten) as an OpenID Connect provider, with
 * panva's certified `openid-client`: discovery, authorization code flow with PKCE S256, `state` and
 * `nonce`, client_secret_basic at the token endpoint, and the ID token checked — its signature
 * against the provider's keys, issuer, audience, expiry and nonce.
 */
// @ts-nocheck

import * as oidc from 'openid-client';
import type { IdentityAnswer, IdentityProvider, LoginChecks, LoginStart } from '../reservations/ports.js';
import { isLoopbackUrl } from './issuer.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  acrValues: string | null;
  /** The claim holding the national identity number: `nnin` (BankID), `pid` (ID-porten), `socialno` (Criipto). */
  nationalIdClaim: string;
}

/** Seconds the provider has to answer one request. */
const PROVIDER_TIMEOUT_S = 10;

export class OpenIdConnectProvider implements IdentityProvider {
  private configuration: Promise<oidc.Configuration> | undefined;

  /** `redirectUri` is read at each login: PUBLIC_BASE_URL + /checkout/bankid/callback. */
  constructor(
    private readonly settings: OidcSettings,
    private readonly redirectUri: () => string,
  ) {}

  async begin(): Promise<LoginStart> {
    let config: oidc.Configuration;
    try {
      config = await this.discover();
    } catch (error) {
      return { outcome: 'unavailable', reason: `discovery failed: ${describe(error)}` };
    }
    const checks: LoginChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri(),
      scope: this.settings.scope,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    };
    if (this.settings.acrValues) parameters.acr_values = this.settings.acrValues;
    return { outcome: 'started', authorizationUrl: oidc.buildAuthorizationUrl(config, parameters).href, checks };
  }

  async complete(callbackQuery: URLSearchParams, checks: LoginChecks): Promise<IdentityAnswer> {
    let config: oidc.Configuration;
    try {
      config = await this.discover();
    } catch (error) {
      return { outcome: 'unavailable', reason: `discovery failed: ${describe(error)}` };
    }
    const callbackUrl = new URL(this.redirectUri());
    callbackUrl.search = callbackQuery.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Some providers put identity claims only in the userinfo answer (OpenID Connect Core 5.4).
      const nationalId =
        claimText(idToken[this.settings.nationalIdClaim]) ??
        claimText((await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub))[this.settings.nationalIdClaim]);
      if (nationalId === undefined) return { outcome: 'failed', reason: `the provider's answer has no ${this.settings.nationalIdClaim} claim` };
      return { outcome: 'verified', nationalId };
    } catch (error) {
      return answerForError(error);
    }
  }

  /** Discovered once; a failed discovery is tried again at the next login. */
  private discover(): Promise<oidc.Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const insecure = isLoopbackUrl(new URL(issuer)) && issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [];
    this.configuration ??= oidc
      .discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        execute: [...insecure, oidc.enableNonRepudiationChecks],
        timeout: PROVIDER_TIMEOUT_S,
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}

function claimText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** What went wrong, in words that never repeat the provider's answer (it may hold personal data). */
function describe(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return `${error.error} (HTTP ${error.status})`;
  if (error instanceof oidc.AuthorizationResponseError) return error.error;
  if (error instanceof oidc.ClientError) return [error.code, error.cause instanceof Error ? error.cause.message : error.message].filter(Boolean).join(': ');
  if (error instanceof Error) return error.name === 'TypeError' ? `${error.message}` : error.name;
  return 'unknown error';
}

function answerForError(error: unknown): IdentityAnswer {
  if (error instanceof oidc.AuthorizationResponseError) {
    return error.error === 'access_denied' ? { outcome: 'cancelled' } : { outcome: 'failed', reason: `provider said ${error.error}` };
  }
  if (error instanceof oidc.ResponseBodyError && error.status < 500) return { outcome: 'failed', reason: describe(error) };
  const unreachable =
    error instanceof oidc.ResponseBodyError ||
    error instanceof TypeError ||
    (error instanceof oidc.ClientError && error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
  return { outcome: unreachable ? 'unavailable' : 'failed', reason: describe(error) };
}
