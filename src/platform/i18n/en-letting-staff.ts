import type { daLettingStaff } from "./da-letting-staff.ts";
import type { Messages } from "./messages.ts";

/** English texts of letting: staff (same keys as da-letting-staff.ts). */
export const enLettingStaff: Messages<typeof daLettingStaff> = {
  title: "",
};
