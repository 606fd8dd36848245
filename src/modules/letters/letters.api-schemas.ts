import { z } from "zod";
import { channelRules, channels } from "./channel-rules.ts";
import { type LetterType, letterTypeNames } from "./letter-types.ts";
import type { findBatch } from "./letters.repository.ts";
import { letterStatuses } from "./letters.table.ts";
import { audienceKinds } from "./notices.service.ts";

/** The zod schemas the letters API shares: they validate the responses and make the OpenAPI document. */

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const tags = ["letters"];
export const pageSize = 100;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
export const pageQuery = z.coerce.number().int().min(1).max(100_000).default(1);
export const idParams = z.object({ id: z.string().max(64) });

/** A PDF answer (the route sends the bytes itself; this only documents them). */
export const pdfResponse = (description: string) => ({
  200: {
    description,
    content: { "application/pdf": { schema: z.string().describe("The PDF file") } },
  },
  ...errors,
});

export const letterType = z.enum(letterTypeNames as [LetterType, ...LetterType[]]);
export const channel = z
  .enum(channels)
  .describe("digital_post (Digital Post, e-Boks/mit.dk), email or paper");
export const letterStatus = z
  .enum(letterStatuses)
  .describe(
    "queued → sending → sent, or retrying → … → failed after the last attempt; paper: queued → in_print → sent",
  );
export const language = z.enum(["da", "en"]);

/** A letter as staff see it (see toLetterJson in presenters.ts); the PDF has its own address. */
export const letterJson = z.object({
  id: z.string(),
  organisationId: z.string(),
  departmentId: z.string().nullable(),
  batchId: z.string().nullable().describe("The notice batch the letter belongs to, if any"),
  type: letterType,
  reference: z.string().describe("The short reference printed on the letter, e.g. 7K3F-92QA"),
  recipient: z.object({
    personId: z.string(),
    name: z.string(),
    addressLines: z.array(z.string()),
  }),
  email: z.string().nullable().describe("The address an e-mailed letter goes to; null for other channels"),
  language,
  date: z.string().describe("The letter's date, YYYY-MM-DD"),
  subject: z.string(),
  body: z.string(),
  template: z
    .object({ id: z.string().nullable(), version: z.number().int() })
    .describe("The template version the letter was made from; version 0 is the built-in default"),
  channel,
  channelRule: z.enum(channelRules).describe("Why the channel was chosen"),
  delivery: z.enum(["immediate", "digest"]).describe("digest: waits for the resident's daily e-mail digest"),
  status: letterStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe("When delivery is next tried; null when sent or on paper"),
  printBatchId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/** Letters of one batch counted by status. */
export const statusCounts = z.object({
  queued: z.number(),
  sending: z.number(),
  retrying: z.number(),
  sent: z.number(),
  failed: z.number(),
  in_print: z.number(),
});
export type StatusCountsJson = z.infer<typeof statusCounts>;
export const emptyStatusCounts = (): StatusCountsJson => ({
  queued: 0,
  sending: 0,
  retrying: 0,
  sent: 0,
  failed: 0,
  in_print: 0,
});

export const batchJson = z.object({
  id: z.string(),
  organisationId: z.string(),
  departmentId: z.string().nullable(),
  type: letterType,
  title: z.string(),
  audience: z.object({
    kind: z.string().describe("department, building or units"),
    label: z.string().describe("Who the notice went to, as staff read it"),
  }),
  letterCount: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable().describe("The name of the user who sent it"),
  statusCounts,
});

export const batchDetailJson = batchJson.extend({
  channels: z
    .object({ digital_post: statusCounts, email: statusCounts, paper: statusCounts })
    .describe("The letters counted by status for each channel"),
});

type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;
export const toBatchJson = (b: BatchRow, counts: StatusCountsJson): z.infer<typeof batchJson> => ({
  id: b.id,
  organisationId: b.organisation_id,
  departmentId: b.department_id,
  type: b.letter_type,
  title: b.title,
  audience: { kind: b.audience_json.kind, label: b.audience_json.label },
  letterCount: b.letter_count,
  createdAt: b.created_at,
  createdBy: b.created_by_name,
  statusCounts: { ...counts },
});

export const ownLetterItem = z.object({
  id: z.string(),
  type: letterType,
  reference: z.string(),
  subject: z.string(),
  channel,
  status: letterStatus,
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const ownLetterJson = ownLetterItem.extend({ body: z.string(), date: z.string(), language });

export const noticeBody = z.object({
  departmentId: z.string().max(64).describe("The department the homes belong to"),
  audience: z
    .enum(audienceKinds)
    .describe("department: every home; building: one building (buildingNumber); units: unitNumbers"),
  buildingNumber: z.string().max(64).optional(),
  unitNumbers: z.array(z.string().max(64)).max(10_000).optional().describe('Unit numbers such as "101-0002"'),
  subject: z.string().describe("At most 200 characters; merge fields such as {{name}} may be used"),
  message: z.string().describe("The text merged into the organisation's notice template"),
  dryRun: z.boolean().default(false).describe("Only count the letters per channel and show one of each"),
});
export const noticePreview = z.object({
  total: z.number(),
  counts: z.object({ digital_post: z.number(), email: z.number(), paper: z.number() }),
  samples: z
    .array(
      z.object({
        channel,
        channelRule: z.enum(channelRules),
        recipientName: z.string(),
        subject: z.string(),
        body: z.string(),
      }),
    )
    .describe("One letter per channel used, as it would be sent"),
});

/** batchLetters' summary rows counted per channel, and for the batch as a whole. */
export const countsByChannel = (summary: { channel: string; status: string; count: number }[]) => {
  const byChannel = Object.fromEntries(channels.map((c) => [c, emptyStatusCounts()])) as Record<
    (typeof channels)[number],
    StatusCountsJson
  >;
  const all = emptyStatusCounts();
  for (const s of summary) {
    const status = s.status as keyof StatusCountsJson;
    byChannel[s.channel as (typeof channels)[number]][status] += s.count;
    all[status] += s.count;
  }
  return { byChannel, all };
};
