/**
 * The demo logins that src/seed/demo.ts seeds (ALMEN_DEMO=true). Copied rather than imported, so
 * the journeys treat almen as a black box and load none of its modules into the test process.
 */
export const demoPassword = "almen-demo-2026";

export const demoLogins = [
  { role: "housing_seeker", email: "boligsoger@almen.demo", name: "Sofie Boligsøger" },
  { role: "resident", email: "beboer@almen.demo", name: "Jens Ærø Beboer" },
  { role: "board_member", email: "bestyrelse@almen.demo", name: "Ahmed Bestyrelsesmedlem" },
  { role: "board_chair", email: "formand@almen.demo", name: "Birthe Formand" },
  { role: "caretaker", email: "vicevaert@almen.demo", name: "Lars Vicevært" },
  { role: "operations_manager", email: "driftschef@almen.demo", name: "Mette Driftschef" },
  { role: "letting_officer", email: "udlejning@almen.demo", name: "Ole Udlejning" },
  { role: "org_admin", email: "admin@almen.demo", name: "Karin Administrator" },
  { role: "system_admin", email: "system@almen.demo", name: "Søren Systemadministrator" },
] as const;

/** Staff roles must set up TOTP at their first login. */
export const staffRoles: ReadonlySet<string> = new Set([
  "caretaker",
  "operations_manager",
  "letting_officer",
  "org_admin",
  "system_admin",
]);

export const byRole = (role: (typeof demoLogins)[number]["role"]) => demoLogins.find((l) => l.role === role)!;
