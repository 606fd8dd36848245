import * as client from "openid-client";
import { type Actor, audit } from "../audit.ts";
import { nowIso } from "../clock.ts";
import type { AppContext } from "../context.ts";
import { ConflictError } from "../errors.ts";
import { newId } from "../ids.ts";
import { findUserByEmail, normaliseEmail } from "../users.repository.ts";

type OidcSettings = NonNullable<AppContext["config"]["oidc"]>;

/** Discovery happens on first use and is cached; a failure is retried on the next login. */
export function oidcClient(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | undefined;
  return function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: settings.allowHttp ? [client.allowInsecureRequests] : [],
      })
      .catch((error) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
}

export async function authorizationRequest(config: client.Configuration, redirectUri: string) {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, codeVerifier, state, nonce };
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email?: string;
  name?: string;
}

export async function completeAuthorization(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { codeVerifier: string; state: string; nonce: string },
): Promise<OidcIdentity> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("The provider returned no ID token");
  let profile: Record<string, unknown> = claims;
  // Most providers put e-mail and name in the userinfo response, not in the ID token.
  if ((typeof claims.email !== "string" || typeof claims.name !== "string") && tokens.access_token) {
    profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
  }
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof profile.email === "string" ? profile.email : undefined,
    name: typeof profile.name === "string" ? profile.name : undefined,
  };
}

/**
 * Finds the account linked to the provider's stable subject id (never a CPR number); links it to
 * the logged-in user, or creates a housing-seeker account on first login.
 */
export async function resolveOidcAccount(
  ctx: AppContext,
  identity: OidcIdentity,
  currentUserId: string | null,
  ip: string,
): Promise<{ userId: string; created: boolean }> {
  const linked = await ctx.db
    .selectFrom("user_identities")
    .select("user_id")
    .where("issuer", "=", identity.issuer)
    .where("subject", "=", identity.subject)
    .executeTakeFirst();
  if (linked) return { userId: linked.user_id, created: false };
  const now = nowIso(ctx.clock);
  const link = { id: newId(), issuer: identity.issuer, subject: identity.subject, created_at: now };
  if (currentUserId) {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("user_identities")
        .values({ ...link, user_id: currentUserId })
        .execute();
      const actor: Actor = { userId: currentUserId, label: "self", ip };
      await audit(trx, ctx.clock, actor, {
        action: "identity.link",
        entity: "user",
        entityId: currentUserId,
        after: { issuer: identity.issuer },
      });
    });
    return { userId: currentUserId, created: false };
  }
  // An e-mail that already has an account is not taken over: its owner links from their account.
  const email = identity.email
    ? normaliseEmail(identity.email)
    : `${identity.subject}@${new URL(identity.issuer).hostname}.oidc`;
  if (await findUserByEmail(ctx.db, email)) throw new ConflictError("oidc.email_taken");
  const userId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email,
        name: identity.name ?? email,
        password_hash: null,
        totp_secret_enc: null,
        person_id: null,
        created_at: now,
        updated_at: now,
        last_login_at: null,
      })
      .execute();
    await trx
      .insertInto("user_roles")
      .values({
        id: newId(),
        user_id: userId,
        role: "housing_seeker",
        organisation_id: null,
        department_id: null,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto("user_identities")
      .values({ ...link, user_id: userId })
      .execute();
    const actor: Actor = { userId, label: email, ip };
    await audit(trx, ctx.clock, actor, {
      action: "account.create_oidc",
      entity: "user",
      entityId: userId,
      after: { email, issuer: identity.issuer },
    });
  });
  return { userId, created: true };
}
