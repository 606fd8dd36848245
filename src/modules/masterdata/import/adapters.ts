import { oneLineAddress } from "../address.ts";
import type { CellError, ImportKind, Parsed } from "./kinds.ts";
import { keyOf, type Lookups } from "./lookups.ts";
import {
  parseBuilding,
  parseDepartment,
  parseOrganisation,
  parsePerson,
  parseTenancy,
  parseUnit,
} from "./rows.ts";

/** A CSV row resolved against the database: the table row it should become. */
export interface Resolved {
  organisationId: string;
  /** null for a new organisation: its id is made when written. */
  departmentId: string | null;
  /** The external key within the organisation (unit number, person number, …). */
  externalKey: string;
  values: Record<string, unknown>;
  /** Tenancies: the household, as person ids with roles. */
  members?: { personId: string; role: string }[];
  /** People: the CPR number to store (encrypted), when the file has one. */
  cpr?: string | null;
}

export type Resolution = { ok: true; resolved: Resolved } | { ok: false; errors: CellError[] };

export interface Adapter {
  table: "organisations" | "departments" | "buildings" | "units" | "people" | "tenancies";
  /** The column holding the external key, as the table names it. */
  keyColumn: string;
  resolve(values: Record<string, string>, look: Lookups): Resolution;
}

const fail = (column: string, message: string): Resolution => ({ ok: false, errors: [{ column, message }] });

function withParsed<R extends { organisation?: number }>(
  parsed: Parsed<R>,
  look: Lookups,
  orgOf: (r: R) => number,
  then: (r: R, orgId: string) => Resolution,
): Resolution {
  if (!parsed.ok) return parsed;
  const orgId = look.organisations.get(orgOf(parsed.record));
  if (!orgId) return fail("organisation", "masterdata.errors.organisation_unknown");
  return then(parsed.record, orgId);
}

const address = (a: { street: string; houseNumber: string; postcode: string; town: string } | null) => ({
  street: a?.street ?? null,
  house_number: a?.houseNumber ?? null,
  postcode: a?.postcode ?? null,
  town: a?.town ?? null,
});

/** The address columns with floor and door, for records that have them (organisations, people). */
const addressWithUnit = (
  a: {
    street: string;
    houseNumber: string;
    floor: string | null;
    door: string | null;
    postcode: string;
    town: string;
  } | null,
) => ({
  ...address(a),
  floor: a?.floor ?? null,
  door: a?.door ?? null,
});

