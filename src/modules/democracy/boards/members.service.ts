import { z } from "zod";
import { type Principal, requireAccess } from "../../../platform/access.ts";
import { type Actor, audit } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { isIsoDate, todayInCopenhagen } from "../../../platform/dates.ts";
import { NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { democracySettingsFor } from "../settings.ts";
import { ensureBoard, findBoard, householdOf, type ScopeRow, scopeOf, termById } from "./board.repository.ts";
import { boardRoles } from "./boards.table.ts";
import { type BoardScope, syncBoardGrants } from "./grants.ts";
import { lastDayAfter, termEnd } from "./rules.ts";
import { addTerm, stateOn } from "./terms.ts";
import { parseProps } from "./validate.ts";

const date = z.string().refine(isIsoDate, "errors.date_format");

/** Props of recordMember: a term recorded by staff (a constituting meeting, a paper record, a step-in). */
export const recordMemberSchema = z.object({
  personId: z.string().min(1, "boards.errors.person_required").max(64),
  role: z.enum(boardRoles, { error: "boards.errors.role_required" }),
  /** Alternates only; defaults to after the sitting alternates. */
  alternateRank: z.number().int().min(1).max(20).optional(),
  startDate: date,
  /** Defaults to the term the settings give the role. */
  endDate: date.optional(),
  meetingId: z.string().min(1).max(64).optional(),
  hasContactConsent: z.boolean().default(false),
});
export type RecordMember = z.input<typeof recordMemberSchema>;

export const resignSchema = z.object({
  resignedOn: date,
  reason: z.string().trim().min(1, "boards.errors.reason_required").max(500),
});
export type Resign = z.infer<typeof resignSchema>;

/** The access scope of a board: an organisation board is reached only by whole-organisation grants. */
export const accessScope = (s: BoardScope) =>
  s.departmentId
    ? { organisationId: s.organisationId, departmentId: s.departmentId }
    : { organisationId: s.organisationId };

/** A board's scope within the principal's reach for the permission, or 404. */
export async function reachableScope(
  ctx: AppContext,
  principal: Principal,
  permission: "boards.manage" | "meetings.manage" | "democracy.view",
  scopeId: string,
): Promise<ScopeRow> {
  const scope = await scopeOf(ctx.db, scopeId);
  if (!scope) throw new NotFoundError();
  requireAccess(principal, permission, accessScope(scope));
  return scope;
}

/** Whether the person may sit on the board on `day`: a resident of the department, or of the organisation. */
export async function checkEligible(
  ctx: AppContext,
  scope: BoardScope,
  personId: string,
  day: string,
  field: string,
) {
  const person = await ctx.db
    .selectFrom("people")
    .select(["id", "organisation_id"])
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!person || person.organisation_id !== scope.organisationId) {
    throw new ValidationError({ [field]: "boards.errors.not_resident" });
  }
  if (scope.departmentId && !(await householdOf(ctx.db, personId, scope.departmentId, day))) {
    throw new ValidationError({ [field]: "boards.errors.not_resident" });
  }
}

/** A meeting of the board's department (elections and terms point at the meeting that decided them). */
export async function checkMeeting(ctx: AppContext, scope: BoardScope, meetingId: string, field: string) {
  const meeting = await ctx.db
    .selectFrom("meetings")
    .select(["id", "department_id", "meeting_date", "starts_at", "title", "stage"])
    .where("id", "=", meetingId)
    .executeTakeFirst();
  if (!meeting || meeting.department_id !== scope.departmentId) {
    throw new ValidationError({ [field]: "boards.errors.meeting_unknown" });
  }
  return meeting;
}

/**
 * Command: staff record a term. A sitting member recorded again (re-elected, or an alternate
 * stepping in as member) continues on one grant; a new member gets the board role and their
 * introduction programme, all in one transaction.
 */
