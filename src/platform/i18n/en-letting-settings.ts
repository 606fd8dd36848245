import type { daLettingSettings } from "./da-letting-settings.ts";
import type { Messages } from "./messages.ts";

/** English texts of letting: settings (same keys as da-letting-settings.ts). */
export const enLettingSettings: Messages<typeof daLettingSettings> = {
  title: "",
};
