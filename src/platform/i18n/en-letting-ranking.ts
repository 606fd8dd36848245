import type { daLettingRanking } from "./da-letting-ranking.ts";
import type { Messages } from "./messages.ts";

/** English texts of letting: ranking (same keys as da-letting-ranking.ts). */
export const enLettingRanking: Messages<typeof daLettingRanking> = {
  title: "",
};