export async function recordMember(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  scopeId: string,
  input: RecordMember,
): Promise<string> {
  const p = parseProps(recordMemberSchema, input);
  const scope = await reachableScope(ctx, principal, "boards.manage", scopeId);
  await checkEligible(ctx, scope, p.personId, p.startDate, "personId");
  if (p.meetingId) await checkMeeting(ctx, scope, p.meetingId, "meetingId");
  const settings = await democracySettingsFor(ctx.db, scope.organisationId);
  const endDate = p.endDate ?? termEnd(p.role, p.startDate, settings);
  if (endDate <= p.startDate) throw new ValidationError({ endDate: "boards.errors.end_before_start" });
  const today = todayInCopenhagen(ctx.clock);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const boardId = await ensureBoard(trx, scope, now);
    let rank: number | null = null;
    if (p.role === "alternate") {
      const sitting = await trx
        .selectFrom("board_members")
        .select((eb) => eb.fn.max("alternate_rank").as("top"))
        .where("board_id", "=", boardId)
        .where("role", "=", "alternate")
        .where("end_date", ">", p.startDate)
        .where((eb) => eb.or([eb("resigned_on", "is", null), eb("resigned_on", ">", p.startDate)]))
        .executeTakeFirst();
      rank = p.alternateRank ?? Number(sitting?.top ?? 0) + 1;
    }
    const term = await addTerm(
      trx,
      ctx,
      actor,
      {
        boardId,
        scope,
        personId: p.personId,
        role: p.role,
        alternateRank: rank,
        startDate: p.startDate,
        endDate,
        meetingId: p.meetingId ?? null,
        electionId: null,
        hasContactConsent: p.hasContactConsent,
      },
      today,
    );
    return term.id;
  });
}

/**
 * Command: a member resigns from a date (the first day they no longer sit) with a reason. From
 * that date the login loses the board role: at once when the date has come, else by the term job.
 */
export async function resignMember(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  termId: string,
  input: Resign,
): Promise<void> {
  const p = parseProps(resignSchema, input);
  const term = await termById(ctx.db, termId);
  if (!term) throw new NotFoundError();
  const scope = { organisationId: term.organisation_id, departmentId: term.department_id };
  requireAccess(principal, "boards.manage", accessScope(scope));
  if (term.resigned_on) throw new ValidationError({ resignedOn: "boards.errors.already_resigned" });
  if (p.resignedOn < term.start_date || p.resignedOn >= lastDayAfter(term)) {
    throw new ValidationError({ resignedOn: "boards.errors.resign_outside_term" });
  }
  const today = todayInCopenhagen(ctx.clock);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const after = { ...term, resigned_on: p.resignedOn };
    await trx
      .updateTable("board_members")
      .set({
        resigned_on: p.resignedOn,
        resignation_reason: p.reason,
        grant_state: stateOn(after, today),
        updated_at: now,
      })
      .where("id", "=", termId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.member.resign",
      entity: "board_members",
      entityId: termId,
      organisationId: term.organisation_id,
      before: { resignedOn: null },
      after: { resignedOn: p.resignedOn, reason: p.reason },
    });
    await syncBoardGrants(trx, ctx.clock, actor, scope, term.person_id, today);
  });
}

/** Command: a member shows (or stops showing) their e-mail and phone to the residents. Their own terms only. */
export async function setContactConsent(
  ctx: AppContext,
  actor: Actor,
  personId: string | null,
  termId: string,
  consent: boolean,
): Promise<void> {
  const term = await termById(ctx.db, termId);
  if (!term || !personId || term.person_id !== personId) throw new NotFoundError();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("board_members")
      .set({ has_contact_consent: consent, updated_at: ctx.clock.now().toISOString() })
      .where("id", "=", termId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "board.member.contact_consent",
      entity: "board_members",
      entityId: termId,
      organisationId: term.organisation_id,
      before: { hasContactConsent: term.has_contact_consent },
      after: { hasContactConsent: consent },
    });
  });
}

/** The board of a scope, if one has been made (a board exists from its first term or election). */
export const boardOf = (ctx: AppContext, scope: BoardScope) => findBoard(ctx.db, scope);
