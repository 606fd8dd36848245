import type { Role } from "../platform/access.ts";

/** The shared password of every demo login (printed at start; never used outside demo data). */
export const demoPassword = "almen-demo-2026";

export interface DemoLogin {
  role: Role;
  email: string;
  name: string;
}

export const demoLogins: DemoLogin[] = [
  { role: "housing_seeker", email: "boligsoger@almen.demo", name: "Sofie Boligsøger" },
  { role: "resident", email: "beboer@almen.demo", name: "Jens Ærø Beboer" },
  { role: "board_member", email: "bestyrelse@almen.demo", name: "Ahmed Bestyrelsesmedlem" },
  { role: "board_chair", email: "formand@almen.demo", name: "Birthe Formand" },
  { role: "caretaker", email: "vicevaert@almen.demo", name: "Lars Vicevært" },
  { role: "operations_manager", email: "driftschef@almen.demo", name: "Mette Driftschef" },
  { role: "letting_officer", email: "udlejning@almen.demo", name: "Ole Udlejning" },
  { role: "org_admin", email: "admin@almen.demo", name: "Karin Administrator" },
  { role: "system_admin", email: "system@almen.demo", name: "Søren Systemadministrator" },
];
