import { z } from "zod";

/** The grounds that can qualify an applicant for flexible letting (fleksibel udlejning). */
export const flexibleCriteria = ["work", "education", "divorce", "care", "other"] as const;

/**
 * Every letting rule that varies between organisations (DOMAIN.md, "Letting"), with the default
 * given there. An organisation sets them in `organisations.settings_json.letting`; a department
 * may override any of them. Every decision records the values in force (see ranking/).
 */
export const lettingSettingsSchema = z.object({
  /** Minimum age to sign up (practice: 15). */
  minimumAge: z.number().int().min(0).max(30).default(15),
  /** Fees in øre: sign-up and yearly renewal per organisation list (practice: 300 kr). */
  signUpFeeOre: z.number().int().min(0).max(1_000_000).default(30_000),
  renewalFeeOre: z.number().int().min(0).max(1_000_000).default(30_000),
  /** Days between the unpaid-renewal reminder and removal from the list. */
  reminderDays: z.number().int().min(7).max(120).default(30),
  /** Municipal assignment (kommunal anvisning): every n-th vacant family unit (0 = none). */
  municipalAssignmentEvery: z.number().int().min(0).max(10).default(4),
  /** The department is exempt from municipal assignment. */
  municipalAssignmentExempt: z.boolean().default(false),
  /** Rehousing (genhusning) candidates come first when registered. */
  rehousingPriority: z.boolean().default(true),
  /** Flexible letting (fleksibel udlejning): share of lettings in percent, 0 = not used. */
  flexibleSharePercent: z.number().int().min(0).max(100).default(0),
  /** The criteria that qualify for flexible letting (any of them). */
  flexibleCriteria: z.array(z.enum(flexibleCriteria)).default(["work", "education"]),
  /** Families with children first for units with at least this many rooms (0 = off). */
  childrenPriorityMinRooms: z.number().int().min(0).max(10).default(3),
  /** Internal/external alternation: every second unit let from the lists goes to the internal list. */
  internalEvery: z.number().int().min(0).max(10).default(2),
  /** Kombineret udlejning: applicants on certain benefits may be refused in this department. */
  combinedLetting: z.boolean().default(false),
  /** At most this many persons per room. */
  maxPersonsPerRoom: z.number().int().min(1).max(5).default(2),
  /** Offers go to this many candidates at once. */
  offersPerRound: z.number().int().min(1).max(100).default(10),
  /** Days to answer an offer. */
  answerDays: z.number().int().min(1).max(30).default(5),
  /** After this many unanswered offers an applicant becomes passive (0 = never). */
  passiveAfterUnanswered: z.number().int().min(0).max(10).default(3),
  /** Quarantine in months after withdrawing an accepted offer (0 = none). */
  withdrawalQuarantineMonths: z.number().int().min(0).max(36).default(12),
  /** What happens to a new tenant's other applications. */
  afterLease: z.enum(["keep_internal", "keep_all", "remove_all"]).default("keep_internal"),
});

export type LettingSettings = z.output<typeof lettingSettingsSchema>;
export const defaultLettingSettings: LettingSettings = lettingSettingsSchema.parse({});

/** The organisation's values, then the department's overrides on top: what is in force there. */
export function effectiveSettings(
  organisation: Partial<LettingSettings> | undefined,
  department: Partial<LettingSettings> | undefined,
): LettingSettings {
  return lettingSettingsSchema.parse({ ...organisation, ...department });
}
