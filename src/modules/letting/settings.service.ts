import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import type { Database } from "../../db/database-types.ts";
import { prepareQuery } from "../../db/prepared.ts";
import { organisationsWith, type Principal, requireAccess } from "../../platform/access.ts";
import { type Actor, audit, type Executor } from "../../platform/audit.ts";
import { nowIso } from "../../platform/clock.ts";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { memoByText } from "../../platform/memo.ts";
import { effectiveSettings, type LettingSettings, lettingSettingsSchema } from "./settings.ts";

/** The letting rule values as stored (organisation values, department overrides) and in force. */

export type SettingKey = keyof LettingSettings;
export const settingKeys = Object.keys(lettingSettingsSchema.shape) as SettingKey[];

/** How each rule value is entered: whole number, kroner (stored in øre), yes/no, one or several choices. */
export type FieldKind = "int" | "money" | "bool" | "enum" | "multi";
export const fieldKinds: Record<SettingKey, FieldKind> = {
  minimumAge: "int",
  signUpFeeOre: "money",
  renewalFeeOre: "money",
  reminderDays: "int",
  municipalAssignmentEvery: "int",
  municipalAssignmentExempt: "bool",
  rehousingPriority: "bool",
  flexibleSharePercent: "int",
  flexibleCriteria: "multi",
  childrenPriorityMinRooms: "int",
  internalEvery: "int",
  combinedLetting: "bool",
  maxPersonsPerRoom: "int",
  offersPerRound: "int",
  answerDays: "int",
  passiveAfterUnanswered: "int",
  withdrawalQuarantineMonths: "int",
  afterLease: "enum",
};
export const afterLeaseOptions = ["keep_internal", "keep_all", "remove_all"] as const;

