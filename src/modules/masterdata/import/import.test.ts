import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../../test/helpers.ts";
import type { Reach } from "../../../platform/access.ts";
import { decrypt } from "../../../platform/crypto.ts";
import { importFile } from "./engine.ts";
import { type ImportKind, importKinds } from "./kinds.ts";

let app: TestApp;
const everywhere: Reach = { all: true, organisationIds: [], departmentIds: [] };
const actor = { userId: null, label: "import test" };
const example = (kind: ImportKind) =>
  readFileSync(path.join(import.meta.dirname, "../../../../docs/import-examples", `${kind}.csv`));
const run = (kind: ImportKind, file: Buffer | string, reach = everywhere) =>
  importFile(app.ctx, actor, reach, kind, () => (typeof file === "string" ? Buffer.from(file) : file));

beforeAll(async () => {
  app = await buildTestApp({ seed: false });
});
afterAll(async () => {
  await app.close();
});

describe("importing master data", () => {
  it("imports every example file, then the same files again change nothing", async () => {
    for (const kind of importKinds) {
      const report = await run(kind, example(kind));
      expect(report.errors, kind).toEqual([]);
      expect(report.written, kind).toBe(true);
      expect(report.created, kind).toBeGreaterThan(0);
    }
    const unit = await app.ctx.db
      .selectFrom("units")
      .selectAll()
      .where("unit_number", "=", "701-001")
      .executeTakeFirstOrThrow();
    expect(unit).toMatchObject({
      rent_ore: 643250,
      area_m2: 79,
      floor: "st",
      door: "tv",
      has_step_free_access: true,
      is_pets_allowed: false,
      address_search: "søndergade 4, st. tv, 2400 københavn nv",
    });
    const person = await app.ctx.db
      .selectFrom("people")
      .selectAll()
      .where("person_number", "=", "P-1002")
      .executeTakeFirstOrThrow();
    expect(person.cpr_masked).toBe("170582-XXXX");
    expect(decrypt(app.ctx.config.dataKey, person.cpr_enc!)).toBe("170582-1234");
    expect(person.birth_date).toBe("1982-05-17");
    const members = await app.ctx.db.selectFrom("household_members").selectAll().execute();
    expect(members).toHaveLength(3);
    const audits = await app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "import.create")
      .execute();
    expect(audits.length).toBe(1 + 2 + 2 + 3 + 3 + 2);
    const auditText = JSON.stringify(await app.ctx.db.selectFrom("audit_log").selectAll().execute());
    expect(auditText).not.toContain("170582-1234");
    expect(auditText).not.toContain("1705821234");

    for (const kind of importKinds) {
      const again = await run(kind, example(kind));
      expect({ kind, created: again.created, updated: again.updated }).toEqual({
        kind,
        created: 0,
        updated: 0,
      });
      expect(again.unchanged).toBe(again.rows);
    }
  });

  it("updates a changed row and audits before → after", async () => {
    const changed = example("units").toString("utf8").replace("6.432,50", "6.500,00");
    const report = await run("units", changed);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const entry = await app.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "import.update")
      .executeTakeFirstOrThrow();
    expect(entry.before_json).toEqual({ rent_ore: 643250 });
    expect(entry.after_json).toEqual({ rent_ore: 650000 });
  });

  it("writes nothing when any row is bad, and reports each bad row with line, column and reason", async () => {
    const before = await app.ctx.db.selectFrom("units").select("unit_number").execute();
    const bad = [
      "organisation;department;building;unit_number;street;house_number;floor;door;postcode;town;kind;rooms;area_m2;rent;status;elevator;step_free;balcony_or_garden;pets_allowed;dar_id;bbr_unit_uuid",
      "7;701;;701-900;Søndergade;4;2;tv;2400;København NV;family;2;60;5.000,00;vacant;nej;nej;nej;nej;;",
      "7;701;;701-901;Søndergade;0;k10;TV;9999;København NV;castle;2;60;fem;vacant;nej;nej;nej;nej;;",
      "7;799;;701-902;Søndergade;4;2;th;2400;København NV;family;2;60;5.000,00;vacant;nej;nej;nej;nej;;",
      "7;701;;701-900;Søndergade;4;3;tv;2400;København NV;family;2;60;5.000,00;vacant;nej;nej;nej;nej;;",
    ].join("\n");
    const report = await run("units", bad);
    expect(report.written).toBe(false);
    const byLine = (line: number) =>
      report.errors.filter((e) => e.line === line).map((e) => `${e.column}:${e.message}`);
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual(
      expect.arrayContaining([
        "house_number:masterdata.errors.house_number",
        "floor:masterdata.errors.floor",
        "postcode:masterdata.errors.postcode_unknown",
        "kind:masterdata.errors.unit_kind",
        "rent:masterdata.errors.amount",
      ]),
    );
    expect(byLine(4)).toEqual(["department:masterdata.errors.department_unknown"]);
    expect(byLine(5)).toEqual(["unit_number:masterdata.errors.duplicate_key"]);
    expect(await app.ctx.db.selectFrom("units").select("unit_number").execute()).toHaveLength(before.length);
  });

  it("refuses a tenancy that overlaps another on the same unit", async () => {
    const file =
      "organisation;tenancy_number;unit;start_date;end_date;rent_at_start;members\n7;L-3;701-001;2020-01-01;2020-12-31;6.000,00;P-1003:tenant\n";
    const report = await run("tenancies", file);
    expect(report.errors).toEqual([
      { line: 2, column: "start_date", message: "masterdata.errors.tenancy_overlap" },
    ]);
    const fine =
      "organisation;tenancy_number;unit;start_date;end_date;rent_at_start;members\n7;L-3;701-002;2020-01-01;2020-12-31;5.000,00;P-1003:tenant\n7;L-4;701-002;2021-01-01;;5.100,00;P-1003:tenant\n";
    expect((await run("tenancies", fine)).created).toBe(2);
  });

  it("refuses rows outside the importer's organisations", async () => {
    const report = await run("units", example("units"), {
      all: false,
      organisationIds: ["other-org"],
      departmentIds: [],
    });
    expect(report.written).toBe(false);
    expect(report.errors.every((e) => e.message === "masterdata.errors.no_access")).toBe(true);
  });

  it("reads Windows-1252 files with comma separators and decimal points", async () => {
    const text =
      "organisation,person_number,name,birth_date,email,phone,street,house_number,floor,door,postcode,town,language,digital_post_exempt,email_consent\n7,P-2001,Bjørn Ødegård,1990-01-02,,,,,,,,,da,nej,nej\n";
    const bytes = Buffer.from(text, "latin1");
    const report = await run("people", bytes);
    expect(report.dialect).toMatchObject({ separator: ",", encoding: "windows-1252" });
    expect(report.created).toBe(1);
    const p = await app.ctx.db
      .selectFrom("people")
      .select("name")
      .where("person_number", "=", "P-2001")
      .executeTakeFirstOrThrow();
    expect(p.name).toBe("Bjørn Ødegård");
  });

  it("names a missing column", async () => {
    const report = await run("departments", "organisation;number;name\n7;703;X\n");
    expect(report.errors.map((e) => e.column)).toEqual(
      expect.arrayContaining(["municipality_code", "has_board"]),
    );
  });
});

describe("exporting master data", () => {
  it("writes every kind in the import format, and importing the export changes nothing", async () => {
    const { exportRows } = await import("./export.ts");
    const { writeCsv } = await import("../../../platform/csv/write.ts");
    const { columns } = await import("./kinds.ts");
    for (const kind of importKinds) {
      const chunks: Buffer[] = [];
      for await (const chunk of writeCsv(exportRows(app.ctx.db, everywhere, kind), columns[kind]))
        chunks.push(Buffer.from(chunk));
      const file = Buffer.concat(chunks);
      expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const report = await run(kind, file);
      expect({ kind, errors: report.errors, created: report.created, updated: report.updated }).toEqual({
        kind,
        errors: [],
        created: 0,
        updated: 0,
      });
      expect(report.unchanged).toBeGreaterThan(0);
    }
    const people = [];
    for await (const row of exportRows(app.ctx.db, everywhere, "people")) people.push(row);
    expect(JSON.stringify(people)).not.toContain("170582");
  });
});
