/** The demo logins that src/seed/demo.ts seeds (ALMEN_DEMO=true): one list, shared with the app. */
import { staffRoles } from "../src/platform/access.ts";
import { demoLogins, demoPassword } from "../src/seed/demo-logins.ts";

export { demoLogins, demoPassword, staffRoles };

export const byRole = (role: (typeof demoLogins)[number]["role"]) => demoLogins.find((l) => l.role === role)!;
