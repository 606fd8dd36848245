import { importFile } from "../modules/masterdata/index.ts";
import { type Actor, systemActor } from "../platform/audit.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { nowIso } from "../platform/clock.ts";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import { demoLogins, demoPassword } from "./demo-logins.ts";
import { csv, everywhere } from "./seeding.ts";

export { demoLogins, demoPassword };

/**
 * A small demo organisation, written through the same import path as real data: two departments,
 * six buildings, 24 units, households in the let units, and one login per role.
 */
const departments = [
  {
    number: 101,
    name: "Æblehaven",
    municipality: "0101",
    street: "Rosenvænget",
    first: 1,
    postcode: "2400",
    town: "København NV",
    year: 1968,
    board: "ja",
    labels: ["C", "D", "B"],
  },
  {
    number: 102,
    name: "Søparken",
    municipality: "0751",
    street: "Åboulevarden",
    first: 20,
    postcode: "8000",
    town: "Aarhus C",
    year: 1975,
    board: "nej",
    labels: ["C", "C", "A2015"],
  },
];
/** Made-up CPR numbers (born 1950–1989) so demo letters can go by Digital Post. */
function demoCpr(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, "0");
  const month = String(1 + (n % 12)).padStart(2, "0");
  const year = String(50 + (n % 40));
  return `${day}${month}${year}-${String(1000 + ((n * 37) % 3999)).padStart(4, "0")}`;
}
const demoCprBasis = "Lejeaftale (databeskyttelseslovens § 11, stk. 2, nr. 1)";

const firstNames = [
  "Mette",
  "Lars",
  "Sofie",
  "Mohammed",
  "Ida",
  "Bo",
  "Hanne",
  "Emil",
  "Aylin",
  "Jørgen",
  "Karen",
  "Niels",
  "Sara",
  "Ole",
  "Freja",
  "Ali",
  "Birgit",
];
const lastNames = [
  "Nielsen",
  "Sørensen",
  "Østergaard",
  "Jensen",
  "Hansen",
  "Kaya",
  "Lund",
  "Mølgaard",
  "Pedersen",
  "Andersen",
  "Ahmadi",
  "Bækgaard",
];
const partnerFirstNames = ["Anne", "Fatima", "Peter", "Karsten"];

