import { z } from "zod";
import type { AddressParts } from "../address.ts";
import {
  type HouseholdRole,
  householdRoles,
  type UnitKind,
  type UnitStatus,
  unitKinds,
  unitStatuses,
} from "../masterdata.table.ts";
import { addressSchema, cvrSchema, energyLabelClasses, parseCpr } from "../rules/index.ts";
import {
  area,
  date,
  kroner,
  oneOf,
  optionalDate,
  optionalEmail,
  optionalText,
  optionalUuid,
  optionalWholeNumber,
  text,
  wholeNumber,
  yesNo,
} from "./cells.ts";
import type { CellError, Parsed } from "./kinds.ts";

/** How one CSV row of each kind becomes a typed record (validated, normalised). */
const addressColumns = {
  street: "street",
  houseNumber: "house_number",
  floor: "floor",
  door: "door",
  postcode: "postcode",
  town: "town",
} as const;

function issuesToCells(
  issues: readonly z.core.$ZodIssue[],
  rename: Record<string, string> = {},
): CellError[] {
  return issues.map((i) => {
    const field = String(i.path[0] ?? "");
    return { column: rename[field] ?? field, message: i.message };
  });
}

/** DAR address from the row's address columns; `optional` lets a wholly blank address be null. */
function parseAddress(
  values: Record<string, string>,
  optional: boolean,
): { address: AddressParts | null; errors: CellError[] } {
  const input = Object.fromEntries(Object.entries(addressColumns).map(([k, col]) => [k, values[col] ?? ""]));
  if (optional && Object.values(input).every((v) => v.trim() === "")) return { address: null, errors: [] };
  const r = addressSchema.safeParse(input);
  if (!r.success) return { address: null, errors: issuesToCells(r.error.issues, addressColumns) };
  return { address: { ...r.data, floor: r.data.floor ?? null, door: r.data.door ?? null }, errors: [] };
}

function combine<R>(
  base: z.ZodSafeParseResult<R>,
  extra: CellError[],
  build: (r: R) => unknown,
): Parsed<never> | { ok: true; record: unknown } {
  const errors = [...(base.success ? [] : issuesToCells(base.error.issues)), ...extra];
  if (errors.length || !base.success) return { ok: false, errors };
  return { ok: true, record: build(base.data) };
}

const orgNumber = wholeNumber(1, 99_999);

export interface OrganisationRecord {
  number: number;
  name: string;
  cvr: string | null;
  address: AddressParts | null;
}
const organisationCells = z.object({
  number: orgNumber,
  name: text(),
  cvr: z
    .string()
    .transform((v) => v.trim())
    .pipe(z.union([z.literal("").transform(() => null), cvrSchema])),
});

export interface DepartmentRecord {
  organisation: number;
  number: number;
  name: string;
  municipalityCode: string | null;
  address: Omit<AddressParts, "floor" | "door"> | null;
  constructionYear: number | null;
  hasBoard: boolean;
}
const departmentCells = z.object({
  organisation: orgNumber,
  number: wholeNumber(1, 999_999),
  name: text(),
  municipality_code: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/, { message: "masterdata.errors.municipality_code" })
    .transform((v) => v || null),
  construction_year: optionalWholeNumber(1600, 2100),
  has_board: yesNo,
});

export interface BuildingRecord {
  organisation: number;
  department: number;
  buildingNumber: string;
  address: Omit<AddressParts, "floor" | "door">;
  darId: string | null;
  bbrUuid: string | null;
  constructionYear: number | null;
  bbrUseCode: string | null;
  energyLabel: string | null;
  energyLabelSerial: string | null;
  energyLabelValidFrom: string | null;
  energyLabelValidTo: string | null;
}
const buildingCells = z
  .object({
    organisation: orgNumber,
    department: wholeNumber(1, 999_999),
    building_number: text(),
    dar_id: optionalUuid,
    bbr_uuid: optionalUuid,
    construction_year: optionalWholeNumber(1600, 2100),
    bbr_use_code: z
      .string()
      .trim()
      .regex(/^(\d{3})?$/, { message: "masterdata.errors.bbr_use_code" })
      .transform((v) => v || null),
    energy_label: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => v === "" || (energyLabelClasses as readonly string[]).includes(v), {
        message: "masterdata.errors.energy_label",
      })
      .transform((v) => v || null),
    energy_label_serial: optionalText,
    energy_label_valid_from: optionalDate,
    energy_label_valid_to: optionalDate,
  })
  .refine(
    (b) =>
      !b.energy_label_valid_from ||
      !b.energy_label_valid_to ||
      b.energy_label_valid_to > b.energy_label_valid_from,
    {
      message: "masterdata.errors.valid_to_before_from",
      path: ["energy_label_valid_to"],
    },
  );

