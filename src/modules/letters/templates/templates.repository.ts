import type { Kysely } from "kysely";
import type { Database } from "../../../db/database-types.ts";
import type { LetterType } from "../letter-types.ts";
import { defaultTemplates, type TemplateText } from "./default-templates.ts";

export interface TemplateVersion extends TemplateText {
  /** Null for the built-in default (version 0). */
  id: string | null;
  version: number;
  createdAt: string | null;
  createdBy: string | null;
}

/** The version in force for an organisation, letter type and language: the newest, or the default. */
export async function currentTemplate(
  db: Kysely<Database>,
  organisationId: string,
  letterType: LetterType,
  language: "da" | "en",
): Promise<TemplateVersion> {
  const row = await db
    .selectFrom("letter_templates")
    .select(["id", "version", "subject", "body", "created_at", "created_by"])
    .where("organisation_id", "=", organisationId)
    .where("letter_type", "=", letterType)
    .where("language", "=", language)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  if (row) {
    return {
      id: row.id,
      version: row.version,
      subject: row.subject,
      body: row.body,
      createdAt: row.created_at,
      createdBy: row.created_by,
    };
  }
  return {
    id: null,
    version: 0,
    ...defaultTemplates[letterType][language],
    createdAt: null,
    createdBy: null,
  };
}

/** Every stored version, newest first, followed by the built-in default. */
export async function templateHistory(
  db: Kysely<Database>,
  organisationId: string,
  letterType: LetterType,
  language: "da" | "en",
): Promise<(TemplateVersion & { createdByName: string | null })[]> {
  const rows = await db
    .selectFrom("letter_templates as t")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select(["t.id", "t.version", "t.subject", "t.body", "t.created_at", "t.created_by", "u.name"])
    .where("t.organisation_id", "=", organisationId)
    .where("t.letter_type", "=", letterType)
    .where("t.language", "=", language)
    .orderBy("t.version", "desc")
    .execute();
  return [
    ...rows.map((r) => ({
      id: r.id,
      version: r.version,
      subject: r.subject,
      body: r.body,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.name,
    })),
    {
      id: null,
      version: 0,
      ...defaultTemplates[letterType][language],
      createdAt: null,
      createdBy: null,
      createdByName: null,
    },
  ];
}