/** A number rule's bounds, read from the schema so the form and the hint never disagree with it. */
export function boundsOf(key: SettingKey): { min: number; max: number } {
  const inner = (lettingSettingsSchema.shape[key] as z.ZodDefault<z.ZodNumber>).unwrap();
  return { min: inner.minValue ?? 0, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** What a form holds: text per field, a list for the multi-choice. */
export type FormState = Record<string, string | string[]>;

const kronerFormat = new Intl.NumberFormat("da-DK", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Øre as kroner in a form field: "1.300,50" (the way people type amounts here). */
export const kronerText = (ore: number) => kronerFormat.format(ore / 100);

export function toFormValue(key: SettingKey, value: LettingSettings[SettingKey]): string | string[] {
  const kind = fieldKinds[key];
  if (kind === "money") return kronerText(value as number);
  if (kind === "bool") return value ? "ja" : "";
  if (kind === "multi") return [...(value as string[])];
  return String(value);
}

export function toFormState(values: Partial<LettingSettings>): FormState {
  const out: FormState = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined) out[key] = toFormValue(key as SettingKey, value);
  return out;
}

/**
 * Keeps only the stored keys that are still valid: a value saved under an older schema (or by
 * hand) must not stop letting, so it falls back to the organisation's value or the default.
 */
export function validStored(raw: unknown): Partial<LettingSettings> {
  if (!raw || typeof raw !== "object") return {};
  const out: Record<string, unknown> = {};
  for (const key of settingKeys) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const parsed = lettingSettingsSchema.shape[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<LettingSettings>;
}

const lettingOf = (settings: Record<string, unknown> | null | undefined) => validStored(settings?.letting);

// The stored settings come as their text (an alias the row conversion leaves alone): the values
// in force are worked out once per pair of texts (`inForceFrom`).
const storedOrganisationSettings = prepareQuery((db, p: { organisationId: string }) =>
  db
    .selectFrom("organisations")
    .select(sql<string>`settings_json`.as("org_settings"))
    .where("id", "=", p.organisationId),
);

/**
 * A department's stored settings text and its organisation's, as `settingsInForce` takes them; a
 * query that needs more of the department in the same statement selects on from here.
 */
export const departmentSettingsQuery = (db: Kysely<Database> | Executor, departmentId: string) =>
  db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .select([
      "d.organisation_id",
      sql<string>`o.settings_json`.as("org_settings"),
      sql<string>`d.settings_json`.as("dept_settings"),
    ])
    .where("d.id", "=", departmentId);

const storedDepartmentSettings = prepareQuery((db, p: { departmentId: string }) =>
  departmentSettingsQuery(db, p.departmentId),
);

/**
 * The rule values in force for stored organisation and department settings (their JSON texts,
 * joined by a NUL, which JSON text never holds). Checking every stored key against the schema,
 * twice, and then the whole, on every offer round, was a quarter of its set-up garbage, and the
 * texts seldom change: each pair is worked out once. Every caller shares the result, so it is frozen.
 */
const inForce = memoByText((texts): LettingSettings => {
  const [organisation, department] = texts
    .split("\u0000")
    .map((text) => (text === "" ? undefined : lettingOf(JSON.parse(text) as Record<string, unknown> | null)));
  const settings = effectiveSettings(organisation, department);
  for (const value of Object.values(settings)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(settings);
}, 1000);
const inForceFrom = (organisation: string | undefined, department: string | undefined) =>
  inForce(`${organisation ?? ""}\u0000${department ?? ""}`);

/** The rule values in force for an organisation, or for one of its departments: one query. */
export async function lettingSettingsFor(
  db: Kysely<Database> | Executor,
  organisationId: string,
  departmentId?: string,
): Promise<LettingSettings> {
  if (!departmentId) {
    const org = await storedOrganisationSettings.executeTakeFirst(db, { organisationId });
    return inForceFrom(org?.org_settings, undefined);
  }
  return settingsInForce(
    organisationId,
    await storedDepartmentSettings.executeTakeFirst(db, { departmentId }),
  );
}

/** The stored settings texts of a department and its organisation, as a query reads them. */
export interface StoredSettings {
  organisation_id: string;
  org_settings: string;
  dept_settings: string;
}

/** The rule values in force from a department's stored texts (the defaults for another organisation's). */
export function settingsInForce(organisationId: string, stored: StoredSettings | undefined): LettingSettings {
  if (stored?.organisation_id !== organisationId) return inForceFrom(undefined, undefined);
  return inForceFrom(stored.org_settings, stored.dept_settings);
}

/** Organisations whose rules the principal may set (all of them for a system administrator). */
export async function settingsOrganisations(db: Kysely<Database>, principal: Principal) {
  const ids = organisationsWith(principal, "letting.settings");
  if (ids !== null && ids.length === 0) return [];
  let q = db.selectFrom("organisations").select(["id", "number", "name"]).orderBy("number");
  if (ids !== null) q = q.where("id", "in", ids);
  return q.execute();
}

export interface OrganisationSettingsView {
  organisation: { id: string; number: number; name: string };
  stored: Partial<LettingSettings>;
  effective: LettingSettings;
  departments: { id: string; number: number; name: string; overrides: number }[];
}

export async function organisationSettings(
  db: Kysely<Database>,
  principal: Principal,
  organisationId: string,
): Promise<OrganisationSettingsView> {
  requireAccess(principal, "letting.settings", { organisationId });
  const [org, departments] = await Promise.all([
    db
      .selectFrom("organisations")
      .select(["id", "number", "name", "settings_json"])
      .where("id", "=", organisationId)
      .executeTakeFirst(),
    db
      .selectFrom("departments")
      .select(["id", "number", "name", "settings_json"])
      .where("organisation_id", "=", organisationId)
      .orderBy("number")
      .execute(),
  ]);
  if (!org) throw new NotFoundError();
  const stored = lettingOf(org.settings_json);
  return {
    organisation: { id: org.id, number: org.number, name: org.name },
    stored,
    effective: effectiveSettings(stored, undefined),
    departments: departments.map((d) => ({
      id: d.id,
      number: d.number,
      name: d.name,
      overrides: Object.keys(lettingOf(d.settings_json)).length,
    })),
  };
}

export interface DepartmentSettingsView {
  department: { id: string; number: number; name: string; organisationId: string };
  organisationValues: LettingSettings;
  overrides: Partial<LettingSettings>;
  effective: LettingSettings;
}

export async function departmentSettings(
  db: Kysely<Database> | Executor,
  principal: Principal,
  departmentId: string,
): Promise<DepartmentSettingsView> {
  const row = await db
    .selectFrom("departments as d")
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .select([
      "d.id",
      "d.number",
      "d.name",
      "d.organisation_id",
      "o.settings_json as org_settings_json",
      "d.settings_json as dept_settings_json",
    ])
    .where("d.id", "=", departmentId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  requireAccess(principal, "letting.settings", { organisationId: row.organisation_id, departmentId });
  const organisationValues = effectiveSettings(lettingOf(row.org_settings_json), undefined);
  const overrides = lettingOf(row.dept_settings_json);
  return {
    department: { id: row.id, number: row.number, name: row.name, organisationId: row.organisation_id },
    organisationValues,
    overrides,
    effective: effectiveSettings(organisationValues, overrides),
  };
}

/** Saves an organisation's rule values (all of them, already validated), keeping its other settings. */
export async function saveOrganisationSettings(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  organisationId: string,
  values: LettingSettings,
): Promise<void> {
  requireAccess(principal, "letting.settings", { organisationId });
  const letting = lettingSettingsSchema.parse(values);
  await ctx.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organisations")
      .select("settings_json")
      .where("id", "=", organisationId)
      .executeTakeFirst();
    if (!org) throw new NotFoundError();
    const before = lettingOf(org.settings_json);
    await trx
      .updateTable("organisations")
      .set({ settings_json: { ...org.settings_json, letting }, updated_at: nowIso(ctx.clock) })
      .where("id", "=", organisationId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "letting.settings.save",
      entity: "organisation",
      entityId: organisationId,
      organisationId,
      before,
      after: letting,
    });
  });
}

/** Saves a department's overrides: only the keys given are stored, the rest follow the organisation. */
export async function saveDepartmentOverrides(
  ctx: AppContext,
  actor: Actor,
  principal: Principal,
  departmentId: string,
  overrides: Partial<LettingSettings>,
): Promise<void> {
  // Field by field: a partial schema would fill in the defaults of the keys left out.
  const letting: Record<string, unknown> = {};
  for (const key of settingKeys)
    if (overrides[key] !== undefined) letting[key] = lettingSettingsSchema.shape[key].parse(overrides[key]);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await departmentSettings(trx, principal, departmentId);
    const dept = await trx
      .selectFrom("departments")
      .select("settings_json")
      .where("id", "=", departmentId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("departments")
      .set({ settings_json: { ...dept.settings_json, letting }, updated_at: nowIso(ctx.clock) })
      .where("id", "=", departmentId)
      .execute();
    await audit(trx, ctx.clock, actor, {
      action: "letting.settings.department_save",
      entity: "department",
      entityId: departmentId,
      organisationId: current.department.organisationId,
      before: current.overrides,
      after: letting,
    });
  });
}
