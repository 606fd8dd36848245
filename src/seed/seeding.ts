import type { Principal, Reach } from "../platform/access.ts";

/** What the demo seeds share: who seeds, where, and the CSV text their imports read. */

/** The seeds act as a system administrator, through the same services and checks as staff. */
export const seeder: Principal = {
  userId: "seed",
  grants: [{ role: "system_admin", organisationId: null, departmentId: null }],
};

/** The reach of the seeds' imports: every organisation. */
export const everywhere: Reach = { all: true, organisationIds: [], departmentIds: [] };

/** A CSV file's text: the header, then one `;`-separated line per row. */
export const csv = (header: string, rows: (string | number)[][]) =>
  [header, ...rows.map((r) => r.join(";"))].join("\n");
