import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcOptions } from '../../src/server/context.js';

/** A real OpenID Connect provider on a loopback port, and the options that point the app at it. */
export interface TestIdp {
  readonly issuer: string;
  /** The app's `oidc` options for this provider (its one client, `http://` allowed on loopback). */
  readonly options: OidcOptions;
  close(): Promise<void>;
}

const CLIENT_ID = 'flowmatrix';
const CLIENT_SECRET = 'a-client-secret-for-tests-only';

/**
 * Starts oidc-provider with its development login and consent pages (any password; the login becomes the subject).
 * Every account's display name carries markup, so the app is seen to render it as text.
 */
export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  let handler: (req: never, res: never) => void = () => {};
  const idp = createServer((req, res) => handler(req as never, res as never));
  await new Promise<void>((ready) => idp.listen(0, '127.0.0.1', ready));
  const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, preferred_username: sub, name: `${sub} <img src=x>` }),
    }),
  });
  handler = provider.callback() as never;
  return {
    issuer,
    options: { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri, allowInsecure: true },
    close: () => new Promise<void>((done) => idp.close(() => done())),
  };
}
