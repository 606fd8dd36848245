/**
 * The import/export formats, one per kind: columns in file order (rows.ts turns a row
 * of strings into a typed record). Documented in docs/import.md; export writes the same columns.
 */
export const importKinds = [
  "organisations",
  "departments",
  "buildings",
  "units",
  "people",
  "tenancies",
] as const;
export type ImportKind = (typeof importKinds)[number];
export const isImportKind = (v: unknown): v is ImportKind => importKinds.includes(v as ImportKind);

export interface CellError {
  column: string;
  message: string;
}

export type Parsed<R> = { ok: true; record: R } | { ok: false; errors: CellError[] };

export const columns: Record<ImportKind, readonly string[]> = {
  organisations: ["number", "name", "cvr", "street", "house_number", "floor", "door", "postcode", "town"],
  departments: [
    "organisation",
    "number",
    "name",
    "municipality_code",
    "street",
    "house_number",
    "postcode",
    "town",
    "construction_year",
    "has_board",
  ],
  buildings: [
    "organisation",
    "department",
    "building_number",
    "street",
    "house_number",
    "postcode",
    "town",
    "dar_id",
    "bbr_uuid",
    "construction_year",
    "bbr_use_code",
    "energy_label",
    "energy_label_serial",
    "energy_label_valid_from",
    "energy_label_valid_to",
  ],
  units: [
    "organisation",
    "department",
    "building",
    "unit_number",
    "street",
    "house_number",
    "floor",
    "door",
    "postcode",
    "town",
    "kind",
    "rooms",
    "area_m2",
    "rent",
    "status",
    "elevator",
    "step_free",
    "balcony_or_garden",
    "pets_allowed",
    "dar_id",
    "bbr_unit_uuid",
  ],
  people: [
    "organisation",
    "person_number",
    "name",
    "birth_date",
    "email",
    "phone",
    "street",
    "house_number",
    "floor",
    "door",
    "postcode",
    "town",
    "language",
    "digital_post_exempt",
    "email_consent",
    "cpr",
    "cpr_legal_basis",
  ],
  tenancies: ["organisation", "tenancy_number", "unit", "start_date", "end_date", "rent_at_start", "members"],
};

/** Columns a file may leave out: CPR numbers are never exported, so export → import must work without them. */
export const optionalColumns: Partial<Record<ImportKind, readonly string[]>> = {
  people: ["cpr", "cpr_legal_basis"],
};
