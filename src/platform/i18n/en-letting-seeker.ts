import type { daLettingSeeker } from "./da-letting-seeker.ts";
import type { Messages } from "./messages.ts";

/** English texts of letting: seeker (same keys as da-letting-seeker.ts). */
export const enLettingSeeker: Messages<typeof daLettingSeeker> = {
  title: "",
};
