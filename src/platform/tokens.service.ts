import { prepareQuery } from "../db/prepared.ts";
import { can, isPermission, type Permission, type Principal } from "./access.ts";
import { type Actor, audit } from "./audit.ts";
import { nowIso } from "./clock.ts";
import type { AppContext } from "./context.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { newId } from "./ids.ts";
import { type UserWithGrants, userWithGrantsColumns, userWithGrantsFrom } from "./users.repository.ts";

const lastUsedWriteIntervalMs = 60 * 1000;

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates a personal API token. Its secret is returned once; only a hash is stored. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  input: { name: string; scopes: string[]; expiresAt?: string | null },
): Promise<{ token: string; view: TokenView }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) throw new ValidationError({ name: "tokens.name_required" });
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new ValidationError({ scopes: "tokens.scopes_required" });
  // A token can only carry permissions its owner holds.
  if (!scopes.every((s) => isPermission(s) && can({ ...principal, tokenScopes: undefined }, s))) {
    throw new ValidationError({ scopes: "tokens.scope_not_held" });
  }
  const prefix = randomToken(6).slice(0, 8);
  const token = `almen_${prefix}_${randomToken(32)}`;
  const row = {
    id: newId(),
    user_id: principal.userId,
    name,
    prefix,
    token_hash: sha256(token),
    scopes_json: scopes,
    created_at: nowIso(ctx.clock),
    expires_at: input.expiresAt ?? null,
    last_used_at: null,
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("api_tokens").values(row).execute();
    await audit(trx, ctx.clock, actor, {
      action: "token.create",
      entity: "api_token",
      entityId: row.id,
      after: { name, prefix, scopes, user_id: principal.userId },
    });
  });
  return { token, view: toView(row) };
}

function toView(row: {
  id: string;
  name: string;
  prefix: string;
  scopes_json: string[];
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes_json,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listApiTokens(ctx: AppContext, userId: string): Promise<TokenView[]> {
  const rows = await ctx.db
    .selectFrom("api_tokens")
    .select(["id", "name", "prefix", "scopes_json", "created_at", "expires_at", "last_used_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toView);
}

export async function revokeApiToken(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  tokenId: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx.clock);
    const result = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: now })
      .where("id", "=", tokenId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError();
    await audit(trx, ctx.clock, actor, {
      action: "token.revoke",
      entity: "api_token",
      entityId: tokenId,
      after: { revoked_at: now },
    });
  });
}

/** The token with its user and the user's grants: one row per grant. */
const tokenWithUser = prepareQuery((db, p: { hash: string }) =>
  db
    .selectFrom("api_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .leftJoin("user_roles as r", "r.user_id", "u.id")
    .select(["t.id as token_id", "t.scopes_json", "t.expires_at", "t.last_used_at", ...userWithGrantsColumns])
    .where("t.token_hash", "=", p.hash)
    .where("t.revoked_at", "is", null),
);

/**
 * Resolves a bearer token to a principal limited to the token's scopes, with the user (one query);
 * null when the token is not valid or its user not active.
 */
export async function principalForToken(
  ctx: AppContext,
  token: string,
): Promise<{ principal: Principal; found: UserWithGrants } | null> {
  const now = ctx.clock.now();
  const rows = await tokenWithUser.execute(ctx.db, { hash: sha256(token) });
  const row = rows[0];
  const found = userWithGrantsFrom(rows);
  if (!row || !found || found.user.status !== "active") return null;
  if (row.expires_at && row.expires_at <= now.toISOString()) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > lastUsedWriteIntervalMs) {
    await ctx.db
      .updateTable("api_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.token_id)
      .execute();
  }
  return {
    found,
    principal: {
      userId: found.user.id,
      grants: found.grants,
      tokenScopes: row.scopes_json.filter(isPermission) as Permission[],
    },
  };
}
