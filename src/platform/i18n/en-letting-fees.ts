import type { daLettingFees } from "./da-letting-fees.ts";
import type { Messages } from "./messages.ts";

/** English texts of letting: fees (same keys as da-letting-fees.ts). */
export const enLettingFees: Messages<typeof daLettingFees> = {
  title: "",
};
