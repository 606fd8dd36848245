import type { Generated } from "kysely";
import type { Channel, ChannelRule } from "./channel-rules.ts";
import type { LetterType } from "./letter-types.ts";

/** Kysely row types of the letters tables (see db/migrations/2026-11-27T2000-letters.ts). */

/**
 * queued → sending → sent, or → retrying → … → failed after the last attempt.
 * Paper: queued → in_print (in a print batch) → sent (staff confirmed it was printed).
 */
export const letterStatuses = ["queued", "sending", "retrying", "sent", "failed", "in_print"] as const;
export type LetterStatus = (typeof letterStatuses)[number];
export type Delivery = "immediate" | "digest";
export type EmailFrequency = "immediate" | "daily_digest";

export interface LetterTemplatesTable {
  id: string;
  organisation_id: string;
  letter_type: LetterType;
  language: "da" | "en";
  version: number;
  subject: string;
  body: string;
  created_by: string | null;
  created_at: string;
}

export interface LetterBatchesTable {
  id: string;
  organisation_id: string;
  department_id: string | null;
  letter_type: LetterType;
  title: string;
  audience_json: { kind: string; label: string };
  letter_count: number;
  created_by: string | null;
  created_at: string;
}

export interface PrintBatchesTable {
  id: string;
  organisation_id: string;
  letter_count: number;
  created_by: string | null;
  created_at: string;
  printed_by: string | null;
  printed_at: string | null;
}

export interface LettersTable {
  id: string;
  organisation_id: string;
  department_id: string | null;
  batch_id: string | null;
  letter_type: LetterType;
  reference: string;
  recipient_person_id: string;
  recipient_name: string;
  recipient_address_json: string[];
  recipient_email: string | null;
  language: "da" | "en";
  document_date: string;
  subject: string;
  body: string;
  /** Null with version 0: the built-in default template produced the letter. */
  template_id: string | null;
  template_version: number;
  channel: Channel;
  channel_rule: ChannelRule;
  delivery: Delivery;
  status: LetterStatus;
  /** When a worker should next look at the letter; null when no worker needs to. */
  due_at: string | null;
  attempts: Generated<number>;
  claim_token: string | null;
  last_error: string | null;
  memo_uuid: string | null;
  print_batch_id: string | null;
  sent_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LetterPdfsTable {
  letter_id: string;
  pdf: Buffer;
}

export interface LettersTables {
  letter_templates: LetterTemplatesTable;
  letter_batches: LetterBatchesTable;
  print_batches: PrintBatchesTable;
  letters: LettersTable;
  letter_pdfs: LetterPdfsTable;
}
