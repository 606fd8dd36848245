import { daLettingApplicants } from "./da-letting-applicants.ts";
import { daLettingFees } from "./da-letting-fees.ts";
import { daLettingRanking } from "./da-letting-ranking.ts";
import { daLettingSeeker } from "./da-letting-seeker.ts";
import { daLettingSettings } from "./da-letting-settings.ts";
import { daLettingStaff } from "./da-letting-staff.ts";

/** Texts of letting, one file per area so each can grow on its own. */
export const daLetting = {
  settings: daLettingSettings,
  fees: daLettingFees,
  seeker: daLettingSeeker,
  staff: daLettingStaff,
  ranking: daLettingRanking,
  applicants: daLettingApplicants,
};