export interface UnitRecord {
  organisation: number;
  department: number;
  building: string | null;
  unitNumber: string;
  address: AddressParts;
  kind: UnitKind;
  rooms: number;
  areaM2: number;
  rentOre: number;
  status: UnitStatus;
  hasElevator: boolean;
  hasStepFreeAccess: boolean;
  hasBalconyOrGarden: boolean;
  isPetsAllowed: boolean;
  darId: string | null;
  bbrUnitUuid: string | null;
}
const unitCells = z.object({
  organisation: orgNumber,
  department: wholeNumber(1, 999_999),
  building: optionalText,
  unit_number: text(),
  kind: oneOf(unitKinds, "masterdata.errors.unit_kind"),
  rooms: wholeNumber(1, 20),
  area_m2: area,
  rent: kroner,
  status: oneOf(unitStatuses, "masterdata.errors.unit_status"),
  elevator: yesNo,
  step_free: yesNo,
  balcony_or_garden: yesNo,
  pets_allowed: yesNo,
  dar_id: optionalUuid,
  bbr_unit_uuid: optionalUuid,
});

export interface PersonRecord {
  organisation: number;
  personNumber: string;
  name: string;
  birthDate: string | null;
  email: string | null;
  phone: string | null;
  address: AddressParts | null;
  language: "da" | "en";
  isDigitalPostExempt: boolean;
  hasEmailConsent: boolean;
  /** Normalised "DDMMYY-SSSS"; null when the cell is blank (the stored number is then kept). */
  cpr: string | null;
  cprLegalBasis: string | null;
}
const personCells = z.object({
  organisation: orgNumber,
  person_number: text(),
  name: text(),
  birth_date: optionalDate,
  email: optionalEmail,
  phone: z
    .string()
    .trim()
    .regex(/^(\+?[\d ]{8,16})?$/, { message: "masterdata.errors.phone" })
    .transform((v) => v.replace(/\s+/g, " ") || null),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v || "da")
    .pipe(z.enum(["da", "en"], { message: "masterdata.errors.language" })),
  digital_post_exempt: yesNo,
  email_consent: yesNo,
  cpr: z.string().optional().default(""),
  cpr_legal_basis: z
    .string()
    .optional()
    .default("")
    .transform((v) => v.trim() || null),
});

export interface TenancyRecord {
  organisation: number;
  tenancyNumber: string;
  unit: string;
  startDate: string;
  endDate: string | null;
  rentAtStartOre: number;
  members: { person: string; role: HouseholdRole }[];
}
const memberList = z.string().transform((v, ctx) => {
  const members: { person: string; role: HouseholdRole }[] = [];
  for (const part of v
    .split("|")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [person, role] = part.split(":").map((s) => s.trim());
    if (!person || !householdRoles.includes(role as HouseholdRole)) {
      ctx.addIssue({ code: "custom", message: "masterdata.errors.members" });
      return z.NEVER;
    }
    members.push({ person, role: role as HouseholdRole });
  }
  if (!members.some((m) => m.role === "tenant"))
    ctx.addIssue({ code: "custom", message: "masterdata.errors.members_tenant" });
  return members;
});
const tenancyCells = z
  .object({
    organisation: orgNumber,
    tenancy_number: text(),
    unit: text(),
    start_date: date,
    end_date: optionalDate,
    rent_at_start: kroner,
    members: memberList,
  })
  .refine((t) => !t.end_date || t.end_date >= t.start_date, {
    message: "masterdata.errors.end_before_start",
    path: ["end_date"],
  });

