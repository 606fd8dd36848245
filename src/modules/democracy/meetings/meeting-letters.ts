import type { Executor } from "../../../platform/audit.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ValidationError } from "../../../platform/errors.ts";
import type { Lang } from "../../../platform/i18n/index.ts";
import { newId } from "../../../platform/ids.ts";
import {
  type LetterRecipient,
  type PreparedLetter,
  prepareLetters,
  recordLetters,
} from "../../letters/index.ts";
import { amountLinesForLetter, meetingTime, translator } from "./explain.ts";
import { homesIn, leaseHolders } from "./households.repository.ts";
import type { AgendaItemRow, MeetingRow } from "./meetings.repository.ts";

/**
 * The letters of a meeting to the households of the department: the notice when it is convened
 * (letter type meeting_notice, with the agenda and the proposal deadline), the final agenda a week
 * before (a notice with agenda, proposals, condensed budget and accounts), and — if it is called
 * off after the notice went out — a notice that it is cancelled, to everyone who got one of the
 * first two. Each lease holder gets their own letter, in their own language: Digital Post is
 * personal. The PDFs are rendered before the transaction; `recordMeetingLetters` writes them inside it.
 */

export type MeetingLetterKind = "convening" | "final_agenda" | "cancellation";

export interface MeetingLetters {
  batchId: string;
  kind: MeetingLetterKind;
  title: string;
  prepared: PreparedLetter[];
  organisationId: string;
  departmentId: string;
}

const agendaLines = (agenda: AgendaItemRow[]) =>
  agenda.map((item, i) => `${i + 1}. ${item.title}`).join("\n");

function conveningMessage(m: MeetingRow, agenda: AgendaItemRow[], lang: Lang): string {
  const t = translator(lang);
  return [
    t("meetings.letters.when_where", { when: meetingTime(m.starts_at, lang), location: m.location }),
    `${t("meetings.letters.agenda")}\n${agendaLines(agenda)}`,
    t("meetings.letters.online"),
  ].join("\n\n");
}

function finalAgendaMessage(m: MeetingRow, agenda: AgendaItemRow[], lang: Lang): string {
  const t = translator(lang);
  const parts = [
    t("meetings.letters.final_intro", { when: meetingTime(m.starts_at, lang), location: m.location }),
    `${t("meetings.letters.agenda")}\n${agendaLines(agenda)}`,
  ];
  const budget = m.budget_json as MeetingRow["budget_json"];
  const accounts = m.accounts_json as MeetingRow["accounts_json"];
  if (budget.length) parts.push(`${t("meetings.letters.budget")}\n${amountLinesForLetter(budget, lang)}`);
  if (accounts.length)
    parts.push(`${t("meetings.letters.accounts")}\n${amountLinesForLetter(accounts, lang)}`);
  parts.push(t("meetings.letters.final_online"));
  return parts.join("\n\n");
}

/** Writes (and renders) one letter per lease holder of the department's current households. */
export async function prepareMeetingLetters(
  ctx: AppContext,
  m: MeetingRow,
  agenda: AgendaItemRow[],
  kind: MeetingLetterKind,
  createdBy: string | null,
  proposalDeadline: string,
): Promise<MeetingLetters> {
  const holders = await leaseHolders(ctx.db, m.department_id, todayInCopenhagen(ctx.clock));
  if (holders.length === 0) throw new ValidationError({ _form: "meetings.errors.no_households" });
  const batchId = newId();
  const recipients: LetterRecipient[] = holders.map((h) => {
    const lang: Lang = h.language === "en" ? "en" : "da";
    const t = translator(lang);
    return {
      personId: h.person_id,
      unitId: h.unit_id,
      values:
        kind === "convening"
          ? { message: conveningMessage(m, agenda, lang) }
          : {
              subject: t("meetings.letters.final_subject", {
                department: m.department_name,
                date: meetingTime(m.starts_at, lang),
              }),
              message: finalAgendaMessage(m, agenda, lang),
            },
    };
  });
  const prepared = await prepareLetters(ctx, {
    organisationId: m.organisation_id,
    departmentId: m.department_id,
    letterType: kind === "convening" ? "meeting_notice" : "notice",
    recipients,
    values: { meeting_date: { date: m.meeting_date }, deadline: { date: proposalDeadline } },
    batchId,
    createdBy,
  });
  const title = translator("da")(`meetings.letters.batch_${kind}`, {
    department: `${m.department_number} ${m.department_name}`,
    date: m.meeting_date,
  });
  return { batchId, kind, title, prepared, organisationId: m.organisation_id, departmentId: m.department_id };
}

/**
 * The households told about the meeting: the recipients of its notice and final agenda letters
 * (each once), with the home in the department they had. A meeting convened before its batches were
 * remembered falls back to the department's lease holders today.
 */
async function toldAbout(ctx: AppContext, m: MeetingRow) {
  const batches = [m.notice_batch_id, m.final_agenda_batch_id].filter((b): b is string => !!b);
  if (batches.length === 0) return leaseHolders(ctx.db, m.department_id, todayInCopenhagen(ctx.clock));
  const people = await ctx.db
    .selectFrom("letters as l")
    .innerJoin("people as p", "p.id", "l.recipient_person_id")
    .select(["l.recipient_person_id as person_id", "p.language"])
    .where("l.batch_id", "in", batches)
    .distinct()
    .orderBy("l.recipient_person_id")
    .execute();
  const homes = await homesIn(
    ctx.db,
    m.department_id,
    people.map((p) => p.person_id),
  );
  return people.map((p) => ({ ...p, unit_id: homes.get(p.person_id) ?? null }));
}

/** Writes (and renders) the letter that the meeting is called off, to everyone told about it. */
export async function prepareCancellationLetters(
  ctx: AppContext,
  m: MeetingRow,
  createdBy: string | null,
): Promise<MeetingLetters> {
  const recipients: LetterRecipient[] = (await toldAbout(ctx, m)).map((h) => {
    const lang: Lang = h.language === "en" ? "en" : "da";
    const t = translator(lang);
    const when = meetingTime(m.starts_at, lang);
    return {
      personId: h.person_id,
      unitId: h.unit_id,
      values: {
        subject: t("meetings.letters.cancel_subject", { department: m.department_name, date: when }),
        message: t("meetings.letters.cancel_message", { when, location: m.location }),
      },
    };
  });
  const batchId = newId();
  const prepared = recipients.length
    ? await prepareLetters(ctx, {
        organisationId: m.organisation_id,
        departmentId: m.department_id,
        letterType: "notice",
        recipients,
        batchId,
        createdBy,
      })
    : [];
  const title = translator("da")("meetings.letters.batch_cancellation", {
    department: `${m.department_number} ${m.department_name}`,
    date: m.meeting_date,
  });
  return {
    batchId,
    kind: "cancellation",
    title,
    prepared,
    organisationId: m.organisation_id,
    departmentId: m.department_id,
  };
}

/** Records the letters and their batch in the caller's transaction (the transactional outbox). */
export async function recordMeetingLetters(
  trx: Executor,
  letters: MeetingLetters,
  at: string,
  createdBy: string | null,
) {
  await trx
    .insertInto("letter_batches")
    .values({
      id: letters.batchId,
      organisation_id: letters.organisationId,
      department_id: letters.departmentId,
      letter_type: letters.kind === "convening" ? "meeting_notice" : "notice",
      title: letters.title,
      audience_json: { kind: "department", label: letters.title },
      letter_count: letters.prepared.length,
      created_by: createdBy,
      created_at: at,
    })
    .execute();
  await recordLetters(trx, letters.prepared);
}
