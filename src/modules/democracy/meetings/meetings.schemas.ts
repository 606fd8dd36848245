import { z } from "zod";
import { isIsoDate } from "../../../platform/dates.ts";
import { meetingKinds } from "./meetings.table.ts";

/** Inputs of the meeting commands: the same schemas check the pages' forms and the API's bodies. */

const date = z.string().trim().refine(isIsoDate, { message: "meetings.errors.date_format" });
const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "meetings.errors.time_format" });
const title = z
  .string()
  .trim()
  .min(1, { message: "meetings.errors.title" })
  .max(200, { message: "meetings.errors.title_long" });
const longText = z.string().trim().max(20_000, { message: "meetings.errors.text_long" }).default("");
const count = z.coerce
  .number({ message: "meetings.errors.count" })
  .int({ message: "meetings.errors.count" })
  .min(0, { message: "meetings.errors.count" })
  .max(100_000, { message: "meetings.errors.count" });

export const meetingDetailsSchema = z.object({
  title,
  date,
  time,
  location: z
    .string()
    .trim()
    .min(1, { message: "meetings.errors.location" })
    .max(300, { message: "meetings.errors.location" }),
});
export type MeetingDetails = z.output<typeof meetingDetailsSchema>;

export const planMeetingSchema = meetingDetailsSchema.extend({
  department_id: z.string().trim().min(1, { message: "meetings.errors.department" }).max(64),
  kind: z.enum(meetingKinds, { message: "meetings.errors.kind" }),
});
export type PlanMeetingInput = z.output<typeof planMeetingSchema>;

export const agendaItemSchema = z.object({
  title,
  description: longText,
});
export type AgendaItemInput = z.output<typeof agendaItemSchema>;

const amountLine = z.object({
  label: z.string().trim().min(1, { message: "meetings.errors.amount_line" }).max(200),
  amountOre: z.number().int().min(-100_000_000_000).max(100_000_000_000),
});
export const economySchema = z.object({
  budget: z.array(amountLine).max(100),
  accounts: z.array(amountLine).max(100),
});
export type EconomyInput = z.output<typeof economySchema>;

export const proposalSchema = z
  .object({
    kind: z.enum(["proposal", "amendment"], { message: "meetings.errors.proposal_kind" }),
    amends_item_id: z.string().trim().max(64).default(""),
    title,
    body: z
      .string()
      .trim()
      .min(1, { message: "meetings.errors.proposal_body" })
      .max(20_000, { message: "meetings.errors.text_long" }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "amendment" && !v.amends_item_id)
      ctx.addIssue({ code: "custom", path: ["amends_item_id"], message: "meetings.errors.amends_item" });
  });
export type ProposalInput = z.output<typeof proposalSchema>;

export const reviewSchema = z.object({
  rank: z.coerce
    .number({ message: "meetings.errors.rank" })
    .int({ message: "meetings.errors.rank" })
    .min(1, { message: "meetings.errors.rank" })
    .max(1000, { message: "meetings.errors.rank" })
    .nullable()
    .default(null),
  comment: z.string().trim().max(5000, { message: "meetings.errors.text_long" }).default(""),
});
export type ReviewInput = z.output<typeof reviewSchema>;

export const itemDecisions = ["vote", "to_ballot", "to_digital_vote"] as const;

export const itemVotesSchema = z
  .object({
    votes_for: count,
    votes_against: count,
    votes_blank: count,
    /** "vote": the show of votes decides the item; otherwise it decides to send it on. */
    decision: z.enum(itemDecisions, { message: "meetings.errors.decision" }),
    ballot_opens_on: z.string().trim().default(""),
    ballot_closes_on: z.string().trim().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "to_ballot") return;
    for (const key of ["ballot_opens_on", "ballot_closes_on"] as const)
      if (!isIsoDate(v[key]))
        ctx.addIssue({ code: "custom", path: [key], message: "meetings.errors.date_format" });
  });
export type ItemVotesInput = z.output<typeof itemVotesSchema>;

export const minutesSchema = z.object({
  intro: z.string().trim().max(20_000, { message: "meetings.errors.text_long" }).default(""),
  items: z
    .array(
      z.object({
        id: z.string().max(64),
        minutes_text: z.string().trim().max(20_000, { message: "meetings.errors.text_long" }).default(""),
        decision_text: z.string().trim().max(5000, { message: "meetings.errors.text_long" }).default(""),
      }),
    )
    .max(200),
});
export type MinutesInput = z.output<typeof minutesSchema>;

export const checkInSchema = z.object({
  person_id: z.string().trim().min(1, { message: "meetings.errors.person" }).max(64),
});

/**
 * A condensed budget or accounts typed as lines "text; amount" (kroner, Danish or plain
 * notation): "Husleje; 4.250.000,00". Returns the lines in øre, or the first bad line's number.
 */
export function parseAmountLines(
  text: string,
): { lines: { label: string; amountOre: number }[] } | { badLine: number } {
  const lines: { label: string; amountOre: number }[] = [];
  const rows = text.split(/\r?\n/);
  for (const [i, raw] of rows.entries()) {
    const row = raw.trim();
    if (!row) continue;
    const cut = row.lastIndexOf(";");
    const label = cut > 0 ? row.slice(0, cut).trim() : "";
    const amount = cut > 0 ? row.slice(cut + 1).trim() : "";
    const ore = kronerToOre(amount);
    if (!label || ore === null) return { badLine: i + 1 };
    lines.push({ label, amountOre: ore });
  }
  return { lines };
}

function kronerToOre(text: string): number | null {
  const m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text.replace(/\s|kr\.?/g, ""));
  if (!m) return null;
  const whole = Number(m[2]!.replaceAll(".", ""));
  const ore = Number((m[3] ?? "0").padEnd(2, "0"));
  const value = whole * 100 + ore;
  return m[1] ? -value : value;
}

/** The lines again as the form shows them. */
export const amountLinesText = (lines: { label: string; amountOre: number }[]): string =>
  lines
    .map((l) => {
      const sign = l.amountOre < 0 ? "-" : "";
      const abs = Math.abs(l.amountOre);
      return `${l.label}; ${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
    })
    .join("\n");
