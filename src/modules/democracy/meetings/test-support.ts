import { type TestApp, testPerson } from "../../../../test/helpers.ts";
import { isRole, type Principal, type Role } from "../../../platform/access.ts";
import type { Actor } from "../../../platform/audit.ts";
import { hashPassword } from "../../../platform/auth/passwords.ts";
import { AppError } from "../../../platform/errors.ts";
import { translateMaybe, translator } from "../../../platform/i18n/index.ts";
import { newId } from "../../../platform/ids.ts";
import { demoPassword } from "../../../seed/demo-logins.ts";
import { inLanguage } from "./explain.ts";
import { conveneMeeting, openProposals, publishFinalAgenda } from "./lifecycle.service.ts";
import { addAgendaItem, meetingWithOpenAgenda, planMeeting } from "./meetings.service.ts";

/** Test set-up for meetings: who is who among the demo logins, and residents made to order. */

export interface Who {
  principal: Principal;
  actor: Actor;
  userId: string;
  personId: string | null;
  name: string;
}

/** A login's principal (its role grants as the app loads them), actor and person. */
export async function who(app: TestApp, email: string): Promise<Who> {
  const db = app.ctx.db;
  const user = await db
    .selectFrom("users")
    .select(["id", "person_id", "name"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom("user_roles")
    .select(["role", "organisation_id", "department_id"])
    .where("user_id", "=", user.id)
    .execute();
  return {
    principal: {
      userId: user.id,
      grants: grants
        .filter((g) => isRole(g.role))
        .map((g) => ({
          role: g.role as Role,
          organisationId: g.organisation_id,
          departmentId: g.department_id,
        })),
    },
    actor: { userId: user.id, label: email },
    userId: user.id,
    personId: user.person_id,
    name: user.name,
  };
}

export async function departmentId(app: TestApp, number: number): Promise<string> {
  const d = await app.ctx.db
    .selectFrom("departments")
    .select("id")
    .where("number", "=", number)
    .executeTakeFirstOrThrow();
  return d.id;
}

/**
 * A login with a role in a department. With `household`, the person is also an adult member of
 * one of the department's current households (a resident there); without, the grant alone.
 */
export async function loginIn(
  app: TestApp,
  opts: { email: string; name: string; role: Role; departmentNumber: number; household: boolean },
): Promise<Who> {
  const db = app.ctx.db;
  const dept = await db
    .selectFrom("departments")
    .select(["id", "organisation_id"])
    .where("number", "=", opts.departmentNumber)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const personId = newId();
  await db
    .insertInto("people")
    .values(
      testPerson({
        id: personId,
        organisationId: dept.organisation_id,
        name: opts.name,
        birthDate: "1980-01-01",
        email: opts.email,
      }),
    )
    .execute();
  if (opts.household) {
    const tenancy = await db
      .selectFrom("tenancies as t")
      .innerJoin("units as u", "u.id", "t.unit_id")
      .select("t.id")
      .where("u.department_id", "=", dept.id)
      .where("t.end_date", "is", null)
      .orderBy("t.id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("household_members")
      .values({ id: newId(), tenancy_id: tenancy.id, person_id: personId, role: "adult" })
      .execute();
  }
  const userId = newId();
  await db
    .insertInto("users")
    .values({
      id: userId,
      email: opts.email,
      name: opts.name,
      password_hash: await hashPassword(demoPassword),
      totp_secret_enc: null,
      totp_last_step: null,
      person_id: personId,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .execute();
  await db
    .insertInto("user_roles")
    .values({
      id: newId(),
      user_id: userId,
      role: opts.role,
      organisation_id: null,
      department_id: dept.id,
      created_at: now,
    })
    .execute();
  return who(app, opts.email);
}

/** A command's refusal and its text as a Danish reader gets it (dates written out). */
export async function refusal(run: () => Promise<unknown>): Promise<{ error: AppError; text: string }> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const local = inLanguage(e, "da") as AppError;
    return { error: e, text: translateMaybe(translator("da"), local.messageKey, local.params) };
  }
  throw new Error("expected a refusal");
}

/**
 * An ordinary meeting of department 101 on 6 April 2027 at 19:00, walked to its final agenda
 * (items: "Valg af dirigent", "Budget", "Hønsehus i gården"); the clock is left on 24 March 2027.
 */
export async function meetingWithFinalAgenda(app: TestApp, staff: Who): Promise<string> {
  app.clock.set(new Date("2027-02-01T09:00:00.000Z"));
  const id = await planMeeting(app.ctx, staff.actor, staff.principal, {
    department_id: await departmentId(app, 101),
    kind: "ordinary",
    title: "Budgetmøde 2027",
    date: "2027-04-06",
    time: "19:00",
    location: "Fælleshuset",
    agenda: ["Valg af dirigent", "Budget"],
  });
  const m = await meetingWithOpenAgenda(app.ctx, staff.principal, id);
  await addAgendaItem(app.ctx, staff.actor, m, {
    title: "Hønsehus i gården",
    description: "Vi foreslår et hønsehus.",
  });
  await conveneMeeting(app.ctx, staff.actor, staff.principal, id);
  await openProposals(app.ctx, staff.actor, staff.principal, id);
  app.clock.set(new Date("2027-03-24T08:00:00.000Z"));
  await publishFinalAgenda(app.ctx, staff.actor, staff.principal, id);
  return id;
}
