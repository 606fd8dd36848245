import { z } from "zod";
import { choices, voteKinds, voteStatuses } from "./votes.table.ts";

/** The zod schemas of the votes API: they validate requests and responses and make the OpenAPI document. */

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const tags = ["votes"];
export const idParams = z.object({ id: z.string().max(64) });

export const choiceJson = z.enum(choices);

export const voteJson = z.object({
  id: z.string(),
  departmentId: z.string(),
  department: z.string(),
  kind: z.enum(voteKinds).describe("ballot = urafstemning; digital = digital vote alongside a meeting"),
  status: z.enum(voteStatuses),
  title: z.string(),
  question: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  meetingId: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  roll: z
    .object({
      hash: z.string().describe("SHA-256 of the roll's canonical text, frozen when the vote opened"),
      households: z.number(),
      people: z.number(),
      ballots: z.number().describe("The most ballots the roll allows"),
      soleAdultCastsBoth: z.boolean(),
      frozenAt: z.string(),
    })
    .nullable(),
});

export const entitlementJson = z.object({
  onRoll: z.boolean(),
  own: z.number().describe("Ballots the person may cast in all (2 only for a sole adult)"),
  cast: z.number(),
  householdCast: z.number(),
  remaining: z.number(),
  channel: z.enum(["web", "paper"]).nullable(),
});

export const resultsJson = z.object({
  yes: z.number(),
  no: z.number(),
  blank: z.number(),
  ballots: z.number().describe("Ballots in the box, counted now"),
  marks: z.number().describe("Roll marks (people who voted, once per ballot)"),
  published: z.object({ yes: z.number(), no: z.number(), blank: z.number(), rejected: z.number() }),
  verified: z.boolean().describe("The recount equals the published tally and ballots = marks"),
  outcome: z.enum(["yes", "no", "tie"]),
});

export const voteDetailJson = voteJson.extend({
  me: entitlementJson
    .nullable()
    .describe("Your place on the roll; null if you do not take part in the department"),
  results: resultsJson.nullable().describe("Only once the vote has closed"),
});

export const newVoteJson = z.object({
  departmentId: z.string().min(1).max(64),
  title: z.string().max(200),
  question: z.string().max(4000),
  kind: z.enum(voteKinds),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  meetingId: z.string().max(64).optional(),
  agendaItemId: z.string().max(64).optional(),
});

export const castJson = z.object({
  choices: z.array(choiceJson).min(1).max(2).describe("One ballot; two only for a sole adult casting both"),
});

export const paperJson = z.object({
  personId: z.string().min(1).max(64).describe("The person on the roll the paper ballot is from"),
  choice: choiceJson,
});

export const receiptsJson = z.object({ receipts: z.array(z.string()) });

export const rollJson = z.object({
  hash: z.string(),
  matches: z.boolean().describe("The stored roll still gives the frozen hash"),
  canonical: z.string().describe("The text the hash is taken over (see docs/democracy-votes.md)"),
  entries: z.array(
    z.object({
      householdId: z.string(),
      personId: z.string(),
      seq: z.number(),
      voted: z.enum(["web", "paper"]).nullable(),
    }),
  ),
});