const withoutFloorDoor = (a: AddressParts) => ({
  street: a.street,
  houseNumber: a.houseNumber,
  postcode: a.postcode,
  town: a.town,
});

export function parseOrganisation(v: Record<string, string>): Parsed<OrganisationRecord> {
  const { address, errors } = parseAddress(v, true);
  return combine(organisationCells.safeParse(v), errors, (c) => ({
    ...c,
    address,
  })) as Parsed<OrganisationRecord>;
}

export function parseDepartment(v: Record<string, string>): Parsed<DepartmentRecord> {
  const { address, errors } = parseAddress({ ...v, floor: "", door: "" }, true);
  return combine(departmentCells.safeParse(v), errors, (c) => ({
    organisation: c.organisation,
    number: c.number,
    name: c.name,
    municipalityCode: c.municipality_code,
    address: address && withoutFloorDoor(address),
    constructionYear: c.construction_year,
    hasBoard: c.has_board,
  })) as Parsed<DepartmentRecord>;
}

export function parseBuilding(v: Record<string, string>): Parsed<BuildingRecord> {
  const { address, errors } = parseAddress({ ...v, floor: "", door: "" }, false);
  return combine(buildingCells.safeParse(v), errors, (c) => ({
    organisation: c.organisation,
    department: c.department,
    buildingNumber: c.building_number,
    address: withoutFloorDoor(address!),
    darId: c.dar_id,
    bbrUuid: c.bbr_uuid,
    constructionYear: c.construction_year,
    bbrUseCode: c.bbr_use_code,
    energyLabel: c.energy_label,
    energyLabelSerial: c.energy_label_serial,
    energyLabelValidFrom: c.energy_label_valid_from,
    energyLabelValidTo: c.energy_label_valid_to,
  })) as Parsed<BuildingRecord>;
}

export function parseUnit(v: Record<string, string>): Parsed<UnitRecord> {
  const { address, errors } = parseAddress(v, false);
  return combine(unitCells.safeParse(v), errors, (c) => ({
    organisation: c.organisation,
    department: c.department,
    building: c.building,
    unitNumber: c.unit_number,
    address: address!,
    kind: c.kind,
    rooms: c.rooms,
    areaM2: c.area_m2,
    rentOre: c.rent,
    status: c.status,
    hasElevator: c.elevator,
    hasStepFreeAccess: c.step_free,
    hasBalconyOrGarden: c.balcony_or_garden,
    isPetsAllowed: c.pets_allowed,
    darId: c.dar_id,
    bbrUnitUuid: c.bbr_unit_uuid,
  })) as Parsed<UnitRecord>;
}

export function parsePerson(v: Record<string, string>): Parsed<PersonRecord> {
  const { address, errors } = parseAddress(v, true);
  const cprCell = (v.cpr ?? "").trim();
  const cpr = cprCell ? parseCpr(cprCell) : null;
  if (cpr && !cpr.ok) errors.push({ column: "cpr", message: cpr.error });
  if (cpr?.ok && !(v.cpr_legal_basis ?? "").trim())
    errors.push({ column: "cpr_legal_basis", message: "masterdata.errors.cpr_legal_basis" });
  return combine(personCells.safeParse(v), errors, (c) => ({
    organisation: c.organisation,
    personNumber: c.person_number,
    name: c.name,
    birthDate: c.birth_date ?? (cpr?.ok ? cpr.birthDate : null),
    email: c.email,
    phone: c.phone,
    address,
    language: c.language,
    isDigitalPostExempt: c.digital_post_exempt,
    hasEmailConsent: c.email_consent,
    cpr: cpr?.ok ? cpr.normalised : null,
    cprLegalBasis: c.cpr_legal_basis,
  })) as Parsed<PersonRecord>;
}

export function parseTenancy(v: Record<string, string>): Parsed<TenancyRecord> {
  return combine(tenancyCells.safeParse(v), [], (c) => ({
    organisation: c.organisation,
    tenancyNumber: c.tenancy_number,
    unit: c.unit,
    startDate: c.start_date,
    endDate: c.end_date,
    rentAtStartOre: c.rent_at_start,
    members: c.members,
  })) as Parsed<TenancyRecord>;
}
