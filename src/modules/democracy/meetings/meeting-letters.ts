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
import { leaseHolders } from "./households.repository.ts";
import type { AgendaItemRow, MeetingRow } from "./meetings.repository.ts";

/**
 * The two letters of a meeting to every household of the department: the notice when it is
 * convened (letter type meeting_notice, with the agenda and the proposal deadline) and the final
 * agenda a week before (a notice with agenda, proposals, condensed budget and accounts). Each
 * lease holder gets their own letter, in their own language: Digital Post is personal.
 * The PDFs are rendered before the transaction; `recordMeetingLetters` writes them inside it.
 */

export type MeetingLetterKind = "convening" | "final_agenda";

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
