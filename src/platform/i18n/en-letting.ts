import { enLettingApplicants } from "./en-letting-applicants.ts";
import { enLettingFees } from "./en-letting-fees.ts";
import { enLettingRanking } from "./en-letting-ranking.ts";
import { enLettingSeeker } from "./en-letting-seeker.ts";
import { enLettingSettings } from "./en-letting-settings.ts";
import { enLettingStaff } from "./en-letting-staff.ts";

/** Texts of letting, one file per area so each can grow on its own. */
export const enLetting = {
  settings: enLettingSettings,
  fees: enLettingFees,
  seeker: enLettingSeeker,
  staff: enLettingStaff,
  ranking: enLettingRanking,
  applicants: enLettingApplicants,
};
