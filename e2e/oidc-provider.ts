import type { Server } from "node:http";
import Provider from "oidc-provider";
import { freePort } from "./server.ts";

export interface TestProvider {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** The claims the provider gives for a login name typed into its dev login form. */
  claimsFor: (login: string) => { sub: string; email: string; name: string };
  stop: () => Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, with its development login and consent pages)
 * on 127.0.0.1, with one confidential client for almen. Any login name is accepted.
 */
export async function startProvider(almenUrl: string): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "almen-e2e";
  const clientSecret = "almen-e2e-client-secret-that-is-long-enough";
  const claimsFor = (login: string) => {
    const sub = login.trim().toLowerCase();
    return { sub, email: `${sub}@idp.example`, name: `Test ${sub[0]!.toUpperCase()}${sub.slice(1)}` };
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${almenUrl}/auth/oidc/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsFor(id) }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // As the spec says: e-mail and name come from the userinfo endpoint, not the ID token.
    conformIdTokenClaims: true,
    cookies: { keys: ["almen-e2e-provider-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });
  return {
    issuer,
    port,
    clientId,
    clientSecret,
    claimsFor,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