export const adapters: Record<ImportKind, Adapter> = {
  organisations: {
    table: "organisations",
    keyColumn: "number",
    resolve(v, look) {
      const p = parseOrganisation(v);
      if (!p.ok) return p;
      const r = p.record;
      const id = look.organisations.get(r.number) ?? "";
      return {
        ok: true,
        resolved: {
          organisationId: id,
          departmentId: null,
          externalKey: String(r.number),
          values: {
            number: r.number,
            name: r.name,
            cvr: r.cvr,
            ...addressWithUnit(r.address),
          },
        },
      };
    },
  },
  departments: {
    table: "departments",
    keyColumn: "number",
    resolve: (v, look) =>
      withParsed(
        parseDepartment(v),
        look,
        (r) => r.organisation,
        (r, orgId) => ({
          ok: true,
          resolved: {
            organisationId: orgId,
            departmentId: look.departments.get(keyOf(orgId, r.number))?.id ?? null,
            externalKey: String(r.number),
            values: {
              organisation_id: orgId,
              number: r.number,
              name: r.name,
              municipality_code: r.municipalityCode,
              ...address(r.address),
              construction_year: r.constructionYear,
              has_board: r.hasBoard,
            },
          },
        }),
      ),
  },
  buildings: {
    table: "buildings",
    keyColumn: "building_number",
    resolve: (v, look) =>
      withParsed(
        parseBuilding(v),
        look,
        (r) => r.organisation,
        (r, orgId) => {
          const dept = look.departments.get(keyOf(orgId, r.department));
          if (!dept) return fail("department", "masterdata.errors.department_unknown");
          return {
            ok: true,
            resolved: {
              organisationId: orgId,
              departmentId: dept.id,
              externalKey: r.buildingNumber,
              values: {
                organisation_id: orgId,
                department_id: dept.id,
                building_number: r.buildingNumber,
                ...address(r.address),
                dar_id: r.darId,
                bbr_uuid: r.bbrUuid,
                construction_year: r.constructionYear,
                bbr_use_code: r.bbrUseCode,
                energy_label: r.energyLabel,
                energy_label_serial: r.energyLabelSerial,
                energy_label_valid_from: r.energyLabelValidFrom,
                energy_label_valid_to: r.energyLabelValidTo,
              },
            },
          };
        },
      ),
  },
  units: {
    table: "units",
    keyColumn: "unit_number",
    resolve: (v, look) =>
      withParsed(
        parseUnit(v),
        look,
        (r) => r.organisation,
        (r, orgId) => {
          const dept = look.departments.get(keyOf(orgId, r.department));
          if (!dept) return fail("department", "masterdata.errors.department_unknown");
          let buildingId: string | null = null;
          if (r.building) {
            const building = look.buildings.get(keyOf(orgId, r.building));
            if (!building) return fail("building", "masterdata.errors.building_unknown");
            if (building.departmentId !== dept.id)
              return fail("building", "masterdata.errors.building_other_department");
            buildingId = building.id;
          }
          const a = r.address;
          return {
            ok: true,
            resolved: {
              organisationId: orgId,
              departmentId: dept.id,
              externalKey: r.unitNumber,
              values: {
                organisation_id: orgId,
                department_id: dept.id,
                building_id: buildingId,
                unit_number: r.unitNumber,
                street: a.street,
                house_number: a.houseNumber,
                floor: a.floor,
                door: a.door,
                postcode: a.postcode,
                town: a.town,
                address_search: oneLineAddress(a).toLowerCase(),
                dar_id: r.darId,
                bbr_unit_uuid: r.bbrUnitUuid,
                kind: r.kind,
                rooms: r.rooms,
                area_m2: r.areaM2,
                rent_ore: r.rentOre,
                status: r.status,
                has_elevator: r.hasElevator,
                has_step_free_access: r.hasStepFreeAccess,
                has_balcony_or_garden: r.hasBalconyOrGarden,
                is_pets_allowed: r.isPetsAllowed,
              },
            },
          };
        },
      ),
  },
  people: {
    table: "people",
    keyColumn: "person_number",
    resolve: (v, look) =>
      withParsed(
        parsePerson(v),
        look,
        (r) => r.organisation,
        (r, orgId) => ({
          ok: true,
          resolved: {
            organisationId: orgId,
            departmentId: null,
            externalKey: r.personNumber,
            cpr: r.cpr,
            values: {
              organisation_id: orgId,
              person_number: r.personNumber,
              name: r.name,
              birth_date: r.birthDate,
              email: r.email,
              phone: r.phone,
              ...addressWithUnit(r.address),
              language: r.language,
              is_digital_post_exempt: r.isDigitalPostExempt,
              has_email_consent: r.hasEmailConsent,
              ...(r.cpr ? { cpr_legal_basis: r.cprLegalBasis } : {}),
            },
          },
        }),
      ),
  },
  tenancies: {
    table: "tenancies",
    keyColumn: "tenancy_number",
    resolve: (v, look) =>
      withParsed(
        parseTenancy(v),
        look,
        (r) => r.organisation,
        (r, orgId) => {
          const unit = look.units.get(keyOf(orgId, r.unit));
          if (!unit) return fail("unit", "masterdata.errors.unit_unknown");
          const members: { personId: string; role: string }[] = [];
          for (const m of r.members) {
            const person = look.people.get(keyOf(orgId, m.person));
            if (!person) return fail("members", "masterdata.errors.person_unknown");
            if (members.some((x) => x.personId === person.id))
              return fail("members", "masterdata.errors.member_twice");
            members.push({ personId: person.id, role: m.role });
          }
          return {
            ok: true,
            resolved: {
              organisationId: orgId,
              departmentId: unit.departmentId,
              externalKey: r.tenancyNumber,
              members,
              values: {
                organisation_id: orgId,
                unit_id: unit.id,
                tenancy_number: r.tenancyNumber,
                start_date: r.startDate,
                end_date: r.endDate,
                rent_at_start_ore: r.rentAtStartOre,
              },
            },
          };
        },
      ),
  },
};
