import { can, isPermission, type Permission, type Principal } from "./access.ts";
import { type Actor, audit } from "./audit.ts";
import { nowIso } from "./clock.ts";
import type { AppContext } from "./context.ts";
import { randomToken, sha256 } from "./crypto.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { newId } from "./ids.ts";
import { grantsOf } from "./users.repository.ts";

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

/** Resolves a bearer token to a principal limited to the token's scopes; null when not valid. */
export async function principalForToken(
  ctx: AppContext,
  token: string,
): Promise<{ principal: Principal; userId: string } | null> {
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .select([
      "api_tokens.id",
      "api_tokens.user_id",
      "api_tokens.scopes_json",
      "api_tokens.expires_at",
      "api_tokens.last_used_at",
    ])
    .where("api_tokens.token_hash", "=", sha256(token))
    .where("api_tokens.revoked_at", "is", null)
    .where("users.status", "=", "active")
    .executeTakeFirst();
  if (!row || (row.expires_at && row.expires_at <= now.toISOString())) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > lastUsedWriteIntervalMs) {
    await ctx.db
      .updateTable("api_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  const grants = await grantsOf(ctx.db, row.user_id);
  return {
    userId: row.user_id,
    principal: {
      userId: row.user_id,
      grants,
      tokenScopes: row.scopes_json.filter(isPermission) as Permission[],
    },
  };
}
