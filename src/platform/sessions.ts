import type { SessionStore } from "@fastify/session";
import type { Kysely } from "kysely";
import type { Database } from "../db/database-types.ts";
import type { Clock } from "./clock.ts";

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

/** Sessions live in the database, so logout and suspension end them everywhere at once. */
export class DatabaseSessionStore implements SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  get(sessionId: string, callback: (err: unknown, session?: never) => void): void {
    this.db
      .selectFrom("sessions")
      .select("data_json")
      .where("id", "=", sessionId)
      .where("expires_at", ">", this.clock.now().toISOString())
      .executeTakeFirst()
      .then((row) => callback(null, (row?.data_json ?? null) as never), callback);
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
