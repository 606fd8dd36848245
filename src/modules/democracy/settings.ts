import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "../../db/database-types.ts";
import type { Executor } from "../../platform/audit.ts";

/**
 * Every resident-democracy rule that varies between organisations (DOMAIN.md, "Resident
 * democracy"), with the default given there. Stored in `organisations.settings_json.democracy`.
 */
export const democracySettingsSchema = z.object({
  /** Notice for an ordinary meeting, in weeks (the law: at least 4). */
  ordinaryNoticeWeeks: z.number().int().min(4).max(12).default(4),
  /** Notice for an extraordinary meeting, in weeks (the law: at least 2). */
  extraordinaryNoticeWeeks: z.number().int().min(2).max(12).default(2),
  /** Proposals must reach the board this many weeks before the meeting (Lejerbo: 2). */
  proposalDeadlineWeeks: z.number().int().min(1).max(8).default(2),
  /** Final agenda, proposals, budget and accounts available this many weeks before (at least 1). */
  finalAgendaWeeks: z.number().int().min(1).max(4).default(1),
  /** An extraordinary meeting is convened within this many weeks of a valid demand. */
  demandConveneWeeks: z.number().int().min(1).max(4).default(2),
  /** Share of households, in percent, whose demand forces an extraordinary meeting. */
  demandThresholdPercent: z.number().int().min(1).max(100).default(25),
  /** Days a digital vote stays open after the meeting. */
  digitalVoteDays: z.number().int().min(1).max(30).default(7),
  /** A household with one adult may cast both of its votes. */
  soleAdultCastsBoth: z.boolean().default(true),
  /** Board members' terms in years (half the board is elected each year). */
  boardTermYears: z.number().int().min(1).max(4).default(2),
  /** Alternates' terms in years. */
  alternateTermYears: z.number().int().min(1).max(2).default(1),
});

export type DemocracySettings = z.output<typeof democracySettingsSchema>;
export const defaultDemocracySettings: DemocracySettings = democracySettingsSchema.parse({});
export type DemocracySettingKey = keyof DemocracySettings;

/** Keeps only stored values that are still valid; anything else falls back to the default. */
export function validDemocracySettings(raw: unknown): DemocracySettings {
  const out: Record<string, unknown> = {};
  if (raw && typeof raw === "object") {
    for (const key of Object.keys(democracySettingsSchema.shape) as DemocracySettingKey[]) {
      const parsed = democracySettingsSchema.shape[key].safeParse((raw as Record<string, unknown>)[key]);
      if (parsed.success && (raw as Record<string, unknown>)[key] !== undefined) out[key] = parsed.data;
    }
  }
  return democracySettingsSchema.parse(out);
}

/** The democracy rule values in force for an organisation: one query. */
export async function democracySettingsFor(
  db: Kysely<Database> | Executor,
  organisationId: string,
): Promise<DemocracySettings> {
  const org = await db
    .selectFrom("organisations")
    .select("settings_json")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  const settings = org?.settings_json as Record<string, unknown> | null | undefined;
  return validDemocracySettings(settings?.democracy);
}
