/**
 * A real OpenID Connect provider on 127.0.0.1 standing in for BankID: npm `oidc-provider` with its
 * development login and consent pages. The account id typed at its login becomes `sub` and the
 * national-id claims (`pid`, `nnin`, `socialno`). It listens before it knows fpgo's redirect URI, so
 * the app can be started with its issuer first.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface IdentityProviderOptions {
  /** Put the identity claims in the ID token (BankID, ID-porten), or only in userinfo (oidc-provider's default). */
  claimsInIdToken?: boolean;
}

export interface LoopbackIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The query of every authorization request, in order. */
  authorizations: URLSearchParams[];
  /** Every token request: how the client authenticated and what the provider answered. */
  tokenRequests: { authorization: string | undefined; status: number }[];
  /** Serve signing keys that did not sign the ID tokens (to see fpgo check the signature). */
  serveForeignKeys: boolean;
  /** Changes the answer on its way back to fpgo, as someone between the browser and fpgo could. */
  tamperWithAnswer: ((answer: URL) => void) | undefined;
  /** Creates the provider with fpgo's redirect URI registered. */
  register(redirectUri: string): void;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<LoopbackIdentityProvider> {
  let handler: RequestListener | undefined;
  let redirectUri = '';
  const foreignKey = await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey);
  // Its own signing key and lifetimes, so it does not warn about its development defaults.
  const signingKey = { ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).privateKey)), kid: 'idp', use: 'sig', alg: 'RS256' };
  const server = createServer((request, response) => {
    if (idp.serveForeignKeys && request.url === '/jwks') {
      // The provider's own (and only) key id, with a public key that did not sign anything. Answered here, not
      // by asking the provider for its keys: a request of that kind that failed left this one unanswered.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [{ ...foreignKey, kid: signingKey.kid, use: 'sig', alg: 'RS256' }] }));
      return;
    }
    if (!handler) {
      response.writeHead(503).end();
      return;
    }
    const setHeader = response.setHeader.bind(response);
    response.setHeader = (name, value) => {
      const tamper = idp.tamperWithAnswer;
      if (!tamper || name.toLowerCase() !== 'location' || !String(value).startsWith(redirectUri)) return setHeader(name, value);
      const answer = new URL(String(value));
      tamper(answer);
      return setHeader(name, answer.toString());
    };
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const idp: LoopbackIdentityProvider = {
    issuer,
    clientId: 'fpgo-test',
    clientSecret: randomBytes(24).toString('hex'),
    authorizations: [],
    tokenRequests: [],
    serveForeignKeys: false,
    tamperWithAnswer: undefined,
    register(uri) {
      redirectUri = uri;
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: idp.clientId,
            client_secret: idp.clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        claims: { openid: ['sub', 'pid', 'nnin', 'socialno'] },
        conformIdTokenClaims: !options.claimsInIdToken,
        findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, pid: id, nnin: id, socialno: id }) }),
        features: { devInteractions: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: [randomBytes(16).toString('hex')] },
        jwks: { keys: [signingKey] },
        ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
      });
      provider.use(async (ctx, next) => {
        if (ctx.path === '/auth') idp.authorizations.push(new URLSearchParams(ctx.querystring));
        await next();
        if (ctx.path === '/token') idp.tokenRequests.push({ authorization: ctx.get('authorization') || undefined, status: ctx.status });
      });
      handler = provider.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return idp;
}