function demoFiles() {
  const buildings: (string | number)[][] = [];
  const units: (string | number)[][] = [];
  const people: (string | number)[][] = [];
  const tenancies: (string | number)[][] = [];
  let unitNo = 1;
  let personNo = 1;
  for (const d of departments) {
    for (let b = 0; b < 3; b++) {
      const houseNumber = d.first + b * 2;
      const building = `B${d.number}-${b + 1}`;
      buildings.push([
        1,
        d.number,
        building,
        d.street,
        houseNumber,
        d.postcode,
        d.town,
        "",
        "",
        d.year,
        140,
        d.labels[b]!,
        `31${d.number}${b}000`,
        "2021-03-01",
        "2031-03-01",
      ]);
      for (let f = 0; f < 4; f++) {
        const i = b * 4 + f;
        const rooms = 1 + (i % 4);
        const unit = `${d.number}-${String(unitNo++).padStart(4, "0")}`;
        const vacant = i >= 10;
        const rent = `${3200 + rooms * 1450},00`;
        units.push([
          1,
          d.number,
          building,
          unit,
          d.street,
          houseNumber,
          f === 0 ? "st" : f,
          i % 2 === 0 ? "tv" : "th",
          d.postcode,
          d.town,
          i === 11 ? "youth" : "family",
          rooms,
          35 + rooms * 20,
          rent,
          vacant ? "vacant" : "let",
          f === 0 ? "ja" : "nej",
          f === 0 ? "ja" : "nej",
          "ja",
          i % 3 === 0 ? "ja" : "nej",
          "",
          "",
        ]);
        if (vacant) continue;
        // Units 101-0002..0004 are the demo resident's, the board member's and the chair's homes.
        const login = d.number === 101 && i >= 1 && i <= 3 ? demoLogins[i]! : undefined;
        const last = login
          ? login.name.split(" ").slice(1).join(" ")
          : lastNames[(unitNo + i) % lastNames.length]!;
        const tenant = `P-${personNo++}`;
        const partner = `P-${personNo++}`;
        people.push([
          1,
          tenant,
          login?.name ?? `${firstNames[(unitNo * 3) % firstNames.length]} ${last}`,
          "",
          login?.email ?? "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "da",
          // Every fifth household is exempt from Digital Post: its letters go on paper.
          !login && i % 5 === 4 ? "ja" : "nej",
          login ? "ja" : "nej",
          demoCpr(personNo),
          demoCprBasis,
        ]);
        people.push([
          1,
          partner,
          `${partnerFirstNames[i % partnerFirstNames.length]} ${last}`,
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "da",
          "nej",
          "nej",
          // Some partners have no CPR number on file: no Digital Post, so paper.
          i % 3 === 2 ? "" : demoCpr(personNo),
          i % 3 === 2 ? "" : demoCprBasis,
        ]);
        tenancies.push([
          1,
          `L-${unit}`,
          unit,
          `${2000 + ((unitNo * 7) % 25)}-04-01`,
          "",
          rent,
          `${tenant}:tenant|${partner}:co_tenant`,
        ]);
      }
    }
  }
  return {
    organisations: csv("number;name;cvr;street;house_number;floor;door;postcode;town", [
      [1, "Boligselskabet Rum for Liv", "10000009", "Vesterbrogade", 12, "", "", "1620", "København V"],
    ]),
    departments: csv(
      "organisation;number;name;municipality_code;street;house_number;postcode;town;construction_year;has_board",
      departments.map((d) => [
        1,
        d.number,
        d.name,
        d.municipality,
        d.street,
        d.first,
        d.postcode,
        d.town,
        d.year,
        d.board,
      ]),
    ),
    buildings: csv(
      "organisation;department;building_number;street;house_number;postcode;town;dar_id;bbr_uuid;construction_year;bbr_use_code;energy_label;energy_label_serial;energy_label_valid_from;energy_label_valid_to",
      buildings,
    ),
    units: csv(
      "organisation;department;building;unit_number;street;house_number;floor;door;postcode;town;kind;rooms;area_m2;rent;status;elevator;step_free;balcony_or_garden;pets_allowed;dar_id;bbr_unit_uuid",
      units,
    ),
    people: csv(
      "organisation;person_number;name;birth_date;email;phone;street;house_number;floor;door;postcode;town;language;digital_post_exempt;email_consent;cpr;cpr_legal_basis",
      people,
    ),
    tenancies: csv("organisation;tenancy_number;unit;start_date;end_date;rent_at_start;members", tenancies),
  };
}

/** Seeds the demo organisation when the database has none. Returns false when data exists. */
export async function seedDemo(ctx: AppContext, actor: Actor = systemActor): Promise<boolean> {
  const existing = await ctx.db.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  for (const [kind, text] of Object.entries(demoFiles()) as [Parameters<typeof importFile>[3], string][]) {
    const report = await importFile(ctx, actor, everywhere, kind, () => Buffer.from(text));
    if (!report.written)
      throw new Error(`Demo data for ${kind} did not import: ${JSON.stringify(report.errors.slice(0, 3))}`);
  }
  const org = await ctx.db
    .selectFrom("organisations")
    .select("id")
    .where("number", "=", 1)
    .executeTakeFirstOrThrow();
  const board = await ctx.db
    .selectFrom("departments")
    .select("id")
    .where("number", "=", 101)
    .executeTakeFirstOrThrow();
  const people = await ctx.db
    .selectFrom("people")
    .select(["id", "email"])
    .where("email", "is not", null)
    .execute();
  const passwordHash = await hashPassword(demoPassword);
  const now = nowIso(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    for (const login of demoLogins) {
      const userId = newId();
      const personId = people.find((p) => p.email === login.email)?.id ?? null;
      await trx
        .insertInto("users")
        .values({
          id: userId,
          email: login.email,
          name: login.name,
          password_hash: passwordHash,
          totp_secret_enc: null,
          totp_last_step: null,
          person_id: personId,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .execute();
      const global = login.role === "system_admin" || login.role === "housing_seeker";
      const inDepartment = ["resident", "board_member", "board_chair", "caretaker"].includes(login.role);
      const scope = global
        ? { organisation_id: null, department_id: null }
        : inDepartment
          ? { organisation_id: null, department_id: board.id }
          : { organisation_id: org.id, department_id: null };
      const roles =
        login.role === "board_member" || login.role === "board_chair"
          ? [login.role, "resident"]
          : [login.role];
      for (const role of roles) {
        await trx
          .insertInto("user_roles")
          .values({ id: newId(), user_id: userId, role, ...scope, created_at: now })
          .execute();
      }
    }
  });
  return true;
}
