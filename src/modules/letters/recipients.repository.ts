import type { Kysely } from "kysely";
import type { Database } from "../../db/database-types.ts";
import { formatAddressLines } from "../masterdata/index.ts";

type Executor = Kysely<Database>;

export interface RecipientFacts {
  personId: string;
  name: string;
  email: string | null;
  language: "da" | "en";
  digitalPostExempt: boolean;
  hasCpr: boolean;
  emailConsent: boolean;
  emailFrequency: "immediate" | "daily_digest";
  /** The person's own postal address, when one is on file (else the home's address is used). */
  addressLines: string[] | null;
}

/** What the channel rules and the letter need to know about each recipient. */
export async function recipientFacts(
  db: Executor,
  personIds: string[],
): Promise<Map<string, RecipientFacts>> {
  const found = new Map<string, RecipientFacts>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom("people")
      .select([
        "id",
        "name",
        "email",
        "language",
        "is_digital_post_exempt",
        "has_email_consent",
        "email_frequency",
        "street",
        "house_number",
        "floor",
        "door",
        "postcode",
        "town",
      ])
      .select((eb) => eb("cpr_enc", "is not", null).as("has_cpr"))
      .where("id", "in", personIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      found.set(r.id, {
        personId: r.id,
        name: r.name,
        email: r.email,
        language: r.language,
        digitalPostExempt: r.is_digital_post_exempt,
        hasCpr: Boolean(r.has_cpr),
        emailConsent: r.has_email_consent,
        emailFrequency: r.email_frequency,
        addressLines:
          r.street && r.house_number && r.postcode && r.town
            ? formatAddressLines({
                street: r.street,
                houseNumber: r.house_number,
                floor: r.floor,
                door: r.door,
                postcode: r.postcode,
                town: r.town,
              })
            : null,
      });
    }
  }
  return found;
}

export interface HomeFacts {
  unitId: string;
  unitNumber: string;
  departmentId: string;
  departmentName: string;
  addressLines: string[];
  oneLine: string;
}

/** The homes letters are about: unit number, department and the letter address. */
export async function homeFacts(db: Executor, unitIds: string[]): Promise<Map<string, HomeFacts>> {
  const found = new Map<string, HomeFacts>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom("units as u")
      .innerJoin("departments as d", "d.id", "u.department_id")
      .select([
        "u.id",
        "u.unit_number",
        "u.department_id",
        "d.name as department_name",
        "u.street",
        "u.house_number",
        "u.floor",
        "u.door",
        "u.postcode",
        "u.town",
      ])
      .where("u.id", "in", unitIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const lines = formatAddressLines({
        street: r.street,
        houseNumber: r.house_number,
        floor: r.floor,
        door: r.door,
        postcode: r.postcode,
        town: r.town,
      });
      found.set(r.id, {
        unitId: r.id,
        unitNumber: r.unit_number,
        departmentId: r.department_id,
        departmentName: r.department_name,
        addressLines: lines,
        oneLine: lines.join(", "),
      });
    }
  }
  return found;
}

export interface SenderFacts {
  id: string;
  name: string;
  cvr: string | null;
  addressLines: string[];
}

export async function senderFacts(db: Executor, organisationId: string): Promise<SenderFacts | undefined> {
  const o = await db
    .selectFrom("organisations")
    .select(["id", "name", "cvr", "street", "house_number", "floor", "door", "postcode", "town"])
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (!o) return undefined;
  const addressLines =
    o.street && o.house_number && o.postcode && o.town
      ? formatAddressLines({
          street: o.street,
          houseNumber: o.house_number,
          floor: o.floor,
          door: o.door,
          postcode: o.postcode,
          town: o.town,
        })
      : [];
  return { id: o.id, name: o.name, cvr: o.cvr, addressLines };
}
