import type { SessionStore } from "@fastify/session";
import type { Kysely } from "kysely";
import type { Database } from "../db/database-types.ts";
import { prepareQuery } from "../db/prepared.ts";
import type { Clock } from "./clock.ts";
import { type UserWithGrants, userWithGrantsColumns, userWithGrantsFrom } from "./users.repository.ts";

/** Idle timeout for every session; absolute lifetime depends on whether the user is staff. */
export const idleTimeoutMs = 30 * 60 * 1000;
export const absoluteTimeoutMs = { staff: 12 * 60 * 60 * 1000, other: 24 * 60 * 60 * 1000 };
/** A session's last-seen time is written at most this often, so reads stay reads. */
export const touchIntervalMs = 60 * 1000;

declare module "fastify" {
  interface Session {
    userId?: string;
    isStaff?: boolean;
    /** When the user logged in (ms since epoch): the start of the absolute lifetime. */
    loggedInAt?: number;
    lastSeenAt?: number;
    /** Password accepted, second factor still to come (enrol = must set it up first). */
    pendingMfa?: { userId: string; enrol: boolean; next?: string; at: number };
    oidc?: { state: string; nonce: string; codeVerifier: string; next?: string };
    flash?: string;
    recoveryCodes?: string[];
  }
}

interface StoredSession {
  userId?: string;
  lastSeenAt?: number;
}

/**
 * Read on every request, so built once (see db/prepared.ts). The session's user and their grants
 * come along (one row per grant): authenticate needs them next, and one round trip beats three.
 * `data` is parsed here, once, not once per row by the normalize plugin.
 */
const liveSession = prepareQuery((db, p: { id: string; now: string }) =>
  db
    .selectFrom("sessions as s")
    .leftJoin("users as u", "u.id", "s.user_id")
    .leftJoin("user_roles as r", "r.user_id", "u.id")
    .select(["s.data_json as data", "s.user_id as sessionUserId", ...userWithGrantsColumns])
    .where("s.id", "=", p.id)
    .where("s.expires_at", ">", p.now),
);

type SessionRow = Awaited<ReturnType<typeof liveSession.execute>>[number];

/** At most this many users read along with their session wait for authenticate to take them. */
const maxHandedOver = 1000;

/** Sessions live in the database, so logout and suspension end them everywhere at once. */
export class DatabaseSessionStore implements SessionStore {
  /**
   * Session id → its user as read by the latest `get`. @fastify/session calls `get` in its
   * onRequest hook and authenticate runs right after it; every `get` replaces (or removes) the
   * entry, so what authenticate takes was read no earlier than its own request's session.
   */
  readonly #handedOver = new Map<string, { userId: string; found: UserWithGrants | undefined }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  get(sessionId: string, callback: (err: unknown, session?: never) => void): void {
    liveSession
      .execute(this.db, { id: sessionId, now: this.clock.now().toISOString() })
      .then((rows) => this.#restore(sessionId, rows))
      .then((session) => callback(null, session as never), callback);
  }

  #restore(sessionId: string, rows: SessionRow[]): StoredSession | null {
    this.#handedOver.delete(sessionId);
    const first = rows[0];
    if (!first) return null;
    const session = (typeof first.data === "string" ? JSON.parse(first.data) : first.data) as StoredSession;
    if (session.userId !== undefined && session.userId === first.sessionUserId) {
      if (this.#handedOver.size >= maxHandedOver) {
        this.#handedOver.delete(this.#handedOver.keys().next().value as string);
      }
      this.#handedOver.set(sessionId, {
        userId: session.userId,
        found: userWithGrantsFrom(rows),
      });
    }
    return session;
  }

  /**
   * The user (and grants) of a session as read with it in this request's `get`, once; null when
   * there is none to hand over (then look the user up). Undefined: the user no longer exists.
   */
  takeUser(sessionId: string, userId: string): UserWithGrants | undefined | null {
    const entry = this.#handedOver.get(sessionId);
    if (!entry) return null;
    this.#handedOver.delete(sessionId);
    return entry.userId === userId ? entry.found : null;
  }

  set(sessionId: string, session: StoredSession, callback: (err?: unknown) => void): void {
    const now = this.clock.now();
    const lastSeen = session.lastSeenAt ?? now.getTime();
    const row = {
      user_id: session.userId ?? null,
      data_json: JSON.stringify(session),
      expires_at: new Date(lastSeen + idleTimeoutMs).toISOString(),
      updated_at: now.toISOString(),
    };
    this.db
      .insertInto("sessions")
      .values({ id: sessionId, ...row })
      .onConflict((oc) => oc.column("id").doUpdateSet(row))
      .execute()
      .then(() => callback(), callback);
  }

  destroy(sessionId: string, callback: (err?: unknown) => void): void {
    this.db
      .deleteFrom("sessions")
      .where("id", "=", sessionId)
      .execute()
      .then(() => callback(), callback);
  }
}

/** Ends every session of a user (logout everywhere, suspension, password reset). */
export async function endSessionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, clock: Clock): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("expires_at", "<=", clock.now().toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
