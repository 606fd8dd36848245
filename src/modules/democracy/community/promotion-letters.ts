import type { Transaction } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import type { Lang } from "../../../platform/i18n/index.ts";
import { type LetterRecipient, prepareLetters, recordLetters } from "../../letters/index.ts";
import { meetingTime, translator } from "../meetings/explain.ts";

/**
 * A seat from a course's waiting list: the promoted person gets a letter through the letters
 * outbox (a notice in their language, by their channel), written in the transaction that gives them
 * the seat — the letter exists exactly when the promotion does. The seat is found only under the
 * session's lock, so the letter is rendered there too; a promotion is one or a few letters.
 * A login without a person (some staff) has no address to write to and gets no letter.
 */
export async function sendPromotionLetters(
  ctx: AppContext,
  trx: Transaction<Database>,
  sessionId: string,
  userIds: readonly string[],
  createdBy: string | null,
): Promise<number> {
  if (userIds.length === 0) return 0;
  const session = await trx
    .selectFrom("course_sessions as s")
    .innerJoin("courses as c", "c.id", "s.course_id")
    .select(["c.title", "c.organisation_id", "s.starts_at", "s.place"])
    .where("s.id", "=", sessionId)
    .executeTakeFirstOrThrow();
  const people = await trx
    .selectFrom("users as u")
    .innerJoin("people as p", "p.id", "u.person_id")
    .select(["p.id as person_id", "p.language"])
    .where("u.id", "in", [...userIds])
    .orderBy("p.id")
    .execute();
  if (people.length === 0) return 0;
  const homes = await currentHomes(
    trx,
    people.map((p) => p.person_id),
    todayInCopenhagen(ctx.clock),
  );
  const recipients: LetterRecipient[] = people.map((p) => {
    const lang: Lang = p.language === "en" ? "en" : "da";
    const t = translator(lang);
    const course = session.title;
    return {
      personId: p.person_id,
      unitId: homes.get(p.person_id) ?? null,
      values: {
        subject: t("community.courses.letters.promoted_subject", { course }),
        message: t("community.courses.letters.promoted_message", {
          course,
          when: meetingTime(session.starts_at, lang),
          place: session.place,
        }),
      },
    };
  });
  // The letters are planned on the transaction: on SQLite its one connection is the only one.
  const prepared = await prepareLetters(
    { ...ctx, db: trx },
    { organisationId: session.organisation_id, letterType: "notice", recipients, createdBy },
  );
  await recordLetters(trx, prepared);
  return prepared.length;
}

/** Each person's current home (a tenancy of theirs on the day), for the letter's address. */
async function currentHomes(trx: Transaction<Database>, personIds: string[], on: string) {
  const rows = await trx
    .selectFrom("household_members as m")
    .innerJoin("tenancies as t", "t.id", "m.tenancy_id")
    .select(["m.person_id", "t.unit_id"])
    .where("m.person_id", "in", personIds)
    .where("t.start_date", "<=", on)
    .where((eb) => eb.or([eb("t.end_date", "is", null), eb("t.end_date", ">=", on)]))
    .orderBy("t.start_date", "desc")
    .execute();
  const homes = new Map<string, string>();
  for (const r of rows) if (!homes.has(r.person_id)) homes.set(r.person_id, r.unit_id);
  return homes;
}
